"""Dates and times as each language writes them, machine-readable too.

`{% date_range start end %}` gives "18 October 2005", "14 – 15 September 2006",
"30 August – 2 September 2006" or "30 December 2005 – 2 January 2006" (and "14–15 septembre
2006", "2006年9月14日 – 15日", …), each date wrapped in <time datetime="…"> so calendars and
screen readers can read it. `{% time_range workshop %}` gives "10:00–13:00, New York time"
in the venue's zone, the city named in the reader's language. The words come from CLDR
through Babel (core/text/dates.py), never from strings written here.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core.text import dates

register = template.Library()


def _parts_html(parts, iso):
    return format_html_join(
        "",
        "{}",
        (
            (part,)
            if isinstance(part, str)
            else (format_html('<time datetime="{}">{}</time>', iso(part[0]), part[1]),)
            for part in parts
        ),
    )


@register.simple_tag
def date_range(start, end=None):
    if start is None:
        return ""
    return _parts_html(dates.date_range_parts(start, end), lambda day: day.isoformat())


def zone_words(time_zone):
    """ "New York time", "heure de New York", "纽约时间": the venue's zone in words."""
    return _("%(city)s time") % {"city": dates.zone_city(time_zone)}


@register.simple_tag
def time_range(workshop):
    """The workshop's times in its venue's zone, named in words; nothing without times."""
    if workshop.start_time is None:
        return ""
    times = _parts_html(
        dates.time_range_parts(workshop.start_time, workshop.end_time),
        lambda moment: moment.strftime("%H:%M"),
    )
    sentence = _("%(times)s, %(zone)s") % {"times": "{times}", "zone": "{zone}"}
    return format_html(sentence, times=times, zone=zone_words(workshop.time_zone))


@register.simple_tag
def month_abbr(day):
    return dates.month_abbreviations()[day.month]
