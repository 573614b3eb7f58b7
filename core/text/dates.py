"""Dates, times and time zones in the reader's language, from CLDR through Babel.

Nothing here spells a month or a time zone: Babel's copy of the Unicode CLDR gives the
month names and abbreviations, the order of day, month and year, how a range is written
in each language ("14–15 September 2006", "14–15 septembre 2006", "2006年9月14日 – 15日",
"14—15 сентября 2006 г.") and the venue's city in the reader's language ("New York",
"Nueva York", "纽约", "نيويورك").

English is written as the United Nations writes it, day first ("18 October 2005"):
CLDR's British English. Ranges follow CLDR's interval formats for a day, month and year
(`yMMMd`), with the month written in full where the language's long date writes it in
full, as CLDR's own skeleton matching widens a field.

Results are cached per process: a page shows the same few dates many times, and a
timeline of 200 workshops formats 200 ranges.
"""

import datetime
import functools
import re
import zoneinfo

from babel import Locale
from babel.dates import (
    format_date,
    format_time,
    get_timezone_location,
    tokenize_pattern,
    untokenize_pattern,
)
from django.utils.translation import get_language, to_locale

# Django's language code -> the CLDR locale whose conventions the site follows.
CLDR_LOCALES = {"en": "en_GB", "zh-hans": "zh_Hans"}

RANGE_SKELETON = "yMMMd"
TIME_SKELETON = "Hm"


def cldr_locale(language=None):
    """The Babel locale of a Django language code (the active language by default)."""
    return _cldr_locale(_language(language))


@functools.cache
def _cldr_locale(language):
    return Locale.parse(CLDR_LOCALES.get(language, to_locale(language)))


def _language(language):
    return language or get_language() or "en"


@functools.cache
def _long_date_pattern(language):
    return cldr_locale(language).date_formats["long"].pattern


@functools.cache
def _range_patterns(language, field):
    """The two halves of CLDR's interval pattern when `field` ("y", "M" or "d") is the
    largest that differs, months widened to full names where the long date has them."""
    locale = cldr_locale(language)
    formats = locale.interval_formats
    skeleton = "yMMMMd" if "yMMMMd" in formats else RANGE_SKELETON
    patterns = list(formats[skeleton][field])
    if skeleton == RANGE_SKELETON and "MMMM" in _long_date_pattern(language):
        patterns = [_widen_months(p) for p in patterns]
    return patterns


def _widen_months(pattern):
    tokens = [
        ("field", ("M", 4)) if token == ("field", ("M", 3)) else token
        for token in tokenize_pattern(pattern)
    ]
    return untokenize_pattern(tokens)


SEPARATOR = re.compile(r"[\s\u2009\u202f]*[–—~\-至].*$")


def _split(pattern):
    """The first half of an interval pattern cut into (the start's own pattern, the
    separator): "d MMM – " gives ("d MMM", " – "), "y年MMMd日 – " gives ("y年MMMd日", " – "),
    so the separator stays outside the start's <time> element."""
    tokens = tokenize_pattern(pattern)
    if tokens and tokens[-1][0] == "chars" and (match := SEPARATOR.search(tokens[-1][1])):
        text = tokens[-1][1]
        kept = [("chars", text[: match.start()])] if match.start() else []
        return untokenize_pattern([*tokens[:-1], *kept]), text[match.start() :]
    return pattern, ""


def date_range_parts(start, end=None, language=None):
    """The pieces of a date or a range: strings between (date, text) pairs.

    ["18 October 2005"] as [(date, "18 October 2005")];
    a range as [(start, "14"), "–", (end, "15 September 2006")], so that a template can
    put each date in its own <time datetime>.
    """
    return _date_range_parts(start, end, _language(language))


@functools.lru_cache(maxsize=8192)
def _date_range_parts(start, end, language):
    locale = cldr_locale(language)
    if end is None or end == start:
        return ((start, format_date(start, "long", locale=locale)),)
    if start.year != end.year:
        field = "y"
    elif start.month != end.month:
        field = "M"
    else:
        field = "d"
    first, second = _range_patterns(language, field)
    own, separator = _split(first)
    return (
        (start, format_date(start, own, locale=locale)),
        separator,
        (end, format_date(end, second, locale=locale)),
    )


def date_range_text(start, end=None, language=None):
    """ "18 October 2005", "14–15 September 2006", "30 August – 2 September 2006"."""
    if start is None:
        return ""
    parts = date_range_parts(start, end, language)
    return "".join(part if isinstance(part, str) else part[1] for part in parts)


def month_abbreviations(language=None):
    """{1: "Jan", …}: the stand-alone abbreviations CLDR gives for an axis or a badge
    ("janv.", "févr.", "juin" in French)."""
    return _months(_language(language), "abbreviated")


def month_names(language=None):
    return _months(_language(language), "wide")


@functools.cache
def _months(language, width):
    return dict(cldr_locale(language).months["stand-alone"][width])


def time_range_parts(start, end=None, language=None):
    """[(time, "10:00"), "–", (time, "13:00")], as CLDR writes a time range."""
    return _time_range_parts(start, end, _language(language))


@functools.lru_cache(maxsize=2048)
def _time_range_parts(start, end, language):
    locale = cldr_locale(language)
    skeleton = locale.datetime_skeletons[TIME_SKELETON].pattern
    if end is None or end == start:
        return ((start, format_time(start, skeleton, locale=locale)),)
    first, second = locale.interval_formats[TIME_SKELETON]["H"]
    own, separator = _split(first)
    return (
        (start, format_time(start, own, locale=locale)),
        separator,
        (end, format_time(end, second, locale=locale)),
    )


def zone_city(time_zone, language=None):
    """The venue's city in the reader's language ("New York", "Nueva York", "纽约"),
    or "UTC" for a zone that is no place."""
    return _zone_city(time_zone, _language(language))


@functools.lru_cache(maxsize=1024)
def _zone_city(time_zone, language):
    if time_zone in ("UTC", "Etc/UTC", "GMT", "Etc/GMT") or not time_zone:
        return "UTC"
    locale = cldr_locale(language)
    try:
        zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return time_zone
    return get_timezone_location(time_zone, locale=locale, return_city=True)


def year_text(day: datetime.date, language=None):
    return format_date(day, "y", locale=cldr_locale(_language(language)))
