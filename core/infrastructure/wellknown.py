"""/.well-known/security.txt (RFC 9116): where to report a vulnerability in this site."""

import datetime
import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

# Only for a local DEBUG server, which nobody outside can reach.
DEBUG_CONTACT = "mailto:security@localhost"
# Named as before the move to core/infrastructure/: log filters and alerts use the name.
logger = logging.getLogger("core.wellknown")


def contact_uri(value):
    """An e-mail address becomes a mailto: URI, as the RFC wants; URIs stay as they are."""
    if "@" in value and ":" not in value:
        return f"mailto:{value}"
    return value


def expiry(value):
    """SECURITY_TXT_EXPIRES as a UTC datetime: a date (the end of that day) or an ISO datetime."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        logger.error(
            "SECURITY_TXT_EXPIRES=%r is not an ISO date (2027-06-30); no security.txt", value
        )
        return None
    if len(value) == 10:  # a plain date: the file holds until the end of that day
        moment = moment.replace(hour=23, minute=59, second=59)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


@require_GET
def security_txt(request):
    """Served only when it can be true: in production both SECURITY_CONTACT and
    SECURITY_TXT_EXPIRES must be set (a 404 otherwise), never an invented contact."""
    contact = settings.SECURITY_CONTACT
    expires = expiry(settings.SECURITY_TXT_EXPIRES) if settings.SECURITY_TXT_EXPIRES else None
    if settings.DEBUG:
        contact = contact or DEBUG_CONTACT
        expires = expires or timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    if not contact or not expires:
        raise Http404("security.txt is not configured")
    lines = [
        f"Contact: {contact_uri(contact)}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
