"""Publish-at times are entered and read in the site's time zone (America/New_York), named
beside every time; the venue's zone is chosen from the IANA list."""

import datetime

import pytest

from publishing.enums import Status
from publishing.rules import is_public
from tests.editorial import admin_url, change_form_data, login_as
from tests.factories import WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_site_time_zone_is_new_york(settings):
    assert settings.TIME_ZONE == "America/New_York"


def test_publish_at_of_nine_new_york_time_in_winter_goes_public_at_fourteen_utc(client):
    workshop = WorkshopFactory(status=Status.DRAFT, series__status=Status.PUBLISHED)
    login_as(client, "publisher")
    data = change_form_data(client, workshop, status=Status.PUBLISHED)
    data.update({"publish_at_0": "2027-01-15", "publish_at_1": "09:00"})

    response = client.post(admin_url(workshop, "change"), data)

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.publish_at == datetime.datetime(2027, 1, 15, 14, 0, tzinfo=UTC)
    assert not is_public(workshop, now=datetime.datetime(2027, 1, 15, 13, 59, tzinfo=UTC))
    assert is_public(workshop, now=datetime.datetime(2027, 1, 15, 14, 0, tzinfo=UTC))
    assert list(Workshop.objects.filter(pk=workshop.pk).published()) == []  # today is before 2027


def test_publish_at_in_summer_is_four_hours_behind_utc(client):
    workshop = WorkshopFactory(status=Status.PUBLISHED)
    login_as(client, "publisher")
    data = change_form_data(client, workshop)
    data.update({"publish_at_0": "2027-07-15", "publish_at_1": "09:00"})

    client.post(admin_url(workshop, "change"), data)

    workshop.refresh_from_db()
    assert workshop.publish_at == datetime.datetime(2027, 7, 15, 13, 0, tzinfo=UTC)


def test_change_form_names_the_zone_beside_publish_at_and_shows_the_local_time(client):
    workshop = WorkshopFactory(
        status=Status.DRAFT, publish_at=datetime.datetime(2027, 1, 15, 14, 0, tzinfo=UTC)
    )
    login_as(client, "publisher")

    response = client.get(admin_url(workshop, "change"))

    assert "Entered and shown in the site’s time zone, America/New_York." in response.text
    assert 'name="publish_at_1" value="09:00:00"' in response.text


def test_changelist_prints_the_zone_beside_a_scheduled_time(client):
    WorkshopFactory(
        status=Status.PUBLISHED,
        publish_at=datetime.datetime(2028, 1, 15, 14, 0, tzinfo=UTC),
    )
    login_as(client, "editor")

    response = client.get("/admin/workshops/workshop/")

    assert "15 January 2028, 09:00 EST (America/New_York)" in response.text


def test_venue_time_zone_is_chosen_from_the_iana_list(client):
    workshop = WorkshopFactory(status=Status.DRAFT, time_zone="Europe/Zurich")
    login_as(client, "editor")

    response = client.get(admin_url(workshop, "change"))

    assert '<select name="time_zone" class="searchable-select"' in response.text
    assert '<option value="Europe/Zurich" selected>Europe/Zurich</option>' in response.text
    assert '<option value="America/New_York">America/New York</option>' in response.text
    assert "js/admin-searchable-select" in response.text


def test_venue_time_zone_that_is_not_a_zone_is_refused(client):
    workshop = WorkshopFactory(status=Status.DRAFT)
    login_as(client, "editor")
    data = change_form_data(client, workshop, time_zone="Mars/Olympus_Mons")

    response = client.post(admin_url(workshop, "change"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["time_zone"]
    workshop.refresh_from_db()
    assert workshop.time_zone == "America/New_York"
