"""The site's time zone (settings.TIME_ZONE) in the admin, and the venue time zones staff
choose from.

Publish-at times are entered and shown in the site's zone, and every time the admin shows
carries the zone's name, so "09:00" is never ambiguous: entered as 09:00 New York time in
January, it is stored as 14:00 UTC.
"""

import functools
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# The IANA areas of real places; the rest of the database (EST5EDT, Etc/GMT+5, US/Eastern)
# are legacy aliases staff should not have to scroll past.
AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


def site_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def format_site_datetime(value):
    """`value` in the site's zone with the zone's name: "15 January 2027, 09:00 EST
    (America/New_York)"."""
    local = timezone.localtime(value, site_zone())
    return _("%(datetime)s %(abbreviation)s (%(zone)s)") % {
        "datetime": date_format(local, "DATETIME_FORMAT"),
        "abbreviation": local.tzname(),
        "zone": settings.TIME_ZONE,
    }


def site_zone_note():
    return _("Entered and shown in the site’s time zone, %(zone)s.") % {"zone": settings.TIME_ZONE}


def venue_time_zone_choices():
    return _zone_choices(get_language())


@functools.cache
def _zone_choices(language):
    """The IANA zones grouped by area ("America": [("America/New_York", "America/New York"), …]),
    for a select that staff search by typing; UTC first. Cached per language: the last
    group's name is translated."""
    groups, others = {}, []
    for name in sorted(zoneinfo.available_timezones()):
        area, _slash, place = name.partition("/")
        if area in AREAS and place:
            groups.setdefault(area, []).append((name, name.replace("_", " ")))
        elif name != "UTC":
            # Older names, still valid (a spreadsheet may carry one): last, as they are.
            others.append((name, name))
    return [
        ("UTC", "UTC"),
        *((area, tuple(zones)) for area, zones in groups.items()),
        (_("Other names"), tuple(others)),
    ]
