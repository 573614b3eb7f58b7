"""The site in the six UN languages: addresses, switcher, dates, translated
content with an honest English fallback, feeds, calendars and data per language."""

import re

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from organizations.models import Organization
from series.models import Series
from tests.factories import SeriesFactory, WorkshopFactory
from workshops.models import Workshop

PREFIXES = {"en": "", "ar": "/ar", "zh-hans": "/zh-hans", "fr": "/fr", "ru": "/ru", "es": "/es"}
SERIES = "/series/key-migration-issues/"
WORKSHOP = SERIES + "workshops/international-trafficking-in-human-beings/"
PUBLIC_PAGES = [
    "/",
    "/series/",
    SERIES,
    SERIES + "schedule/",
    WORKSHOP,
    "/organizations/",
    "/organizations/iom/",
    "/search/?q=migration",
    "/accessibility/",
]
# The first workshop, 18 October 2005, as each language writes it.
FIRST_DATE = {
    "en": "18 October 2005",
    "fr": "18 octobre 2005",
    "es": "18 de octubre de 2005",
    "ru": "18 октября 2005\u202fг.",
    "zh-hans": "2005年10月18日",
    "ar": "18 أكتوبر 2005",
}


def text(response):
    return response.content.decode()


def html_tag(page):
    return re.search(r"<html[^>]*>", page).group(0)


def translated(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.parametrize("language", PREFIXES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_renders_in_each_language(client, key_migration_issues, path, language):
    response = client.get(PREFIXES[language] + path)

    assert response.status_code == 200
    page = text(response)
    direction = "rtl" if language == "ar" else "ltr"
    assert html_tag(page) == f'<html lang="{language}" dir="{direction}">'
    assert response["Content-Language"] == language
    for item in ("Home", "Series", "Organizations", "Skip to main content"):
        assert f">{translated(language, item)}<" in page
    if language != "en":
        assert translated(language, "Organizations") != "Organizations"


@pytest.mark.parametrize("language", PREFIXES)
@pytest.mark.parametrize("path", [SERIES, SERIES + "schedule/", WORKSHOP])
def test_dates_are_written_in_the_readers_language(client, key_migration_issues, path, language):
    page = text(client.get(PREFIXES[language] + path))

    assert FIRST_DATE[language] in page


def test_english_is_served_at_the_bare_paths_whatever_the_browser_asks(
    client, key_migration_issues
):
    response = client.get(SERIES, HTTP_ACCEPT_LANGUAGE="fr")

    assert html_tag(text(response)) == '<html lang="en" dir="ltr">'
    # The bare path never changes with the browser's language, so caches need not vary.
    assert "accept-language" not in response.get("Vary", "").lower()


def test_there_is_no_second_address_for_english(client, key_migration_issues):
    assert client.get("/en" + SERIES).status_code == 404


def test_unknown_language_prefix_is_not_found(client, key_migration_issues):
    assert client.get("/de" + SERIES).status_code == 404


@pytest.mark.parametrize("path", ["/search/?q=migration&kind=workshops", WORKSHOP])
def test_language_switcher_keeps_the_reader_on_the_same_page(client, key_migration_issues, path):
    page = text(client.get("/fr" + path))

    switcher = re.search(r'<details class="disclosure language-menu">.*?</details>', page, re.S)
    switcher = switcher.group(0)
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher))
    escaped = path.replace("&", "&amp;")
    assert {code: href for href, code in links.items()} == {
        code: prefix + escaped for code, prefix in PREFIXES.items()
    }
    assert 'hreflang="fr" lang="fr" dir="ltr" aria-current="true">français<' in switcher
    assert 'lang="ar" dir="rtl">العربيّة<' in switcher


def test_head_lists_every_language_version_and_english_as_default(client, key_migration_issues):
    page = text(client.get("/ru" + WORKSHOP))

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', page))
    assert alternates == {
        **{code: f"http://testserver{prefix}{WORKSHOP}" for code, prefix in PREFIXES.items()},
        "x-default": f"http://testserver{WORKSHOP}",
    }


def test_fixture_carries_official_names_of_the_agencies(client, key_migration_issues):
    assert "Organisation internationale pour les migrations" in text(
        client.get("/fr/organizations/iom/")
    )
    assert "联合国难民事务高级专员办事处" in text(client.get("/zh-hans/organizations/unhcr/"))
    assert "Управление по правовым вопросам" in text(client.get("/ru/organizations/ola/"))


def test_workshop_translated_into_french_shows_french(client, key_migration_issues):
    workshop = Workshop.objects.get(slug="international-trafficking-in-human-beings")
    workshop.title_fr = "La traite internationale des êtres humains"
    workshop.summary_fr = "Un résumé **en français**."
    workshop.save()

    page = text(client.get("/fr" + WORKSHOP))

    assert '<h1 id="workshop-title">La traite internationale des êtres humains</h1>' in page
    assert "Un résumé <strong>en français</strong>." in page
    assert "fallback-notice" not in page.split('id="workshop-title"')[1].split("</article>")[0]


def test_untranslated_workshop_shows_english_marked_as_english(client, key_migration_issues):
    workshop = Workshop.objects.get(slug="international-trafficking-in-human-beings")
    workshop.summary_en = "A summary **in English**."
    workshop.save()

    page = text(client.get("/fr" + WORKSHOP))

    assert (
        '<h1 id="workshop-title"><span lang="en" dir="ltr">'
        "International Trafficking in Human Beings</span></h1>"
    ) in page
    source = (
        "This page is not yet fully available in %(language)s; "
        "its untranslated parts are shown in English."
    )
    notice = translated("fr", source)
    with translation.override("fr"):
        french = translation.get_language_info("fr")["name_translated"]
    assert escape(notice % {"language": french}) in page
    assert notice != source
    # Said once, near the top, before the heading; the summary is marked as English.
    assert page.count('class="fallback-notice"') == 1
    assert page.index('class="fallback-notice"') < page.index('id="workshop-title"')
    summary = page.split('id="summary-heading"')[1]
    assert re.search(r'<div class="prose"><div lang="en" dir="ltr"><p>', summary)


