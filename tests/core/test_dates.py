"""Dates, times and zones from CLDR (Babel) in the six languages: nothing spelt here
but what CLDR itself says, so a wrong home-made month or zone shows up."""

import datetime

import pytest
from babel import Locale
from django.template import Context, Template
from django.utils import translation

from core.text import dates
from tests.factories import WorkshopFactory

D = datetime.date
LANGUAGES = ["en", "fr", "ar", "zh-hans", "ru", "es"]
CLDR = {"en": "en_GB", "fr": "fr", "ar": "ar", "zh-hans": "zh_Hans", "ru": "ru", "es": "es"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_month_abbreviations_are_cldr_s_in_every_language(language):
    cldr = Locale.parse(CLDR[language]).months["stand-alone"]["abbreviated"]

    abbreviations = dates.month_abbreviations(language)

    assert abbreviations == {month: cldr[month] for month in range(1, 13)}


def test_french_month_abbreviations_are_the_ones_french_writes():
    abbreviations = dates.month_abbreviations("fr")

    french = ["févr.", "juin", "juil.", "août", "déc."]
    assert [abbreviations[m] for m in (2, 6, 7, 8, 12)] == french


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "14\u2009–\u200915 September 2006"),
        ("fr", "14–15 septembre 2006"),
        ("ar", "14–15 سبتمبر 2006"),
        ("zh-hans", "2006年9月14日\u2009–\u200915日"),
        ("ru", "14—15 сентября 2006\u202fг."),
        ("es", "14–15 de septiembre de 2006"),
    ],
)
def test_a_range_within_a_month_is_written_as_each_language_writes_it(language, expected):
    assert dates.date_range_text(D(2006, 9, 14), D(2006, 9, 15), language) == expected


@pytest.mark.parametrize(
    ("language", "city"),
    [
        ("en", "New York"),
        ("fr", "New York"),
        ("ar", "نيويورك"),
        ("zh-hans", "纽约"),
        ("ru", "Нью-Йорк"),
        ("es", "Nueva York"),
    ],
)
@pytest.mark.django_db
def test_times_name_the_venue_s_zone_in_words_in_every_language(language, city):
    workshop = WorkshopFactory.build(
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        time_zone="America/New_York",
    )
    template = Template("{% load dates %}{% time_range workshop %}")

    with translation.override(language):
        html = template.render(Context({"workshop": workshop}))

    assert city in html
    assert "America/New_York" not in html
    assert '<time datetime="10:00">10:00</time>' in html
    assert '<time datetime="13:00">13:00</time>' in html


def test_times_in_english_read_as_the_city_s_time():
    workshop = WorkshopFactory.build(
        start_time=datetime.time(10, 0), end_time=datetime.time(13, 0), time_zone="Europe/Zurich"
    )
    template = Template("{% load dates %}{% time_range workshop %}")

    with translation.override("en"):
        html = template.render(Context({"workshop": workshop}))

    assert html == (
        '<time datetime="10:00">10:00</time>–<time datetime="13:00">13:00</time>, Zurich time'
    )


def test_a_workshop_without_a_time_says_nothing_about_times():
    workshop = WorkshopFactory.build(start_time=None, end_time=None)

    html = Template("{% load dates %}{% time_range workshop %}").render(
        Context({"workshop": workshop})
    )

    assert html == ""
