"""Scheduled publishing: a published workshop with a publish-at time reaches the public
pages, the calendar and the sitemap at that time, with nobody acting; staff preview it
before, with the draft banner."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.enums import Status
from tests.editorial import login_as
from tests.factories import SeriesFactory, WorkshopFactory, WorkshopPartnerFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def public_urls(workshop):
    series = workshop.series.slug
    return {
        "page": workshop.get_absolute_url(),
        "calendar": reverse("calendars:series", kwargs={"series_slug": series}),
        "sitemap": reverse("sitemap"),
        "schedule": reverse("series:schedule", kwargs={"slug": series}),
    }


@pytest.fixture
def scheduled():
    return WorkshopFactory(
        title="Migration and Development",
        slug="migration-and-development",
        publish_at=timezone.now() + HOUR,
    )


def test_publishing_scheduled_workshop_hidden_from_the_public_until_its_time(client, scheduled):
    urls = public_urls(scheduled)

    page = client.get(urls["page"])
    calendar = client.get(urls["calendar"]).content.decode()
    sitemap = client.get(urls["sitemap"]).content.decode()
    schedule = client.get(urls["schedule"]).content.decode()

    assert page.status_code == 404
    assert "Migration and Development" not in calendar
    assert "migration-and-development" not in sitemap
    assert "Migration and Development" not in schedule
    assert list(Workshop.objects.published()) == []


def test_publishing_scheduled_workshop_appears_once_its_time_has_passed(client, scheduled):
    # Time passing, without anyone saving the workshop: only the clock moves past publish_at.
    Workshop.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - HOUR)
    urls = public_urls(scheduled)

    page = client.get(urls["page"])
    calendar = client.get(urls["calendar"]).content.decode()
    sitemap = client.get(urls["sitemap"]).content.decode()

    assert page.status_code == 200
    assert "Migration and Development" in calendar
    assert "migration-and-development" in sitemap
    assert list(Workshop.objects.published()) == [scheduled]


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_publishing_staff_preview_scheduled_and_draft_with_banner(client, role):
    login_as(client, role)
    draft = WorkshopFactory(status=Status.DRAFT, title="A draft")
    scheduled = WorkshopFactory(publish_at=timezone.now() + HOUR, title="Scheduled")

    for workshop in (draft, scheduled):
        response = client.get(workshop.get_absolute_url())

        assert response.status_code == 200
        html = response.content.decode()
        assert workshop.title in html
        assert "Draft preview." in html


def test_publishing_anonymous_draft_is_404(client):
    draft = WorkshopFactory(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_publishing_series_scheduled_later_hides_its_workshops(client):
    series = SeriesFactory(publish_at=timezone.now() + HOUR)
    workshop = WorkshopFactory(series=series)

    assert client.get(workshop.get_absolute_url()).status_code == 404
    assert client.get(series.get_absolute_url()).status_code == 404
    assert not workshop.is_published


def test_publishing_partner_of_a_scheduled_workshop_stays_unlisted(client):
    partner = WorkshopPartnerFactory(workshop__publish_at=timezone.now() + HOUR)

    response = client.get(reverse("organizations:list"))

    assert partner.organization.name not in response.content.decode()


def test_publishing_changelist_badge_says_scheduled(client, scheduled):
    login_as(client, "publisher")

    response = client.get(reverse("admin:workshops_workshop_changelist"))

    html = response.content.decode()
    assert "Scheduled" in html
    assert "icon-clock" in html
