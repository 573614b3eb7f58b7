import datetime

import factory

from organizations.enums import OrganizationKind
from organizations.models import Organization, Person
from publishing.enums import Status
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
from workshops.enums import DocumentKind, ParticipationRole, PartnerRole
from workshops.models import Document, Participation, Workshop, WorkshopPartner


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = OrganizationKind.UN_ENTITY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    position = "Coordinator"


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    label = "Workshop Series"
    summary = "A series of workshops for delegates."
    status = Status.PUBLISHED


class SeriesOrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeriesOrganizer

    series = factory.SubFactory(SeriesFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "as the lead training agency"
    order = factory.Sequence(lambda n: n)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Related link {n}")
    url = factory.Sequence(lambda n: f"https://example.org/related/{n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    start_date = datetime.date(2006, 9, 14)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    start_date = datetime.date(2006, 3, 15)
    status = Status.PUBLISHED


class WorkshopPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopPartner

    workshop = factory.SubFactory(WorkshopFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PartnerRole.ORGANIZED_WITH


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    workshop = factory.SubFactory(WorkshopFactory)
    person = factory.SubFactory(PersonFactory)
    role = ParticipationRole.SPEAKER


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    kind = DocumentKind.AGENDA
    url = factory.Sequence(lambda n: f"https://example.org/documents/{n}.pdf")
