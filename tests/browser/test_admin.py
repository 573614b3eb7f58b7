"""The admin as staff use it, in Chromium: one language at a time, forms that fit a
1280 px window, accessible pages, and the reference screenshots of docs/screenshots/."""

import os
import pathlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from publishing.roles import ROLES
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
SERIES = "key-migration-issues"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# `make screenshots` sets SCREENSHOT_DIR=docs/screenshots to refresh the reference images.
SCREENSHOTS = pathlib.Path(os.environ.get("SCREENSHOT_DIR", ARTIFACTS / "screenshots"))


def sign_in(page, site, role):
    user_model = get_user_model()
    if role == "superuser":
        user_model.objects.create_superuser(username=role, password=PASSWORD)
    else:
        user = user_model.objects.create_user(username=role, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=ROLES[role]))
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(role)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def series_url(site):
    # Looked up: transactional tests do not reset the ids on every database.
    from series.models import Series

    return site + f"/admin/series/series/{Series.objects.get(slug=SERIES).pk}/change/"


def axe_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]


def document_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_series_form_shows_one_language_at_a_time_with_filled_counts(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site, "publisher")
    page.goto(series_url(site))

    tabs = page.get_by_role("tablist", name="Language of the text").get_by_role("tab")
    expect(tabs).to_have_count(6)
    expect(tabs.nth(0)).to_have_text("English 4/4")
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_fr")).to_be_hidden()
    french = page.get_by_role("tab", name=re.compile("^français"))
    expect(french).to_have_text(re.compile(r"^français \d/4$"))

    french.click()

    expect(page.locator("#id_title_en")).to_be_hidden()
    expect(page.locator("#id_title_fr")).to_be_visible()
    page.locator("#id_audience_fr").fill("")
    before = french.inner_text()
    page.locator("#id_audience_fr").fill("Les délégués des missions permanentes")
    assert french.inner_text() != before or before.endswith("4/4")
    # Inline rows show the chosen language's column only.
    link_titles = page.locator("#related_links-group input[name$='-title_fr']")
    if link_titles.count():
        expect(link_titles.first).to_be_visible()
        expect(page.locator("#related_links-group input[name$='-title_en']").first).to_be_hidden()
    # The keyboard moves between tabs, as the tabs pattern says.
    french.press("ArrowRight")
    expect(page.get_by_role("tab", name=re.compile("^Русский"))).to_be_focused()


def test_french_title_saved_through_the_tabs_reaches_the_french_page(site, page):
    sign_in(page, site, "superuser")
    page.goto(series_url(site))
    page.get_by_role("tab", name=re.compile("^français")).click()
    page.locator("#id_title_fr").fill("Grandes questions migratoires")

    page.get_by_role("button", name="Save and continue editing").first.click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(site + "/fr/series/key-migration-issues/")
    expect(page.locator("h1")).to_contain_text("Grandes questions migratoires")


def test_without_script_every_language_shows_under_its_heading(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, site, "publisher")

    page.goto(series_url(site))

    for name in ["English", "العربيّة", "简体中文", "français", "Русский", "español"]:
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.locator("#id_title_fr")).to_be_visible()
    expect(page.get_by_role("tab")).to_have_count(0)
    context.close()


def test_markdown_preview_works_per_language(site, page):
    sign_in(page, site, "publisher")
    page.goto(series_url(site))
    page.get_by_role("tab", name=re.compile("^español")).click()
    page.locator("#id_summary_es").fill("**Informe** en español")

    with page.context.expect_page() as preview_opened:
        page.locator("#language-panel-es").get_by_role("button", name="Preview").first.click()

    preview = preview_opened.value
    expect(preview.locator("strong")).to_have_text("Informe")


@pytest.mark.parametrize("viewport", [(1280, 900), (360, 800)], ids=["desktop", "phone"])
def test_screenshots_of_the_index_and_the_series_form(site, page, viewport):
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, site, "publisher")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = f"{width}x{height}"
    kind = "desktop" if width == 1280 else "phone"

    page.goto(site + "/admin/")
    page.screenshot(path=SCREENSHOTS / f"admin-index-{kind}-{size}.png", full_page=True)
    assert document_width(page) <= width
    page.goto(series_url(site))
    page.screenshot(path=SCREENSHOTS / f"admin-series-en-{kind}-{size}.png", full_page=True)
    assert document_width(page) <= width
    page.get_by_role("tab", name=re.compile("^français")).click()
    page.screenshot(path=SCREENSHOTS / f"admin-series-fr-{kind}-{size}.png", full_page=True)
    assert document_width(page) <= width