def test_english_page_has_no_fallback_markup(client, key_migration_issues):
    page = text(client.get(WORKSHOP))

    assert "fallback-notice" not in page
    assert '<span lang="en"' not in page


def test_arabic_page_marks_english_only_where_a_text_is_untranslated(client, key_migration_issues):
    Organization.objects.filter(slug="unu").update(name_ar=None)

    translated = text(client.get("/ar/organizations/iom/"))
    untranslated = text(client.get("/ar/organizations/unu/"))

    assert "<h1>المنظمة الدولية للهجرة" in translated
    assert 'class="fallback-notice"' not in translated
    assert '<h1><span lang="en" dir="ltr">United Nations University</span>' in untranslated
    assert 'class="fallback-notice"' in untranslated


@pytest.mark.parametrize("path", [SERIES, SERIES + "schedule/", WORKSHOP, "/organizations/iom/"])
def test_query_count_does_not_grow_with_the_number_of_languages(client, key_migration_issues, path):
    counts = {}
    for language, prefix in PREFIXES.items():
        client.get(prefix + path)  # warm: the first request of a process loads more
        with CaptureQueriesContext(connection) as queries:
            assert client.get(prefix + path).status_code == 200
        counts[language] = len(queries)

    assert len(set(counts.values())) == 1, counts


def test_feed_is_available_per_language_and_says_which(client, key_migration_issues):
    workshop = Workshop.objects.get(slug="international-trafficking-in-human-beings")
    workshop.title_es = "La trata internacional de seres humanos"
    workshop.save()

    feed = text(client.get("/es" + SERIES + "feed/"))

    assert 'xml:lang="es"' in feed
    assert "La trata internacional de seres humanos" in feed
    assert 'href="http://testserver/es' + WORKSHOP + '"' in feed


def test_calendar_is_available_per_language_and_says_which(client, key_migration_issues):
    workshop = Workshop.objects.get(slug="international-trafficking-in-human-beings")
    workshop.title_ru = "Международная торговля людьми"
    workshop.save()

    calendar = icalendar.Calendar.from_ical(client.get("/ru" + SERIES + "calendar.ics").content)

    events = {str(event["url"]): event for event in calendar.walk("VEVENT")}
    translated_event = events["http://testserver/ru" + WORKSHOP]
    assert str(translated_event["summary"]) == "Международная торговля людьми"
    assert translated_event["summary"].params["LANGUAGE"] == "ru"
    assert translated_event["description"].params["LANGUAGE"] == "ru"
    untranslated = events["http://testserver/ru" + SERIES + "workshops/labour-migration/"]
    assert untranslated["summary"].params["LANGUAGE"] == "en"


def test_open_data_is_available_per_language_and_says_which(client, key_migration_issues):
    series = Series.objects.get(slug="key-migration-issues")
    series.title_zh_hans = "关键移民问题"
    series.save()

    data = client.get("/zh-hans/series/key-migration-issues.json").json()

    assert data["language"] == "zh-hans"
    assert data["fallback_language"] == "en"
    assert data["series"]["title"] == "关键移民问题"
    assert data["series"]["url"] == "http://testserver/zh-hans" + SERIES


def test_search_finds_content_by_its_text_in_any_language(client, key_migration_issues):
    english = text(client.get("/search/?q=Organisation+internationale+migrations"))
    arabic = text(client.get("/ar/search/?q=migration"))

    assert 'href="/organizations/iom/"' in english
    assert 'href="/ar/series/key-migration-issues/"' in arabic


def test_sitemap_lists_every_language_with_alternates(client, key_migration_issues):
    sitemap = text(client.get("/sitemap.xml"))

    entry = re.search(
        r"<url><loc>http://testserver/fr/organizations/iom/</loc>.*?</url>", sitemap
    ).group(0)
    for code, prefix in PREFIXES.items():
        assert f'hreflang="{code}" href="http://testserver{prefix}/organizations/iom/"' in entry
    assert 'hreflang="x-default" href="http://testserver/organizations/iom/"' in entry


def test_admin_speaks_the_staff_members_browser_language(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Content-Language"] == "fr"
    assert "accept-language" in response["Vary"].lower()


def test_new_series_label_is_english_only_until_translated(db):
    series = SeriesFactory()

    assert series.label_en == "Workshop Series"
    assert series.label_fr is None
    with translation.override("fr"):
        assert series.label == "Workshop Series"


def test_french_title_taken_by_another_milestone_is_reported_on_the_french_field(db):
    from django.core.exceptions import ValidationError

    from tests.factories import MilestoneFactory

    series = SeriesFactory()
    MilestoneFactory(series=series, title="Summit", title_fr="Sommet")
    twin = MilestoneFactory.build(series=series, title="Another summit", title_fr="Sommet")

    with pytest.raises(ValidationError) as raised:
        twin.full_clean()

    assert list(raised.value.message_dict) == ["title_fr"]


def test_workshops_without_any_translation_are_all_valid(db):
    series = SeriesFactory()
    WorkshopFactory(series=series, number=1)
    WorkshopFactory(series=series, number=2)

    # Untranslated titles are NULL, so the per-language "one title" rules never collide.
    assert Workshop.objects.filter(series=series, title_fr__isnull=True).count() == 2
