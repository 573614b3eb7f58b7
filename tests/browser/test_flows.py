import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_delegate_walks_from_home_to_a_partner_and_back(site, page):
    page.goto(site + "/")
    expect(page.get_by_role("heading", name="What is next")).to_be_visible()
    expect(page.locator(".card__title")).to_contain_text("Key Migration Issues")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Series").click()
    expect(page.locator("h1")).to_have_text("Series")
    page.get_by_role("link", name="Key Migration Issues Workshop Series").click()
    expect(page.locator("h1")).to_contain_text("Key Migration Issues")
    expect(page.locator("main")).to_contain_text("Sarah Rosengärtner")

    page.get_by_role("link", name="Schedule of workshops").click()
    expect(page.locator("h1")).to_contain_text("Schedule")
    expect(page.get_by_role("heading", name="Past workshops")).to_be_visible()
    page.get_by_role("link", name="Irregular Migration", exact=True).click()

    expect(page.locator("h1")).to_have_text("Irregular Migration")
    expect(page.locator("main")).to_contain_text("30 August 2006")
    page.get_by_role(
        "link", name="Office of the United Nations High Commissioner for Refugees"
    ).click()

    expect(page.locator("h1")).to_contain_text("Office of the United Nations High Commissioner")
    expect(page.locator("main")).to_contain_text("Irregular Migration")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Irregular Migration")
    page.get_by_role("link", name=re.compile("Back to the Key Migration Issues series")).click()
    expect(page.locator("h1")).to_contain_text("Key Migration Issues")


def choose_in_autocomplete(page, field_container, text):
    """Django's admin autocomplete is a select2 widget: open it, type, pick the match."""
    field_container.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_staff_drafts_previews_and_publishes_a_workshop(site, page, browser, admin_user):
    admin_user.set_password("a-long-test-password")
    admin_user.save()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(site + "/admin/workshops/workshop/add/")
    page.get_by_label("Series:").select_option(label="Key Migration Issues Workshop Series")
    page.get_by_label("Number:").fill("8")
    page.get_by_label("Title (English):").fill("Migration and Climate")
    page.get_by_label("Title (English):").press("Tab")  # the admin fills the slug in on change
    expect(page.get_by_label("Slug:")).to_have_value("migration-and-climate")
    page.get_by_label("Date:", exact=True).fill("2006-11-20")
    page.locator("#partner_roles-group").get_by_role(
        "button", name=re.compile("Add another")
    ).click()
    partner_row = page.locator("#partner_roles-group tr.dynamic-partner_roles").last
    choose_in_autocomplete(page, partner_row, "IOM")
    # The save buttons are on top and at the bottom (save_on_top, for the Markdown preview).
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.get_by_role("link", name="View on site").click()
    expect(page.locator("h1")).to_have_text("Migration and Climate")
    expect(page.locator(".preview-banner")).to_contain_text("Draft preview.")
    public_url = page.url
    anonymous = browser.new_page()  # a context of its own: not logged in
    assert anonymous.goto(public_url).status == 404

    page.goto(site + "/admin/workshops/workshop/")
    page.get_by_role("row", name=re.compile("Migration and Climate")).get_by_role(
        "checkbox"
    ).check()
    page.get_by_label("Action:").select_option(label="Publish selected workshops")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("published")

    assert anonymous.goto(public_url).status == 200
    anonymous.goto(site + "/series/key-migration-issues/schedule/")
    expect(anonymous.locator("main")).to_contain_text("Migration and Climate")
    calendar = anonymous.request.get(site + "/series/key-migration-issues/calendar.ics")
    assert "SUMMARY;LANGUAGE=en:Migration and Climate" in calendar.text()
    assert "DTSTART;VALUE=DATE:20061120" in calendar.text()
    anonymous.close()
