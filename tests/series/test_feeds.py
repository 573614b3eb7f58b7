import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.enums import Status
from tests.factories import SeriesFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def feed_url(slug="key-migration-issues"):
    return reverse("series:feed", kwargs={"slug": slug})


def parse(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_feed_is_atom_with_the_workshops_newest_first(client, key_migration_issues):
    response = client.get(feed_url())

    feed = parse(response)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.version == "atom10"
    assert feed.feed.title == "Key Migration Issues Workshop Series"
    assert [entry.title for entry in feed.entries] == [
        "7. Irregular Migration",
        "6. Migration and Human Rights",
        "5. Regional Consultative Processes",
        "4. HIV, AIDS and Migration",
        "3. Contributions of Diasporas",
        "2. Labour Migration",
        "1. International Trafficking in Human Beings",
    ]


def test_feed_entries_have_links_ids_updated_times_and_partners(client, key_migration_issues):
    feed = parse(client.get(feed_url()))

    entry = feed.entries[0]
    assert entry.link == (
        "http://testserver/series/key-migration-issues/workshops/irregular-migration/"
    )
    assert entry.id.startswith("urn:uuid:")
    assert entry.updated_parsed[:6] == (2026, 11, 27, 0, 0, 0)
    assert entry.summary == "30 August 2006. Organized with UNHCR."
    assert len({e.id for e in feed.entries}) == 7


def test_feed_entry_id_survives_an_edit(client, key_migration_issues, monkeypatch):
    before = parse(client.get(feed_url())).entries[-1]
    later = timezone.now() + datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    workshop = Workshop.objects.get(number=1)
    workshop.slug = "trafficking"
    workshop.save()

    after = parse(client.get(feed_url())).entries[-1]

    assert after.id == before.id
    assert after.link.endswith("/workshops/trafficking/")
    assert after.updated_parsed > before.updated_parsed


def test_feed_leaves_out_drafts_even_for_staff(staff_client):
    series = SeriesFactory(slug="s")
    WorkshopFactory(series=series, title="Public")
    WorkshopFactory(series=series, title="Secret", status=Status.DRAFT)

    feed = parse(staff_client.get(feed_url("s")))

    assert [entry.title.split(". ", 1)[1] for entry in feed.entries] == ["Public"]


def test_draft_series_has_no_feed(staff_client):
    SeriesFactory(slug="draft", status=Status.DRAFT)

    response = staff_client.get(feed_url("draft"))

    assert response.status_code == 404


def test_pages_point_to_the_feed_in_their_head(client, key_migration_issues):
    for url in [
        "/series/key-migration-issues/",
        "/series/key-migration-issues/schedule/",
        "/series/key-migration-issues/workshops/labour-migration/",
    ]:
        html = client.get(url).content.decode()
        head = html[: html.index("</head>")]
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Workshops of the Key '
            'Migration Issues Workshop Series" href="/series/key-migration-issues/feed/">' in head
        ), url
