"""Dates as the United Nations writes them, machine-readable too.

`{% date_range start end %}` gives "18 October 2005", "14–15 September 2006",
"30 August – 2 September 2006" or "30 December 2005 – 2 January 2006", each date
wrapped in <time datetime="…"> so calendars and screen readers can read it.

Each language writes them its own way (issue 5): the formats come from Django's locale
files (config/formats/ corrects Russian), and a language that writes the year first
(Chinese: "2006年9月14日–15日") shortens the end of a range instead of its start.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def _time(day, fmt):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day, fmt))


# Languages that write the year first: the end of a range drops what the start has said.
YEAR_FIRST = {
    # (same month, same year): formats of the range's end
    "zh-hans": ("j日", "n月j日"),
}


@register.simple_tag
def date_range(start, end=None):
    if start is None:
        return ""
    if end is None or end == start:
        return _time(start, "DATE_FORMAT")
    if (year_first := YEAR_FIRST.get(get_language())) is not None:
        same_month, same_year = year_first
        if (start.year, start.month) == (end.year, end.month):
            end_format = same_month
        elif start.year == end.year:
            end_format = same_year
        else:
            end_format = "DATE_FORMAT"
        return format_html("{}–{}", _time(start, "DATE_FORMAT"), _time(end, end_format))
    if (start.year, start.month) == (end.year, end.month):
        return format_html("{}–{}", _time(start, "j"), _time(end, "DATE_FORMAT"))
    if start.year == end.year:
        return format_html("{} – {}", _time(start, "MONTH_DAY_FORMAT"), _time(end, "DATE_FORMAT"))
    return format_html("{} – {}", _time(start, "DATE_FORMAT"), _time(end, "DATE_FORMAT"))
