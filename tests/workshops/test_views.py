import datetime

import pytest
from django.urls import reverse

from publishing.enums import Status
from tests.factories import (
    DocumentFactory,
    ParticipationFactory,
    PersonFactory,
    SeriesFactory,
    WorkshopFactory,
)
from workshops.enums import ParticipationRole

pytestmark = pytest.mark.django_db


def workshop_url(slug, series="key-migration-issues"):
    return reverse("workshops:detail", kwargs={"series_slug": series, "slug": slug})


def test_workshop_page_shows_number_date_and_partners(client, key_migration_issues):
    response = client.get(workshop_url("international-trafficking-in-human-beings"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html
    assert "International Trafficking in Human Beings</h1>" in html
    assert "Workshop 1 of the" in html
    assert '<time datetime="2005-10-18">18 October 2005</time>' in html
    assert 'href="/organizations/unu/">United Nations University</a> (<bdi>UNU</bdi>)' in html
    assert (
        'href="/organizations/unodc/">United Nations Office on Drugs and Crime</a>'
        " (<bdi>UNODC</bdi>)" in html
    )


def test_workshop_page_links_to_previous_next_and_series(client, key_migration_issues):
    response = client.get(workshop_url("labour-migration"))

    assert response.context["previous_workshop"].number == 1
    assert response.context["next_workshop"].number == 3
    html = response.content.decode()
    assert 'rel="prev"' in html
    assert 'rel="next"' in html
    assert 'href="/series/key-migration-issues/"' in html


def test_first_and_last_workshop_have_one_neighbour(client, key_migration_issues):
    first = client.get(workshop_url("international-trafficking-in-human-beings"))
    last = client.get(workshop_url("irregular-migration"))

    assert first.context["previous_workshop"] is None
    assert first.context["next_workshop"].number == 2
    assert last.context["previous_workshop"].number == 6
    assert last.context["next_workshop"] is None


def test_workshop_page_skips_draft_neighbours_for_the_public(client):
    series = SeriesFactory()
    WorkshopFactory(series=series, number=1, slug="one")
    WorkshopFactory(series=series, number=2, slug="two", status=Status.DRAFT)
    WorkshopFactory(series=series, number=3, slug="three")

    response = client.get(workshop_url("three", series.slug))

    assert response.context["previous_workshop"].slug == "one"


def test_workshop_page_shows_venue_times_speakers_and_documents(client):
    workshop = WorkshopFactory(
        venue="Conference Room 6, UN Headquarters",
        start_time=datetime.time(13, 15),
        end_time=datetime.time(14, 30),
        summary="A *lively* discussion.",
    )
    ParticipationFactory(
        workshop=workshop,
        person=PersonFactory(name="Ana Moderator", position="Director"),
        role=ParticipationRole.MODERATOR,
    )
    DocumentFactory(workshop=workshop, title="Agenda", url="https://example.org/agenda.pdf")

    html = client.get(workshop.get_absolute_url()).content.decode()

    assert "Conference Room 6, UN Headquarters" in html
    assert '<time datetime="13:15">13:15</time>' in html
    assert '13:15</time>–<time datetime="14:30">14:30</time>, New York time' in html
    assert "<em>lively</em>" in html
    assert "Ana Moderator" in html
    assert "Moderator" in html
    assert '<a href="https://example.org/agenda.pdf" hreflang="en">Agenda</a>' in html


def test_draft_workshop_is_404_for_the_public(client):
    workshop = WorkshopFactory(status=Status.DRAFT)

    response = client.get(workshop.get_absolute_url())

    assert response.status_code == 404


def test_workshop_of_a_draft_series_is_404_for_the_public(client):
    workshop = WorkshopFactory(series=SeriesFactory(status=Status.DRAFT))

    response = client.get(workshop.get_absolute_url())

    assert response.status_code == 404


def test_draft_workshop_is_a_preview_for_staff(staff_client):
    workshop = WorkshopFactory(status=Status.DRAFT, title="Not yet announced")

    response = staff_client.get(workshop.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft preview." in html
    assert "Not yet announced" in html


def test_workshop_in_another_series_is_404(client, key_migration_issues):
    other = SeriesFactory()

    response = client.get(workshop_url("labour-migration", other.slug))

    assert response.status_code == 404


def test_unknown_workshop_slug_is_404(client, key_migration_issues):
    response = client.get(workshop_url("no-such-workshop"))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
