"""schema.org JSON-LD for a workshop page (an Event), as a plain dict."""

import datetime
import zoneinfo

from django.utils.translation import get_language

from core.text.summary import summary_text
from series.structured_data import CONTEXT, date_ld, organization_ld


def _moment(day, time, time_zone):
    if time is None:
        return date_ld(day)
    return datetime.datetime.combine(day, time, zoneinfo.ZoneInfo(time_zone)).isoformat()


def event_ld(workshop, series_organizer_roles, absolute_url):
    """`workshop` needs its series and prefetched `partner_list`.

    The organizers are the series' organizing agencies, then the workshop's partners.
    The site records no online workshops, so each is an in-person event; its place is
    given only when staff entered a venue.
    """
    series = workshop.series
    organizations = [role.organization for role in series_organizer_roles]
    for partner in workshop.partner_list:
        if partner.organization not in organizations:
            organizations.append(partner.organization)
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": workshop.title,
        "url": absolute_url(workshop.get_absolute_url()),
        "inLanguage": get_language(),  # the page's
        "startDate": _moment(workshop.start_date, workshop.start_time, workshop.time_zone),
        "endDate": _moment(workshop.last_day, workshop.end_time, workshop.time_zone),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "superEvent": {
            "@type": "EventSeries",
            "name": str(series),
            "url": absolute_url(series.get_absolute_url()),
        },
        "organizer": [organization_ld(o, absolute_url) for o in organizations],
    }
    if workshop.summary:
        data["description"] = summary_text(workshop.summary, words=60)
    if workshop.venue:
        data["location"] = {"@type": "Place", "name": workshop.venue, "address": workshop.venue}
    return data
