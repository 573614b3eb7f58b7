import pytest
from django.urls import reverse

from organizations.enums import OrganizationKind
from organizations.models import Organization
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    SeriesOrganizerFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db

ORGANIZATIONS = reverse("admin:organizations_organization_changelist")
ADD_ORGANIZATION = reverse("admin:organizations_organization_add")


def admin_url(obj, view):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def organization_form_data(**fields):
    return {
        # The admin edits each translated field per language: English here.
        "name_en": "United Nations Institute for Training and Research",
        "acronym_en": "UNITAR",
        "slug": "",
        "kind": OrganizationKind.UN_ENTITY,
        "website": "",
        "description_en": "",
        **fields,
    }


def result_list(response):
    return list(response.context["cl"].result_list)


def test_person_changelist_search_finds_organization_acronym(admin_client):
    person = PersonFactory(organization=OrganizationFactory(acronym="UNFPA"))
    PersonFactory(organization=OrganizationFactory(acronym="IOM"))

    response = admin_client.get(reverse("admin:organizations_person_changelist"), {"q": "unfpa"})

    assert result_list(response) == [person]


def test_organization_changelist_search_finds_acronym(admin_client):
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")
    OrganizationFactory(name="United Nations Population Fund", acronym="UNFPA")

    response = admin_client.get(ORGANIZATIONS, {"q": "iom"})

    assert result_list(response) == [iom]


def test_organization_changelist_filters_by_kind(admin_client):
    government = OrganizationFactory(kind=OrganizationKind.GOVERNMENT)
    OrganizationFactory(kind=OrganizationKind.UN_ENTITY)

    response = admin_client.get(ORGANIZATIONS, {"kind__exact": OrganizationKind.GOVERNMENT})

    assert result_list(response) == [government]


def test_organization_add_without_slug_takes_it_from_acronym(admin_client):
    response = admin_client.post(ADD_ORGANIZATION, organization_form_data(acronym_en="UNITAR"))

    assert response.status_code == 302
    assert list(Organization.objects.values_list("slug", flat=True)) == ["unitar"]


def test_organization_add_without_slug_or_acronym_takes_it_from_name(admin_client):
    response = admin_client.post(
        ADD_ORGANIZATION, organization_form_data(name_en="Government of Switzerland", acronym_en="")
    )

    assert response.status_code == 302
    assert list(Organization.objects.values_list("slug", flat=True)) == [
        "government-of-switzerland"
    ]


def test_organization_add_keeps_a_slug_given_by_staff(admin_client):
    response = admin_client.post(ADD_ORGANIZATION, organization_form_data(slug="unitar-geneva"))

    assert response.status_code == 302
    assert list(Organization.objects.values_list("slug", flat=True)) == ["unitar-geneva"]


def test_organization_add_refuses_a_slug_in_use(admin_client):
    OrganizationFactory(slug="unitar")

    response = admin_client.post(ADD_ORGANIZATION, organization_form_data(acronym_en="UNITAR"))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["slug"]
    assert Organization.objects.count() == 1


def test_organization_add_takes_a_website_without_scheme_as_https(admin_client):
    response = admin_client.post(ADD_ORGANIZATION, organization_form_data(website="www.unitar.org"))

    assert response.status_code == 302
    assert Organization.objects.get().website == "https://www.unitar.org"


@pytest.mark.parametrize("factory", [SeriesOrganizerFactory, WorkshopPartnerFactory])
def test_organization_with_roles_cannot_be_deleted(admin_client, factory):
    organization = factory().organization

    response = admin_client.post(admin_url(organization, "delete"), {"post": "yes"})

    assert response.status_code == 200
    assert len(response.context["protected"]) == 1
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_organization_without_roles_can_be_deleted(admin_client):
    organization = OrganizationFactory()

    response = admin_client.post(admin_url(organization, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert Organization.objects.count() == 0


def test_person_autocomplete_for_organization_finds_by_acronym(admin_client):
    unitar = OrganizationFactory(name="United Nations Institute", acronym="UNITAR")
    OrganizationFactory(name="Other", acronym="IOM")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "organizations",
            "model_name": "person",
            "field_name": "organization",
            "term": "unitar",
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(unitar.pk)]
