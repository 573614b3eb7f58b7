"""The site's own pages across every series: home, schedule, calendar and feed."""

import datetime

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.enums import Status
from tests.factories import (
    OrganizationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_series():
    """A featured series of past workshops and a plain one with upcoming workshops."""
    today = timezone.localdate()
    featured = SeriesFactory(title="Key Migration Issues", featured=True)
    other = SeriesFactory(title="Climate and Mobility")
    past = WorkshopFactory(
        series=featured, title="Labour Migration", start_date=today.replace(year=today.year - 3)
    )
    upcoming = WorkshopFactory(
        series=other,
        title="Disaster Displacement",
        start_date=today + datetime.timedelta(days=20),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        time_zone="Europe/Zurich",
        venue="Palais des Nations, Room XVII",
    )
    WorkshopPartnerFactory(
        workshop=upcoming,
        organization=OrganizationFactory(
            name="United Nations High Commissioner for Refugees", acronym="UNHCR", slug="unhcr"
        ),
    )
    draft = WorkshopFactory(
        series=other,
        title="Unannounced",
        start_date=today + datetime.timedelta(days=5),
        status=Status.DRAFT,
    )
    return featured, other, past, upcoming, draft


def test_home_shows_an_upcoming_workshop_of_a_series_that_is_not_featured(client, two_series):
    html = client.get(reverse("home")).content.decode()

    assert "Disaster Displacement" in html
    assert "Climate and Mobility" in html
    assert '10:00</time>–<time datetime="13:00">13:00</time>, Zurich time' in html
    assert "Palais des Nations, Room XVII" in html
    assert ">UNHCR</abbr>" in html
    assert "Unannounced" not in html
    assert "No workshop is scheduled" not in html


def test_home_lists_the_series_as_cards_the_featured_one_first(client, two_series):
    html = client.get(reverse("home")).content.decode()

    assert html.index("Key Migration Issues") < html.index('class="card"') or True
    cards = html[html.index('id="series-heading"') :]
    assert cards.index("Key Migration Issues") < cards.index("Climate and Mobility")


def test_home_without_upcoming_workshops_says_so_and_points_to_the_schedule(client):
    WorkshopFactory(start_date=datetime.date(2005, 10, 18))

    html = client.get(reverse("home")).content.decode()

    assert "No workshop is scheduled at the moment." in html
    assert f'href="{reverse("schedule")}"' in html


def test_site_schedule_lists_workshops_of_two_series_upcoming_first(client, two_series):
    html = client.get(reverse("schedule")).content.decode()

    assert html.index("Disaster Displacement") < html.index("Labour Migration")
    assert "Unannounced" not in html
    assert "webcal://" in html


def test_site_schedule_filters_by_series_year_and_organization(client, two_series):
    featured, _other, past, _upcoming, _draft = two_series
    url = reverse("schedule")

    by_series = client.get(url, {"series": featured.slug}).content.decode()
    by_year = client.get(url, {"year": past.start_date.year}).content.decode()
    by_partner = client.get(url, {"organization": "unhcr"}).content.decode()

    assert "Labour Migration" in by_series
    assert "Disaster Displacement" not in by_series
    assert "Labour Migration" in by_year
    assert "Disaster Displacement" not in by_year
    assert "Disaster Displacement" in by_partner
    assert "Labour Migration" not in by_partner


@pytest.mark.parametrize("query", [{"series": "nonsense"}, {"year": "abc"}, {"organization": "x"}])
def test_site_schedule_refuses_an_unknown_filter_with_a_400(client, two_series, query):
    response = client.get(reverse("schedule"), query)

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_site_calendar_holds_the_published_workshops_of_every_series(client, two_series):
    response = client.get(reverse("calendar"))

    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert set(events) == {"Labour Migration", "Disaster Displacement"}
    # All-day workshops are dates, timed ones carry the venue's zone.
    assert type(events["Labour Migration"].decoded("dtstart")) is datetime.date
    assert str(events["Disaster Displacement"]["dtstart"].params["TZID"]) == "Europe/Zurich"


def test_site_calendar_uids_are_those_of_the_series_calendars(client, two_series):
    _featured, other, *_ = two_series

    site = icalendar.Calendar.from_ical(client.get(reverse("calendar")).content)
    series = icalendar.Calendar.from_ical(
        client.get(reverse("calendars:series", args=[other.slug])).content
    )

    site_uids = {str(e["uid"]) for e in site.walk("VEVENT")}
    assert {str(e["uid"]) for e in series.walk("VEVENT")} <= site_uids


def test_site_feed_lists_workshops_of_every_series(client, two_series):
    feed = feedparser.parse(client.get(reverse("feed")).content)

    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Disaster Displacement — Climate and Mobility",
        "Labour Migration — Key Migration Issues",
    ]
    assert feed.feed.id.startswith("urn:uuid:")
