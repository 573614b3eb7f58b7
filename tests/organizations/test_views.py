import pytest
from django.test import Client
from django.urls import reverse

from publishing.enums import Status
from tests.factories import (
    OrganizationFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db


def test_organization_list_shows_organizers_and_partners(client, key_migration_issues):
    response = client.get(reverse("organizations:list"))

    acronyms = [o.acronym for o in response.context["organizations"]]
    assert sorted(acronyms) == sorted(
        ["UNITAR", "UNFPA", "IOM", "UNU", "UNODC", "ILO", "WHO", "OLA", "UNHCR"]
    )
    assert "United Nations Institute for Training and Research" in response.content.decode()


def test_organization_list_hides_organizations_only_named_on_drafts(client):
    WorkshopPartnerFactory(
        workshop=WorkshopFactory(status=Status.DRAFT),
        organization=OrganizationFactory(name="Secret partner"),
    )
    WorkshopPartnerFactory(organization=OrganizationFactory(name="Public partner"))

    response = client.get(reverse("organizations:list"))

    assert [o.name for o in response.context["organizations"]] == ["Public partner"]


def test_organization_page_shows_series_role(client, key_migration_issues):
    response = client.get(reverse("organizations:detail", args=["unitar"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "United Nations Institute for Training and Research" in html
    assert "(<bdi>UNITAR</bdi>)" in html
    assert "UN entity" in html
    assert "Key Migration Issues Workshop Series</a> — as the lead training agency" in html


def test_organization_page_shows_co_organized_workshops_with_role(client, key_migration_issues):
    response = client.get(reverse("organizations:detail", args=["unodc"]))

    roles = response.context["workshop_roles"]
    assert [r.workshop.title for r in roles] == ["International Trafficking in Human Beings"]
    html = response.content.decode()
    assert "organized with" in html
    assert '<time datetime="2005-10-18">18 October 2005</time>' in html


def test_organization_page_omits_draft_workshops(client):
    organization = OrganizationFactory()
    WorkshopPartnerFactory(organization=organization, workshop=WorkshopFactory(title="Public"))
    WorkshopPartnerFactory(
        organization=organization, workshop=WorkshopFactory(title="Secret", status=Status.DRAFT)
    )

    response = client.get(organization.get_absolute_url())

    assert [r.workshop.title for r in response.context["workshop_roles"]] == ["Public"]
    assert "Secret" not in response.content.decode()


def test_organization_only_on_drafts_is_404_for_the_public_and_visible_to_staff(admin_user):
    organization = OrganizationFactory()
    SeriesOrganizerFactory(organization=organization, series=SeriesFactory(status=Status.DRAFT))
    staff = Client()
    staff.force_login(admin_user)

    public_response = Client().get(organization.get_absolute_url())
    staff_response = staff.get(organization.get_absolute_url())

    assert public_response.status_code == 404
    assert staff_response.status_code == 200


def test_unknown_organization_is_404(client):
    response = client.get("/organizations/nobody/")

    assert response.status_code == 404
