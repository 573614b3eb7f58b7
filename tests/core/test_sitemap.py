import xml.etree.ElementTree as ET

import pytest

from publishing.enums import Status
from tests.factories import (
    OrganizationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_published_series_workshops_and_organizations(client, key_migration_issues):
    entries = sitemap_entries(client)

    base = "http://testserver"
    # The fixture's rows were last changed at midnight UTC on 27 November: the evening of
    # the 26th in the site's time zone (America/New_York), which dates the sitemap.
    assert entries[f"{base}/series/key-migration-issues/"] == "2026-11-26"
    assert entries[f"{base}/series/key-migration-issues/workshops/labour-migration/"] == (
        "2026-11-26"
    )
    assert entries[f"{base}/organizations/unhcr/"] == "2026-11-26"
    assert entries[f"{base}/ar/organizations/unhcr/"] == "2026-11-26"
    # 1 published series, 7 workshops, 9 organizations, each in six languages; the draft
    # series is absent.
    assert len(entries) == 17 * 6
    assert f"{base}/series/migration-and-development/" not in entries


def test_sitemap_leaves_out_drafts_and_their_partners(client):
    draft_series = SeriesFactory(slug="draft-series", status=Status.DRAFT)
    WorkshopFactory(series=draft_series, slug="in-draft-series")
    public = SeriesFactory(slug="public")
    WorkshopFactory(series=public, slug="draft-workshop", status=Status.DRAFT)
    secret_partner = OrganizationFactory(slug="secret-partner")
    WorkshopPartnerFactory(
        workshop=WorkshopFactory(series=public, slug="hidden", status=Status.DRAFT),
        organization=secret_partner,
    )

    entries = sitemap_entries(client)

    assert sorted(entries) == sorted(
        f"http://testserver{prefix}/series/public/"
        for prefix in ("", "/ar", "/es", "/fr", "/ru", "/zh-hans")
    )


def test_robots_txt_keeps_admin_out_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_robots_txt_sitemap_uses_the_request_host_and_scheme(client):
    response = client.get("/robots.txt", HTTP_HOST="localhost", secure=True)

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode()
