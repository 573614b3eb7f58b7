"""Factories for the benchmark's large data set: content shaped like a real site's.

Unlike tests/factories.py, whose boring values make assertions easy to read, these
write titles, Markdown summaries, roles and dates of a realistic length, because the
size of what a page renders is what the benchmark measures. They only build (no
`create`): `benchmarks.data` saves them in bulk. Every random choice goes through
factory-boy's random generator (`factory.random.randgen`) or the module's Faker, and
`reseed(seed)` seeds both, so a seed makes a data set repeatable.

Imported by the `generate_bench_data` command only: factory-boy is a development
dependency, absent from a production install.
"""

import datetime

import factory
import factory.random
from django.utils.text import slugify
from faker import Faker

from organizations.enums import OrganizationKind
from organizations.models import Organization, Person
from publishing.enums import Status
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
from workshops.enums import DocumentKind, DocumentLanguage, WorkshopFormat
from workshops.models import Document, Participation, Workshop, WorkshopPartner

TOPICS = [
    "labour migration", "remittances", "diasporas", "trafficking in human beings",
    "migration and human rights", "HIV/AIDS and migration", "migration and development",
    "climate mobility", "return and reintegration", "irregular migration", "refugee protection",
    "integration of migrants", "migration data", "border management", "family reunification",
    "migrant health", "gender and migration", "youth mobility", "skills partnerships",
    "smuggling of migrants", "internal displacement", "urban migration", "seasonal work",
]  # fmt: skip
ORGANIZATION_WORDS = [
    "Institute", "Centre", "Council", "Foundation", "Network", "Office", "Commission",
    "Agency", "Programme", "University", "Alliance", "Observatory",
]  # fmt: skip
VENUES = [
    "Conference Room 4, United Nations Headquarters, New York",
    "Palais des Nations, Room XXIV, Geneva",
    "Vienna International Centre, Board Room D",
    "UN Campus, Bonn",
    "United Nations Conference Centre, Bangkok",
    "UN Gigiri complex, Nairobi",
]
TIME_ZONES = [
    "America/New_York",
    "Europe/Zurich",
    "Europe/Vienna",
    "Asia/Bangkok",
    "Africa/Nairobi",
]


# One Faker of our own, seeded together with factory-boy's generator by `reseed`.
FAKE = Faker("en_US")


def reseed(seed):
    factory.random.reseed_random(seed)
    FAKE.seed_instance(seed)


def choice(options):
    return factory.random.randgen.choice(options)


def markdown_summary(paragraphs):
    """A few paragraphs of Markdown, one with a list, as staff write them."""
    parts = [FAKE.paragraph(nb_sentences=5) for _ in range(paragraphs)]
    parts.insert(1, "\n".join(f"- {FAKE.sentence(nb_words=8)}" for _ in range(3)))
    return "\n\n".join(parts)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.LazyFunction(
        lambda: f"{choice(ORGANIZATION_WORDS)} for {choice(TOPICS).title()} {FAKE.city()}"
    )
    acronym = factory.LazyAttribute(
        lambda o: "".join(word[0] for word in o.name.split() if word[0].isupper())
    )
    # The sequence keeps slugs unique whatever the names; a number from 1, as people write it.
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)[:80]}-{n + 1}")
    kind = factory.LazyFunction(lambda: choice(OrganizationKind.values))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")
    description = factory.LazyFunction(lambda: markdown_summary(2))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.LazyFunction(FAKE.name)
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name)[:80]}-{n + 1}")
    position = factory.LazyFunction(FAKE.job)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.LazyFunction(lambda: f"{choice(TOPICS).capitalize()} and policy")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title)[:80]}-{n + 1}")
    label = "Workshop Series"
    summary = factory.LazyFunction(lambda: markdown_summary(8))
    audience = "Government delegates to the United Nations"
    status = Status.PUBLISHED


class SeriesOrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeriesOrganizer

    role = factory.LazyFunction(
        lambda: choice(
            [
                "as the lead training agency for UN government delegates",
                "as the substantive partner",
                "providing the speakers from its field offices",
                "",
            ]
        )
    )


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    title = factory.Sequence(lambda n: f"Background reading {n + 1}")
    url = factory.Sequence(lambda n: f"https://example.org/background/{n + 1}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"High-level dialogue {n + 1}")
    description = factory.LazyFunction(lambda: FAKE.paragraph(nb_sentences=3))
    url = factory.Sequence(lambda n: f"https://example.org/events/{n + 1}")


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.LazyFunction(lambda: choice(TOPICS).capitalize())
    # Unique within the series by its number, which the generator sets.
    slug = factory.LazyAttribute(lambda o: f"{slugify(o.title)[:80]}-{o.number}")
    format = factory.LazyFunction(lambda: choice(WorkshopFormat.values))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(13, 0)
    time_zone = factory.LazyFunction(lambda: choice(TIME_ZONES))
    venue = factory.LazyFunction(lambda: choice(VENUES))
    summary = factory.LazyFunction(lambda: markdown_summary(3))
    status = Status.PUBLISHED


class WorkshopPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopPartner


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = factory.LazyFunction(lambda: choice(DocumentKind.values))
    title = factory.LazyAttribute(lambda o: f"{o.kind.capitalize()}: {choice(TOPICS)}")
    language = factory.LazyFunction(lambda: choice(DocumentLanguage.values))
    url = factory.Sequence(lambda n: f"https://example.org/documents/{n + 1}.pdf")
