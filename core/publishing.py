"""What "published" means, in one place, for every model with a status and a publish-at time.

An object is public when its status is Published and its publish-at time, if it has
one, has passed. The time is compared with `now` inside the query, so a scheduled
workshop appears on the public pages, feeds and sitemap at its time without a cron
job, and nothing is written when it does.
"""

from django.db.models import Q
from django.utils import timezone

from core.enums import Status


def published_q(prefix="", now=None):
    """The filter for public rows; `prefix` reaches a related model ("series__")."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


def is_public(obj, now=None):
    """The same test as `published_q` for an object already in memory."""
    now = now or timezone.now()
    return obj.status == Status.PUBLISHED and (obj.publish_at is None or obj.publish_at <= now)
