import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organizations.models import Organization, Person
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_organization_str_with_acronym():
    organization = OrganizationFactory.build(name="United Nations Population Fund", acronym="UNFPA")

    assert str(organization) == "United Nations Population Fund (UNFPA)"


def test_organization_str_without_acronym():
    organization = OrganizationFactory.build(name="United Nations University", acronym="")

    assert str(organization) == "United Nations University"


def test_organization_short_name_is_acronym_or_name():
    with_acronym = OrganizationFactory.build(name="World Health Organization", acronym="WHO")
    without_acronym = OrganizationFactory.build(name="World Health Organization", acronym="")

    assert (with_acronym.short_name, without_acronym.short_name) == (
        "WHO",
        "World Health Organization",
    )


def test_organization_absolute_url():
    organization = OrganizationFactory.build(slug="unitar")

    assert organization.get_absolute_url() == "/organizations/unitar/"


def test_organization_natural_key_round_trip():
    organization = OrganizationFactory(slug="unhcr")

    found = Organization.objects.get_by_natural_key(*organization.natural_key())

    assert (organization.natural_key(), found) == (("unhcr",), organization)


def test_organization_duplicate_slug_refused_by_database():
    OrganizationFactory(slug="ilo")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(slug="ilo")


def test_organization_duplicate_slug_refused_by_full_clean():
    OrganizationFactory(slug="ilo")
    organization = OrganizationFactory.build(slug="ilo")

    with pytest.raises(ValidationError) as excinfo:
        organization.full_clean()

    assert excinfo.value.message_dict == {"slug": ["Organization with this Slug already exists."]}


def test_person_str_is_name():
    person = PersonFactory.build(name="Sarah Rosengärtner")

    assert str(person) == "Sarah Rosengärtner"


def test_person_natural_key_round_trip():
    person = PersonFactory(slug="sarah-rosengartner")

    found = Person.objects.get_by_natural_key(*person.natural_key())

    assert (person.natural_key(), found) == (("sarah-rosengartner",), person)


def test_person_duplicate_slug_refused_by_database():
    PersonFactory(slug="sarah-rosengartner")

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(slug="sarah-rosengartner")


def test_person_duplicate_slug_refused_by_full_clean():
    PersonFactory(slug="sarah-rosengartner")
    person = PersonFactory.build(slug="sarah-rosengartner")

    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()

    assert excinfo.value.message_dict == {"slug": ["Person with this Slug already exists."]}


def test_person_keeps_no_organization_when_it_is_deleted():
    organization = OrganizationFactory()
    person = PersonFactory(organization=organization)

    organization.delete()

    person.refresh_from_db()
    assert person.organization is None


def test_organizations_ordered_by_name():
    who = OrganizationFactory(name="World Health Organization")
    ilo = OrganizationFactory(name="International Labour Organization")

    assert list(Organization.objects.all()) == [ilo, who]
