"""Public pages for anonymous readers from Django's cache, fresh the moment content changes.

Every reader without a session cookie gets the same bytes for a URL, so the answer to a GET
is kept in the cache under that URL and the current *content version*, and the next reader
gets it without a session, a query or a template. Any save or delete of a content model
(admin, import, restore, `loaddata`, history) makes a new version, so the next request
renders afresh; pages kept under an older version are never read again and age out.

Pages also change with nothing saved: a scheduled workshop goes public at its publish-at
time, and at midnight an upcoming workshop becomes a past one. So a version carries an
expiry, the first such moment, and a version past it counts as missing.

The version must be one for every process that serves or changes content (gunicorn's
workers, `manage.py` commands). It lives in the `content_version` cache when settings define
one (a file beside the code when the page cache itself is per-process local memory), else in
the default cache (Redis, shared by every app server).

Anyone with a session cookie (staff) bypasses all this and gets live pages, marked private.
"""

import datetime
import functools
import hashlib
import math
import re
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

VERSION_CACHE = "content_version"
VERSION_KEY = "pages:version"
# When content was last retracted (unpublished, made a draft again, or deleted). A last good
# copy kept before that moment may show it, so it is never served, stale or not.
RETRACTED_KEY = "pages:retracted"
# The whole query string is `page=N` and/or `year=N`. Anything else (a search, a tracking
# parameter, junk) is rendered but not kept, so nobody can fill the cache with made-up URLs.
# Only as the site writes them (no leading zero): "page=007" is not even rendered (a 404),
# and the views answer 404 for a page or year with nothing in it, which is never kept, so a
# path holds at most one copy per existing page and year.
CACHEABLE_QUERY = re.compile(r"(?:page|year)=[1-9]\d{0,3}(?:&(?:page|year)=[1-9]\d{0,3})?")
CACHE_HEADER = "X-Page-Cache"
CONDITIONS = {
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
}
# One version's Last-Modified is sent many times; formatting a date is not free.
_http_date = functools.lru_cache(maxsize=4)(http_date)


def _version_store():
    return caches[VERSION_CACHE if VERSION_CACHE in settings.CACHES else "default"]


def _page_store():
    return caches["default"]


def _now():
    # timezone.now, not time.time: tests that move the clock patch timezone.now.
    return timezone.now().timestamp()


# What the cache watches. Core imports no app: the publishing app registers the content
# models here when the apps are ready (publishing/apps.py).
_watched = []
_scheduled = []


def watch(model, scheduled=False):
    """Any save or delete of `model` (or change of its many-to-many rows) makes a new
    version. `scheduled`: the model has a `publish_at` time at which a row becomes public
    with nothing saved, so a version expires at the first such time to come."""
    uid = f"page-cache-{model._meta.label}"
    post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
    post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(_content_changed, sender=model, dispatch_uid=uid)
    if model not in _watched:
        _watched.append(model)
    if scheduled and model not in _scheduled:
        _scheduled.append(model)


def watched_models():
    return list(_watched)


def scheduled_models():
    return list(_scheduled)


# Other moments at which pages change with nothing saved, told by the apps above core
# (registration opening and closing): (model, field name).
_scheduled_fields = []


def schedule_fields(model, *names):
    """Pages change, with nothing saved, at the times in these fields of `model`."""
    for name in names:
        if (model, name) not in _scheduled_fields:
            _scheduled_fields.append((model, name))


def _scheduled_models():
    """(model, field) of every time to come at which pages change: publish-at times, then
    the fields apps told about. What `_next_change` asks; tests without a database replace
    it with nothing."""
    return [(model, "publish_at") for model in scheduled_models()] + _scheduled_fields


def _next_change(now):
    """The first moment after `now` (a timestamp) when pages change with nothing saved."""
    moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
    # Views compare dates with timezone.localdate(): "upcoming" ends at local midnight.
    tomorrow = timezone.localdate(moment) + datetime.timedelta(days=1)
    times = [timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))]
    # One query for every model with a publish-at time.
    upcoming = [
        model._base_manager.filter(**{f"{field}__gt": moment}).values_list(field).order_by()
        for model, field in _scheduled_models()
    ]
    if upcoming:
        first = upcoming[0].union(*upcoming[1:]).order_by(upcoming[0]._fields[0]).first()
        if first is not None:
            times.append(first[0])
    return min(times).timestamp()


