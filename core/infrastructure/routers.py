"""An opt-in read replica (DATABASE_REPLICA_URL): readers' page views read from it,
everything else from the primary.

A replica lags the primary by up to a few seconds. Readers do not notice; an editor
would: the admin would show the change list without the workshop just saved, and a
change form filled from the replica's stale copy, saved back, would silently undo the
edit another editor made a second earlier. So the admin, every write request and every
request of someone signed in (staff previewing drafts) read the primary, and so do
sessions and accounts, which a sign-in has only just written.
"""

import contextvars

from django.conf import settings

PRIMARY = "default"
REPLICA = "replica"
# Apps whose rows a request may have written a moment ago, in the request before.
_PRIMARY_ONLY_APPS = {"sessions", "auth", "admin"}

read_from_primary = contextvars.ContextVar("read_from_primary", default=True)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if read_from_primary.get() or model._meta.app_label in _PRIMARY_ONLY_APPS:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica gets the schema by replication


def needs_primary(request):
    return (
        request.method not in ("GET", "HEAD", "OPTIONS")
        or request.path.startswith("/" + getattr(settings, "ADMIN_URL", "admin/"))
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


class ReadFromPrimaryMiddleware:
    """Lets anonymous page views read from the replica; nothing else does (the default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = read_from_primary.set(needs_primary(request))
        try:
            return self.get_response(request)
        finally:
            read_from_primary.reset(token)
