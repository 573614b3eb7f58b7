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
