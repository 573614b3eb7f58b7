"""What "public" means, in one place, for every publishable model.

An object is public when its status is Published, its publish-at time, if it has one, has
passed, and the object it is published with (`publish_with`: a workshop's series) is public
too. The time is compared with `now` inside the query, so a scheduled workshop appears on
the public pages, feeds and sitemap at its time without a cron job, and nothing is written
when it does.

Nothing outside this package filters on `status` or `publish_at` to decide what readers
see: tests/test_publishing_home.py searches the code for it.
"""

from django.db.models import Q
from django.utils import timezone

from publishing.enums import Status


def published_q(prefix="", now=None):
    """The filter for rows whose own status and time make them public; `prefix` reaches a
    related model ("series__"). `public_q` also asks the object it is published with."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


def _chain(model):
    """The model's own prefix and those of the objects it is published with:
    a workshop gives ["", "series__"]."""
    prefixes, prefix = [""], ""
    while getattr(model, "publish_with", None):
        field = model._meta.get_field(model.publish_with)
        prefix = f"{prefix}{field.name}__"
        prefixes.append(prefix)
        model = field.related_model
    return prefixes


def public_q(model, prefix="", now=None):
    """The filter for public rows of a publishable `model`, reached through `prefix`:
    `public_q(Workshop, "workshop__")` filters partners of public workshops."""
    now = now or timezone.now()
    query = Q()
    for part in _chain(model):
        query &= published_q(f"{prefix}{part}", now)
    return query


def public_through_q(model, relation, now=None):
    """The filter for rows of `model` whose `relation` (a foreign key) is public, for an app
    below the related model's that may not import it: organizations' partner rows."""
    related = model._meta.get_field(relation).related_model
    return public_q(related, f"{relation}__", now)


def is_public(obj, now=None):
    """The same test as `public_q` for an object already in memory (its chain included)."""
    now = now or timezone.now()
    while obj is not None:
        if not is_published_alone(obj, now):
            return False
        parent = getattr(type(obj), "publish_with", None)
        obj = getattr(obj, parent) if parent else None
    return True


def is_published_alone(obj, now=None):
    """Whether `obj`'s own status and publish-at time make it public, whatever its parent."""
    now = now or timezone.now()
    return obj.status == Status.PUBLISHED and (obj.publish_at is None or obj.publish_at <= now)


def is_scheduled(obj, now=None):
    """Published, with a publish-at time still to come."""
    now = now or timezone.now()
    return obj.status == Status.PUBLISHED and obj.publish_at is not None and obj.publish_at > now
