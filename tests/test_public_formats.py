"""A workshop scheduled to appear later (publish-at in the future) is not public yet: no
calendar, feed, JSON, sitemap or search may show it before its time, not even to staff."""

import datetime
import json

import pytest
from django.utils import timezone

from tests.factories import ParticipationFactory, PersonFactory, SeriesFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(db):
    series = SeriesFactory(slug="s")
    WorkshopFactory(series=series, title="Already public", slug="public")
    later = WorkshopFactory(
        series=series,
        title="Embargoed briefing",
        slug="embargoed",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    ParticipationFactory(workshop=later, person=PersonFactory(name="Embargoed Speaker"))
    return later


@pytest.mark.parametrize(
    "url",
    ["/series/s/calendar.ics", "/series/s/feed/", "/series/s.json", "/sitemap.xml"],
)
def test_scheduled_workshop_is_absent_until_its_time(staff_client, scheduled, url):
    response = staff_client.get(url)

    assert response.status_code == 200
    assert b"Already public" in response.content or b"/series/s/workshops/public/" in (
        response.content
    )
    assert b"Embargoed" not in response.content
    assert b"embargoed" not in response.content


def test_scheduled_workshop_has_no_event_ics_until_its_time(staff_client, scheduled):
    response = staff_client.get("/series/s/workshops/embargoed/event.ics")

    assert response.status_code == 404


def test_scheduled_workshop_and_its_speaker_are_not_found_by_search(staff_client, scheduled):
    response = staff_client.get("/search/", {"q": "embargoed"})

    assert response.context["results"]["total"] == 0


def test_scheduled_workshop_appears_once_its_time_has_passed(client, scheduled, monkeypatch):
    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)

    data = json.loads(client.get("/series/s.json").content)

    assert [w["title"] for w in data["series"]["workshops"]] == [
        "Already public",
        "Embargoed briefing",
    ]
