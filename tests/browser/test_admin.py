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


def sign_in_context(browser, site, role):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, site, role)
    return page


def add_workshop(page, site, number, title, date):
    page.goto(site + "/admin/workshops/workshop/add/")
    page.get_by_label("Series:").select_option(label="Migration and Health Workshop Series")
    page.get_by_label("Number:").fill(str(number))
    page.locator("#id_title_en").fill(title)
    page.locator("#id_title_en").press("Tab")
    page.get_by_label("Date:", exact=True).fill(date)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def publish_all(page, site, changelist, items):
    page.goto(site + changelist)
    page.locator("#action-toggle").check()
    page.get_by_label("Action:").select_option(label=f"Publish selected {items}")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("published")


def public_heading(browser, url):
    """The page's heading as a new reader sees it: a fresh context, nothing from a browser
    cache (public pages may be reused for a minute)."""
    context = browser.new_context()
    page = context.new_page()
    assert page.goto(url).status == 200
    heading = page.locator("h1").inner_text()
    context.close()
    return heading


def test_editor_proposes_and_publisher_approves_before_readers_see_it(site, browser):
    editor = sign_in_context(browser, site, "editor")
    # A series with two workshops, its title translated to French through the tabs.
    editor.goto(site + "/admin/series/series/add/")
    editor.locator("#id_title_en").fill("Migration and Health")
    editor.locator("#id_title_en").press("Tab")
    editor.locator("#id_label_en").fill("Workshop Series")
    editor.get_by_role("tab", name=re.compile("^français")).click()
    editor.locator("#id_title_fr").fill("Migrations et santé")
    expect(editor.get_by_role("tab", name=re.compile("^français"))).to_have_text(re.compile("1/4$"))
    editor.get_by_role("button", name="Save", exact=True).first.click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    add_workshop(editor, site, 1, "Health of Migrants", "2027-03-15")
    add_workshop(editor, site, 2, "Health Workers on the Move", "2027-05-10")

    publisher = sign_in_context(browser, site, "publisher")
    publish_all(publisher, site, "/admin/series/series/?q=Health", "series")
    publish_all(publisher, site, "/admin/workshops/workshop/?q=Health", "workshops")
    public_url = site + "/series/migration-and-health/workshops/health-of-migrants/"
    assert public_heading(browser, public_url) == "Health of Migrants"
    assert "Migrations et santé" in public_heading(
        browser, site + "/fr/series/migration-and-health/"
    )

    # The Editor changes the published workshop: it becomes a proposal.
    editor.goto(site + "/admin/workshops/workshop/?q=Health+of+Migrants")
    editor.get_by_role("link", name="Health of Migrants").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("sent to the Publishers")
    editor.locator("#id_title_en").fill("Health of Migrants and Their Families")
    editor.get_by_role("button", name="Save", exact=True).first.click()
    expect(editor.locator(".messagelist")).to_contain_text("was sent to the Publishers for review")
    assert public_heading(browser, public_url) == "Health of Migrants"

    # The Publisher sees the count, reviews the difference and approves.
    publisher.goto(site + "/admin/")
    publisher.get_by_role("link", name="Proposals: 1 waiting for review").click()
    publisher.get_by_role("link", name=re.compile("Health of Migrants")).first.click()
    changes = publisher.get_by_role("table", name="What would change")
    expect(changes).to_contain_text("Title (English)")
    expect(changes).to_contain_text("Health of Migrants and Their Families")
    assert axe_violations(publisher) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    publisher.screenshot(path=SCREENSHOTS / "admin-review-desktop-1280x900.png", full_page=True)
    publisher.get_by_role("button", name="Approve and publish").click()
    expect(publisher.locator(".messagelist")).to_contain_text("approved and now public")

    assert public_heading(browser, public_url) == "Health of Migrants and Their Families"
    for page in (editor, publisher):
        page.context.close()


ADD_PAGES = [
    "series/series",
    "workshops/workshop",
    "organizations/organization",
    "organizations/person",
    "series/milestone",
    "series/relatedlink",
    "series/seriesorganizer",
    "workshops/document",
    "workshops/workshoppartner",
    "workshops/participation",
]


def test_every_admin_add_and_change_page_fits_1280_pixels_with_many_rows(site, page):
    from series.models import Series
    from workshops.models import Workshop

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site, "superuser")
    series = Series.objects.get(slug=SERIES)
    workshop = Workshop.objects.filter(series=series).first()
    too_wide = {}
    for path in ADD_PAGES:
        page.goto(f"{site}/admin/{path}/add/")
        if document_width(page) > 1280:
            too_wide[path + " add"] = document_width(page)
    for path, pk in [("series/series", series.pk), ("workshops/workshop", workshop.pk)]:
        page.goto(f"{site}/admin/{path}/{pk}/change/")
        # Many inline rows: every inline group gets five more.
        for button in page.get_by_role("button", name=re.compile("^Add another")).all():
            for _ in range(5):
                button.click()
        if document_width(page) > 1280:
            too_wide[path + " change"] = document_width(page)
        for tab in ["English", "العربيّة", "français"]:
            page.get_by_role("tab", name=re.compile("^" + tab)).click()
            if document_width(page) > 1280:
                too_wide[f"{path} change, {tab}"] = document_width(page)
    for path in ["workshops/workshop", "series/series", "organizations/organization"]:
        page.goto(f"{site}/admin/{path}/")
        if document_width(page) > 1280:
            too_wide[path + " list"] = document_width(page)

    assert too_wide == {}


def test_admin_pages_have_no_wcag_21_aa_violations(site, page):
    from workshops.models import Workshop

    sign_in(page, site, "publisher")
    workshop = Workshop.objects.filter(series__slug=SERIES).first()
    found = {}
    for name, path in {
        "index": "/admin/",
        "series form": series_url(site)[len(site) :],
        "history": f"/admin/workshops/workshop/{workshop.pk}/history/",
        "workshop list": "/admin/workshops/workshop/",
    }.items():
        page.goto(site + path)
        found[name] = axe_violations(page)

    assert found == {name: [] for name in found}


def test_reverting_a_published_workshop_to_a_draft_version_warns(site, page):
    from workshops.models import Workshop

    workshop = Workshop.objects.get(series__slug=SERIES, slug="labour-migration")
    workshop.status = "draft"
    workshop.save()
    draft = workshop.history.first()
    workshop.status = "published"
    workshop.title_en = "Labour Migration and Development"
    workshop.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, site, "publisher")

    page.goto(f"{site}/admin/workshops/workshop/{workshop.pk}/history/{draft.history_id}/")

    expect(page.get_by_role("alert")).to_contain_text("Reverting takes this off the public site")
    changes = page.get_by_role("table", name="What reverting would change")
    expect(changes).to_contain_text("Title (English)")
    expect(changes).to_contain_text("Labour Migration and Development")
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-revert-desktop-1280x900.png")
