"""Dates as the United Nations writes them, machine-readable too.

`{% date_range start end %}` gives "18 October 2005", "14–15 September 2006",
"30 August – 2 September 2006" or "30 December 2005 – 2 January 2006", each date
wrapped in <time datetime="…"> so calendars and screen readers can read it.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


def _time(day, fmt):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day, fmt))


@register.simple_tag
def date_range(start, end=None):
    if start is None:
        return ""
    if end is None or end == start:
        return _time(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        return format_html("{}–{}", _time(start, "j"), _time(end, "DATE_FORMAT"))
    if start.year == end.year:
        return format_html("{} – {}", _time(start, "MONTH_DAY_FORMAT"), _time(end, "DATE_FORMAT"))
    return format_html("{} – {}", _time(start, "DATE_FORMAT"), _time(end, "DATE_FORMAT"))
