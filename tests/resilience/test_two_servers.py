import json
import uuid

import pytest

from tests.resilience.servers import AppServer, Client

pytestmark = pytest.mark.resilience

PAGES = ["/", "/series/key-migration-issues/", "/organizations/", "/organizations/unitar/"]


def test_two_app_servers_share_logins_and_edits_and_one_survives_the_other(
    postgres, redis, site, artifacts, admin_path
):
    server_a = AppServer(site, artifacts / "two-servers-a.log").start()
    server_b = AppServer(site, artifacts / "two-servers-b.log").start()
    try:
        staff_on_a = Client(server_a.port)
        staff_on_a.login(admin_path)
        staff_on_b = Client(server_b.port, cookies=dict(staff_on_a.cookies))
        admin_on_b = staff_on_b.get(admin_path)

        [(organization_id,)] = postgres.query(
            "site", "SELECT id FROM organizations_organization WHERE slug = %s", "unitar"
        )
        marker = f"Edited through server A, {uuid.uuid4().hex}."
        saved = staff_on_a.save_admin_form(
            f"{admin_path}organizations/organization/{organization_id}/change/",
            {"description_en": marker},  # the English column
        )
        reader_on_b = Client(server_b.port)
        page_on_b = reader_on_b.get("/organizations/unitar/")
        # /readyz stores a value in the cache: both servers' land in the one Redis.
        sets_before = redis.calls("set")
        ready = [Client(s.port).get("/readyz") for s in (server_a, server_b)]
        sets_by_both = redis.calls("set") - sets_before

        server_a.kill()
        after_kill = {page: reader_on_b.get(page).status for page in PAGES}
        admin_after_kill = staff_on_b.get(admin_path)
    finally:
        server_a.stop()
        server_b.stop()

    assert admin_on_b.status == 200
    assert "resilience-editor" in admin_on_b.text
    assert saved.status == 302, saved.text[:3000]
    assert page_on_b.status == 200
    assert marker in page_on_b.text
    assert [json.loads(r.text)["status"] for r in ready] == ["ok", "ok"]
    assert sets_by_both == 2
    assert after_kill == dict.fromkeys(PAGES, 200)
    assert admin_after_kill.status == 200
