import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PUBLIC_PAGES = {
    "home": "/",
    "series list": "/series/",
    "summary report": "/series/key-migration-issues/",
    "schedule": "/series/key-migration-issues/schedule/",
    "workshop": "/series/key-migration-issues/workshops/labour-migration/",
    "organization list": "/organizations/",
    "organization": "/organizations/unitar/",
    "search results": "/search/?q=migration",
    "404": "/no-such-page/",
    "accessibility statement": "/accessibility/",
}
PAGES = PUBLIC_PAGES | {"admin login": "/admin/login/"}
# Every public page in Arabic (right to left) and Chinese, the home page in the
# other languages; English is the bare paths above. More would cost minutes, not findings.
PREFIXES = {"ar": "/ar", "zh-hans": "/zh-hans", "fr": "/fr", "ru": "/ru", "es": "/es"}
AUDITED_PAGES = (
    PAGES
    | {
        f"{language} {name}": PREFIXES[language] + path
        for language in ("ar", "zh-hans")
        for name, path in PUBLIC_PAGES.items()
    }
    | {f"{language} home": PREFIXES[language] + "/" for language in ("fr", "ru", "es")}
)


def violations(page, rules=None):
    """axe-core's WCAG 2.1 A and AA violations, one readable line each."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    if rules:
        options = {"runOnly": {"type": "rule", "values": rules}}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", AUDITED_PAGES.values(), ids=AUDITED_PAGES.keys())
def test_page_has_no_wcag_21_aa_violations(site, page, path):
    page.goto(site + path)

    assert violations(page) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_summary_report_has_no_violations_on_phone_and_desktop(site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + PUBLIC_PAGES["summary report"])

    assert violations(page) == []


def test_summary_report_with_a_milestones_whole_name_shown_has_no_violations(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + PUBLIC_PAGES["summary report"])
    page.locator("g.timeline__milestone").first.focus()

    assert page.locator(".timeline__full").first.is_visible()
    assert violations(page) == []


def test_printed_summary_report_keeps_colour_contrast(site, page):
    page.goto(site + PUBLIC_PAGES["summary report"])

    page.emulate_media(media="print")

    assert violations(page, rules=["color-contrast"]) == []


def focus_is_visible(page):
    """The focused element draws an outline at least 2 px wide: a sighted keyboard user sees it."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
        }"""
    )


def test_keyboard_reaches_a_workshop_from_the_top_with_visible_focus(site, page):
    page.goto(site + PUBLIC_PAGES["summary report"])
    target = "/series/key-migration-issues/workshops/international-trafficking-in-human-beings/"

    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to main content"
    assert focus_is_visible(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        pytest.fail("the keyboard never reached the first workshop's link")
    page.keyboard.press("Enter")

    page.wait_for_url(site + target)
    assert page.locator("h1").inner_text() == "International Trafficking in Human Beings"


def test_skip_link_moves_focus_to_the_main_content(site, page):
    page.goto(site + PUBLIC_PAGES["summary report"])

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    in_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert in_main


def horizontal_overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_page_reflows_at_320_pixels_without_horizontal_scrolling(site, page, path):
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(site + path)

    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_page_with_text_at_200_percent_keeps_all_content_in_view(site, page, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + path)
    text_before = page.locator("main").inner_text()

    page.evaluate("document.documentElement.style.fontSize = '200%'")

    assert horizontal_overflow(page) <= 0
    assert page.locator("main").inner_text() == text_before
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('main *')].filter(el => {
            const s = getComputedStyle(el);
            return el.scrollWidth > el.clientWidth + 1 && s.overflowX === 'hidden';
        }).length"""
    )
    assert clipped == 0


def test_accessibility_statement_is_linked_from_every_page_footer(site, page):
    page.goto(site + "/")

    page.locator("footer").get_by_role("link", name="Accessibility").click()

    page.wait_for_url(site + "/accessibility/")
    assert page.locator("h1").inner_text() == "Accessibility statement"
    assert "WCAG" in page.locator("main").inner_text()
    assert "Report a barrier" in page.locator("main").inner_text()


def test_pages_are_styled_by_the_sites_own_stylesheet(site, page):
    page.goto(site + "/")

    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )

    assert header_colour == "rgb(0, 43, 66)"  # --brand-deep