def _new_version(now):
    """(token, made at, expires at): a token no other version has, and timestamps."""
    return (secrets.token_hex(8), now, _next_change(now))


def _is_current(version, now):
    # A clock that went back (tests do that) cannot trust a version made "later".
    return version is not None and version[1] <= now < version[2]


def current_version(now):
    """The content version at `now`, made afresh (one query) when missing or expired."""
    store = _version_store()
    version = store.get(VERSION_KEY)
    if _is_current(version, now):
        return version
    fresh = _new_version(now)
    if version is None:
        # Two processes making one at once: the first to store it wins, and both use it.
        if store.add(VERSION_KEY, fresh, timeout=None):
            return fresh
        return store.get(VERSION_KEY) or fresh
    store.set(VERSION_KEY, fresh, timeout=None)
    return fresh


def new_content_version(publish_at=None):
    """Makes a new version now. `publish_at`, the saved row's, may bring its expiry forward,
    which spares a query; a version that expires too early only renders pages once more."""
    store, now = _version_store(), _now()
    version = store.get(VERSION_KEY)
    if not _is_current(version, now):
        store.set(VERSION_KEY, _new_version(now), timeout=None)
        return
    expires = version[2]
    if publish_at is not None and now < publish_at.timestamp() < expires:
        expires = publish_at.timestamp()
    store.set(VERSION_KEY, (secrets.token_hex(8), now, expires), timeout=None)


def forget_content_version(**kwargs):
    """The next request makes a new version from what the database holds then."""
    _version_store().delete(VERSION_KEY)


def mark_retracted():
    _version_store().set(RETRACTED_KEY, _now(), timeout=None)


def _retracts(instance, signal):
    """A delete, or a save that leaves a publishable row not public (`is_published` is the
    publishing app's test; core imports no app): pages that showed it must not come back."""
    if signal is post_delete:
        return True
    return signal is post_save and getattr(instance, "is_published", True) is False


def _content_changed(sender, instance=None, using=None, action="post_", **kwargs):
    if not action.startswith("post_"):  # m2m_changed announces each change before it too
        return
    if _retracts(instance, kwargs.get("signal")):
        # Now, and again once committed: in between, another process may still render and
        # keep the retracted rows.
        mark_retracted()
        transaction.on_commit(mark_retracted, using=using)
    if transaction.get_connection(using).in_atomic_block:
        # Now, so that this connection (and every test, whose transaction never commits)
        # sees fresh pages at once; and again after the commit, because in between another
        # process may render the old rows, still committed, under the new version.
        publish_at = getattr(instance, "publish_at", None)
        new_content_version(publish_at if isinstance(publish_at, datetime.datetime) else None)
    # Outside a transaction the row is committed already, and this runs at once.
    transaction.on_commit(forget_content_version, using=using)


def connect_signals():
    """What makes a new version besides the watched models' writes (`watch`, tied to those
    senders only, so other models keep fast deletes)."""
    # `migrate` may change rows, `flush` (before `restore --force`) deletes them without
    # signals, and a changed setting (tests) may change any page.
    post_migrate.connect(forget_content_version, dispatch_uid="page-cache-migrate")
    setting_changed.connect(_setting_changed, dispatch_uid="page-cache-settings")


def _setting_changed(setting, **kwargs):
    if setting != "CACHES":  # a new cache holds no version to forget
        forget_content_version()


