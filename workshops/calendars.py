"""iCalendar (RFC 5545) files: a series' published workshops, or one workshop.

Built with the `icalendar` library, never by joining strings: it folds long lines,
escapes commas and semicolons and writes the VTIMEZONE blocks. Both views live here,
the series one included, because building an event needs the workshop model and
nothing below `workshops` may import it (docs/architecture.md).

Drafts never reach a calendar, whoever asks: a subscription URL gets shared, and staff
preview drafts on the pages instead.
"""

import datetime
import zoneinfo

import icalendar
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.text.identifiers import stable_uuid
from core.text.languages import language_of
from core.text.summary import join_names, markdown_to_text
from core.text.validation import without_control_characters
from series.models import Series
from workshops.models import Workshop

PRODID = "-//UN Workshop Series//Workshop calendar//EN"
# How often a subscribed calendar should look for changes: the schedule changes rarely.
REFRESH_INTERVAL = datetime.timedelta(days=1)


def sequence(workshop):
    """Grows with every edit (seconds from creation to the last save), so a calendar that
    already has the event knows the new copy replaces it. Same row, same UID."""
    return max(0, int((workshop.updated_at - workshop.created_at).total_seconds()))


def description(workshop):
    series = workshop.series
    lines = [
        _("Workshop %(number)s of the %(series)s.") % {"number": workshop.number, "series": series}
    ]
    for role, organizations in workshop.partner_groups():
        names = join_names(str(organization) for organization in organizations)
        lines.append(f"{role[:1].upper()}{role[1:]} {names}.")
    summary = markdown_to_text(workshop.summary)
    if summary:
        lines += ["", summary]
    return "\n".join(lines)


def build_event(workshop, absolute_url):
    """One VEVENT. `workshop` needs its series and its prefetched `partner_list`."""
    event = icalendar.Event()
    event.add("uid", str(stable_uuid(workshop)))
    # Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2),
    # which also keeps the file the same from one download to the next.
    event.add("dtstamp", workshop.updated_at)
    event.add("last-modified", workshop.updated_at)
    event.add("created", workshop.created_at)
    event.add("sequence", sequence(workshop))
    # LANGUAGE (RFC 5545) says which of the six languages each text is in: the
    # title may be the English one when it has no translation yet.
    event.add("summary", workshop.title, parameters={"LANGUAGE": language_of(workshop, "title")})
    event.add("description", description(workshop), parameters={"LANGUAGE": get_language()})
    event.add("url", absolute_url(workshop.get_absolute_url()))
    if workshop.venue:
        event.add("location", workshop.venue)
    if workshop.start_time is None:
        # All-day: VALUE=DATE, and DTEND is exclusive, so the day after the last day.
        event.add("dtstart", workshop.start_date)
        event.add("dtend", workshop.last_day + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        venue_zone = zoneinfo.ZoneInfo(workshop.time_zone)
        start = datetime.datetime.combine(workshop.start_date, workshop.start_time, venue_zone)
        event.add("dtstart", start)
        if workshop.end_time is not None:
            event.add(
                "dtend",
                datetime.datetime.combine(workshop.last_day, workshop.end_time, venue_zone),
            )
    return event


def build_calendar(name, workshops, absolute_url):
    calendar = icalendar.Calendar()
    # One line: icalendar does not escape line breaks in NAME, and a title imported from a
    # spreadsheet cell can hold one (found by tests/security/test_xss.py).
    name = " ".join(str(name).split())
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # what Apple, Google and Outlook read
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # The same for older clients (Outlook); an X- property is text unless typed explicitly.
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    for workshop in workshops:
        calendar.add_component(build_event(workshop, absolute_url))
    # A VTIMEZONE for each TZID the timed events use; all-day events need none.
    calendar.add_missing_timezones()
    return calendar


def calendar_response(calendar, filename):
    # RFC 5545 forbids control characters in text; a row stored before inputs refused them
    # may hold one. Line breaks stay: they are the file's own (CRLF and folding).
    ical = without_control_characters(calendar.to_ical().decode()).encode()
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def published_workshops():
    return Workshop.objects.published().select_related("series").with_partners()


@require_safe
def series_calendar(request, series_slug):
    series = get_object_or_404(Series.objects.published(), slug=series_slug)
    workshops = published_workshops().filter(series=series).order_by("start_date", "number")
    calendar = build_calendar(str(series), workshops, request.build_absolute_uri)
    return calendar_response(calendar, f"{series.slug}.ics")


@require_safe
def workshop_event(request, series_slug, slug):
    workshop = get_object_or_404(published_workshops(), series__slug=series_slug, slug=slug)
    calendar = build_calendar(
        f"{workshop.title} — {workshop.series.title}", [workshop], request.build_absolute_uri
    )
    return calendar_response(calendar, f"{workshop.series.slug}-{workshop.slug}.ics")
