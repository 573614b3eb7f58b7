"""The six UN languages in a real browser, Arabic right to left.

One test per language walks every public page type, so the fixture is loaded six times
rather than sixty: the browser suite runs on two cores.
"""

import pytest
from django.utils import translation

from tests.browser.conftest import print_view_text, require_fonts

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = {"en": "", "ar": "/ar", "zh-hans": "/zh-hans", "fr": "/fr", "ru": "/ru", "es": "/es"}
RIGHT_TO_LEFT = {"ar"}
# Scripts whose long words or lack of spaces are most likely to push a page sideways.
REFLOW_CHECKED = {"ar", "zh-hans"}
PAGES = {
    "home": "/",
    "series list": "/series/",
    "summary report": "/series/key-migration-issues/",
    "schedule": "/series/key-migration-issues/schedule/",
    "workshop": "/series/key-migration-issues/workshops/labour-migration/",
    "organization list": "/organizations/",
    "organization": "/organizations/unitar/",
    "search results": "/search/?q=migration",
    "accessibility statement": "/accessibility/",
}
REPORT = PAGES["summary report"]
# The second workshop of the series: it has both a previous and a next workshop.
WORKSHOP = PAGES["workshop"]


def overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("language", LANGUAGES, ids=LANGUAGES.keys())
def test_every_page_type_speaks_the_language_in_its_direction(site, page, language):
    if language in REFLOW_CHECKED:
        page.set_viewport_size({"width": 320, "height": 640})
    with translation.override(language):
        home = translation.gettext("Home")
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"

    for name, path in PAGES.items():
        page.goto(site + LANGUAGES[language] + path)

        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
        assert page.locator(".site-nav a").first.inner_text() == home, name
        computed = page.evaluate("getComputedStyle(document.body).direction")
        assert computed == direction, name
        if language in REFLOW_CHECKED:
            assert overflow(page) <= 0, f"{name} scrolls sideways at 320 px"


def test_arabic_header_and_navigation_start_at_the_right_edge(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(site + "/ar" + REPORT)

    main = box(page, "main .wrapper")
    name = box(page, ".site-name")
    items = [item.bounding_box() for item in page.locator(".site-header__wide .site-nav li").all()]
    # The site's name sits at the inline start, which is the right in Arabic…
    assert name["x"] + name["width"] == pytest.approx(main["x"] + main["width"] - 24, abs=2)
    # …and each navigation item follows the previous one towards the left.
    assert [i["x"] for i in items] == sorted((i["x"] for i in items), reverse=True)
    heading = box(page, "h1")
    assert heading["x"] + heading["width"] == pytest.approx(name["x"] + name["width"], abs=2)


def pager_arrows(page):
    """The arrow before "Previous workshop" and the one after "Next workshop"."""
    contents = page.evaluate(
        """() => [['.pager__previous', '::before'], ['.pager__next', '::after']].map(([s, p]) =>
            getComputedStyle(document.querySelector(s + ' .pager__label'), p).content)"""
    )
    return [content.split("/")[0].strip(' "\xa0') for content in contents]


@pytest.mark.parametrize("width", [360, 1280])
def test_arabic_pager_puts_the_previous_workshop_on_the_right(site, page, width):
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(site + "/ar" + WORKSHOP)

    previous, following = box(page, ".pager__previous"), box(page, ".pager__next")
    if width >= 640:  # side by side
        assert previous["x"] > following["x"] + following["width"] - 1
    else:  # stacked, each text starting at the right
        assert previous["y"] < following["y"]
    for selector in (".pager__previous .pager__label", ".pager__next .pager__label"):
        label, link = box(page, selector), box(page, selector.split()[0] + " a")
        assert label["x"] + label["width"] == pytest.approx(link["x"] + link["width"] - 13, abs=2)
    # The arrows point where the reader goes: previous to the right, next to the left.
    assert pager_arrows(page) == ["→", "←"]


def test_english_pager_arrows_point_the_other_way(site, page):
    page.goto(site + WORKSHOP)

    arrows = pager_arrows(page)

    assert arrows == ["←", "→"]


def test_arabic_timeline_runs_from_right_to_left_with_readable_text(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(site + "/ar" + REPORT)

    circles = [c.bounding_box()["x"] for c in page.locator(".timeline__dot").all()]
    assert len(circles) == 7
    assert circles == sorted(circles, reverse=True)  # in date order, right to left
    # Mirrored by coordinates, not by a transform that would mirror the letters too.
    transforms = page.evaluate(
        """() => [...document.querySelectorAll('.timeline__chart, .timeline__chart *')]
            .map(el => getComputedStyle(el).transform).filter(t => t !== 'none')"""
    )
    assert transforms == []
    years = [y.bounding_box() for y in page.locator(".timeline__year").all()]
    assert [y["x"] for y in years] == sorted((y["x"] for y in years), reverse=True)
    # Every label stays inside the drawing.
    chart = box(page, ".timeline__chart")
    for label in page.locator(".timeline__label").all():
        b = label.bounding_box()
        assert b["x"] >= chart["x"] - 1
        assert b["x"] + b["width"] <= chart["x"] + chart["width"] + 1


def test_arabic_english_fallback_reads_left_to_right_inside_the_page(site, page):
    page.goto(site + "/ar" + REPORT)

    fallback = page.locator("main [lang='en']").first
    styles = fallback.evaluate(
        "el => [getComputedStyle(el).direction, getComputedStyle(el).unicodeBidi]"
    )

    assert styles == ["ltr", "isolate"]


def test_printed_arabic_summary_report_holds_arabic_text(site, page):
    page.goto(site + "/ar" + REPORT)
    with translation.override("ar"):
        heading = translation.gettext("Workshops and briefings")

    text = print_view_text(page)

    assert heading in text
    assert "UNITAR" in text or "UNFPA" in text
    assert "Skip" not in text
    # The printer gets Arabic letters, not empty boxes, when a font covers Arabic.
    require_fonts("ar")
    assert len(page.pdf(format="A4")) > 10_000


@pytest.mark.parametrize(
    ("path", "link"),
    [
        (WORKSHOP, ".workshop__kicker a"),
        (PAGES["series list"], ".card__title a"),
        (PAGES["organization"], "section li a"),
    ],
)
def test_arabic_english_title_and_label_keep_their_order(site, page, path, link):
    page.goto(site + "/ar" + path)

    title, label = page.locator(link).first.locator("[lang='en']").all()

    assert title.inner_text() == "Key Migration Issues"
    assert title.bounding_box()["x"] < label.bounding_box()["x"]