class PublicPageCacheMiddleware:
    """Anonymous GET and HEAD from the cache; public HTTP caching headers and 304s.

    Sits right after whitenoise and before the session middleware, so a hit costs two cache
    reads and no session, user, CSRF, query or template."""

    def __init__(self, get_response):
        self.get_response = get_response
        # The admin never is public; health probes must reach the process (and send
        # no-store anyway). With or without a language prefix.
        prefixes = ["", *(f"/{code}" for code, _name in settings.LANGUAGES)]
        self.never = tuple(
            f"{prefix}/{path}"
            for prefix in prefixes
            for path in (settings.ADMIN_URL, "healthz", "readyz")
        )

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                # A signed-in page (drafts, previews) is for that browser only, every time.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        now = _now()
        try:
            version = current_version(now)
        except DatabaseError:  # making a version needs the database
            return self._stale(request, key) or self.get_response(request)
        if settings.PAGE_CACHE:
            entry = _page_store().get(f"pages:{version[0]}:{key}")
            if entry is not None:
                return self._serve(request, entry, version, now, "hit")
        request._page_cache_key = key
        response = self.get_response(request)
        if not self._is_public(response):
            return response
        entry = self._entry(response)
        if settings.PAGE_CACHE and request.method == "GET":
            store, timeout = _page_store(), settings.PAGE_CACHE_TIMEOUT
            store.set(f"pages:{version[0]}:{key}", entry, timeout)
            # The last good copy, for when the database is down (see _stale), and when it
            # was kept.
            store.set(f"pages:last:{key}", (version[0], now), timeout)
        return self._serve(request, entry, version, now, "miss", response)

    def process_exception(self, request, exception):
        """A database that does not answer: the last good copy of a public page, said to be
        stale, rather than DatabaseUnavailableMiddleware's 503."""
        key = getattr(request, "_page_cache_key", None)
        if key is not None and isinstance(exception, OperationalError | InterfaceError):
            return self._stale(request, key)
        return None

    def _key(self, request):
        """The cache key of an anonymous, public request, or None for anything else."""
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.never):
            return None
        query = request.META.get("QUERY_STRING", "")
        if query and not CACHEABLE_QUERY.fullmatch(query):
            return None
        # Pages hold absolute URLs (canonical link, feeds, JSON-LD): scheme and host count.
        # The host as get_host() finds it, without its check against ALLOWED_HOSTS (a
        # measurable share of a hit): a host Django refuses gets a 400, never stored, so its
        # key can only miss.
        host = request._get_raw_host()
        url = f"{request.scheme}://{host}{request.path}?{query}"
        return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()

    def _is_public(self, response):
        # A view that set its own Cache-Control (never_cache, private) knows better.
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
        )

    def _entry(self, response):
        """What a hit needs: the body, the headers of the inner middlewares and the view,
        and an ETag that is the body's hash (the same on every app server)."""
        vary = [
            field
            for field in cc_delim_re.split(response.get("Vary", ""))
            if field and field.lower() != "cookie"
        ]
        # The session middleware adds Vary: Cookie because the view asked for the user. For
        # a request without the session cookie the answer is the one every anonymous reader
        # gets; signed-in readers get private responses, and proxies are told to pass
        # requests with the session cookie through (docs/deployment.md).
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        if not response.has_header("ETag"):
            set_response_etag(response)
        return (response.content, tuple(response.items()))

    def _serve(self, request, entry, version, now, how, response=None):
        content, headers = entry
        if response is None:
            response = HttpResponse(content, headers=headers)
        # Browsers and proxies keep it no longer than the version lasts: a scheduled
        # publication reaches them on time too. (Neither the view nor a hit has a
        # Cache-Control of its own: _is_public saw to that.)
        left = max(0, math.floor(version[2] - now))
        response["Cache-Control"] = (
            f"public, max-age={min(settings.PUBLIC_CACHE_MAX_AGE, left)}, "
            f"s-maxage={min(settings.PUBLIC_CACHE_S_MAXAGE, left)}"
        )
        # HTTP dates count whole seconds: in the second a version was made, another one may
        # follow, and a client holding the first would wrongly be told "not modified". So no
        # Last-Modified until that second is over; the ETag is exact anyway.
        modified = math.floor(version[1])
        if now >= modified + 1:
            response["Last-Modified"] = _http_date(modified)
        else:
            modified = None
        response[CACHE_HEADER] = how
        if not CONDITIONS.intersection(request.META):
            return response
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=modified, response=response
        )

    def _stale(self, request, key):
        """The last good copy, unless content was retracted since it was kept: a page
        unpublished or deleted is never served again, not even during an outage."""
        store = _page_store()
        last = store.get(f"pages:last:{key}")
        if not isinstance(last, tuple):
            return None
        token, kept_at = last
        retracted = _version_store().get(RETRACTED_KEY)
        if retracted is not None and kept_at <= retracted:
            return None
        entry = store.get(f"pages:{token}:{key}")
        if entry is None:
            return None
        content, headers = entry
        response = HttpResponse(content, headers=headers)
        response["Cache-Control"] = "no-store"
        response[CACHE_HEADER] = "stale"
        return response
