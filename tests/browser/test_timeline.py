"""The series timeline in a real browser: phone width, keyboard, print, CSP."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = "/series/key-migration-issues/"
SCHEDULE = "/series/key-migration-issues/schedule/"
IN_DATE_ORDER = [
    "international-trafficking-in-human-beings",
    "labour-migration",
    "contributions-of-diasporas",
    "hiv-aids-and-migration",
    "regional-consultative-processes",
    "migration-and-human-rights",
    "irregular-migration",
]


@pytest.mark.parametrize("path", [REPORT, SCHEDULE])
def test_timeline_on_a_phone_scrolls_in_its_own_box_not_the_page(site, page, path):
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto(site + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    frame = page.locator(".timeline__frame")
    client, scroll = frame.evaluate("f => [f.clientWidth, f.scrollWidth]")
    assert scroll > client
    assert page.locator(".timeline__chart").evaluate("svg => svg.getBBox().width") > 0


def test_timeline_links_are_reached_by_keyboard_in_date_order(site, page):
    page.goto(site + REPORT)

    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "document.activeElement.closest('svg.timeline__chart')"
            " ? document.activeElement.getAttribute('href') : null"
        )
        if href:
            reached.append(href.rstrip("/").rsplit("/", 1)[-1])

    assert reached == IN_DATE_ORDER


def test_timeline_breaks_no_content_security_policy_rule(site, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    page.goto(site + REPORT)

    assert page.locator(".timeline__chart a").count() == 7
    assert [m for m in messages if "Content Security Policy" in m] == []


def test_printed_summary_report_holds_the_timeline(site, page):
    page.goto(site + REPORT)

    page.emulate_media(media="print")
    timeline = page.locator(".timeline").first
    assert timeline.is_visible()
    text = " ".join(timeline.text_content().split())

    assert "The series at a glance" in text
    assert "Labour Migration" in text
    assert "14 – 15 September 2006" in text  # CLDR puts thin spaces round the dash


def test_focused_milestone_shows_its_whole_name(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + REPORT)
    milestone = page.locator("g.timeline__milestone").first
    full = milestone.locator(".timeline__full")
    short = milestone.locator(".timeline__label")
    assert full.evaluate("g => getComputedStyle(g).display") == "none"

    for _ in range(40):  # by keyboard, as a reader without a mouse reaches it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('timeline__milestone')"):
            break

    assert milestone.evaluate("g => g === document.activeElement")
    assert full.evaluate("g => getComputedStyle(g).display") != "none"
    box = full.evaluate("g => { const b = g.getBoundingClientRect(); return [b.width, b.height] }")
    assert box[0] > 0
    assert box[1] > 0
    assert "New Directions for Action”" in full.text_content()
    assert short.evaluate("t => getComputedStyle(t).visibility") == "hidden"
    outline = milestone.evaluate("g => getComputedStyle(g).outlineStyle")
    assert outline == "solid"
    # Not clipped: the whole name lies inside the drawing.
    chart = page.locator(".timeline__chart").bounding_box()
    full_box = full.bounding_box()
    assert full_box["y"] + full_box["height"] <= chart["y"] + chart["height"] + 0.5
    assert chart["x"] - 0.5 <= full_box["x"]
    assert full_box["x"] + full_box["width"] <= chart["x"] + chart["width"] + 0.5


def test_milestone_shows_its_whole_name_on_hover(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + REPORT)
    milestone = page.locator("g.timeline__milestone").first

    milestone.locator(".timeline__diamond").hover()

    full = milestone.locator(".timeline__full")
    assert full.evaluate("g => getComputedStyle(g).display") != "none"
    assert full.bounding_box()["width"] > 0
