"""The admin and the public pages work in Chromium under the strict Content-Security-Policy:
the browser reports no violation while staff sign in, open every kind of form, add inline
rows, pick dates and preview a page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def violations(page):
    """Every CSP violation the page reports, as Chromium logs it to the console."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return found


def test_admin_works_under_the_policy(site, page, admin_user, violations):
    admin_user.set_password("a-long-test-password")
    admin_user.save()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(site + "/admin/workshops/workshop/add/")
    page.get_by_label("Title (English):").fill("Migration and Health")
    page.get_by_label("Title (English):").press("Tab")
    expect(page.get_by_label("Slug:")).to_have_value("migration-and-health")  # prepopulate.js
    page.locator("#documents-group").get_by_text("Add another Document").click()
    expect(page.locator("#documents-group tr.dynamic-documents")).to_have_count(1)  # inlines.js
    page.locator("#id_start_date").fill("")
    page.locator(
        "#id_start_date + .datetimeshortcuts a", has_text="Today"
    ).click()  # calendar widget
    expect(page.locator("#id_start_date")).not_to_have_value("")
    for path in [
        "/admin/series/series/1/change/",
        "/admin/organizations/organization/",
        "/admin/auth/user/add/",
        "/series/key-migration-issues/",
    ]:
        page.goto(site + path)

    assert violations == []


def test_public_pages_work_under_the_policy(site, page, violations):
    for path in ["/", "/series/key-migration-issues/", "/search/?q=labour", "/organizations/"]:
        page.goto(site + path)

    assert violations == []
