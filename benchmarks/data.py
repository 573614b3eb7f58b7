"""The benchmark's large data set, built in bulk: `generate(seed, scale)`.

At scale 1: 100 series, 5,000 workshops, 1,000 organizations, 2,000 people, and in
the proportions of the Key Migration Issues series: 1–4 organizers, 0–3 related links
and 1–4 milestones a series; 1–3 partners, 2–6 speakers (the first a moderator) and 0–3
documents a workshop. Series sizes vary as on a real site (a few long-running series,
many short ones), and a few large agencies partner in far more workshops than the rest,
so the largest series and the busiest organization are the pages worth measuring.
About 5 % of the workshops and 5 % of the series are drafts; dates run from 1995 to a
few years ahead, so schedules have both upcoming and past workshops.

Rows are saved with `bulk_create`, so no revision history is written for them (the
public pages never read it) and no signal fires. Everything runs in one transaction.
"""

import datetime
from dataclasses import dataclass

import factory.random
from django.db import transaction

from benchmarks import factories as f
from core.infrastructure.cache import forget_content_version
from organizations.models import Organization, Person
from publishing.enums import Status
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
from workshops.enums import ParticipationRole, PartnerRole
from workshops.models import Document, Participation, Workshop, WorkshopPartner

BATCH = 1000
FACTORIES = [
    f.OrganizationFactory, f.PersonFactory, f.SeriesFactory, f.SeriesOrganizerFactory,
    f.RelatedLinkFactory, f.MilestoneFactory, f.WorkshopFactory, f.WorkshopPartnerFactory,
    f.ParticipationFactory, f.DocumentFactory,
]  # fmt: skip


@dataclass(frozen=True)
class Counts:
    series: int
    workshops: int
    organizations: int
    people: int

    @classmethod
    def at(cls, scale):
        """Scale 1 is the issue's size; smaller scales keep at least one of each."""
        return cls(
            series=max(1, round(100 * scale)),
            workshops=max(2, round(5000 * scale)),
            organizations=max(4, round(1000 * scale)),
            people=max(6, round(2000 * scale)),
        )


def _sample(rng, population, count):
    return rng.sample(population, min(count, len(population)))


def _series_sizes(rng, series, workshops):
    """How many workshops each series gets: log-normal, at least one each, summing exactly."""
    weights = [rng.lognormvariate(0, 0.6) for _ in range(series)]
    spare = workshops - series
    sizes = [1 + int(spare * w / sum(weights)) for w in weights]
    for i in range(workshops - sum(sizes)):
        sizes[i % series] += 1
    return sizes


def generate(seed, scale, log=print):
    """Adds the data set to the database; returns the number of rows per model."""
    f.reseed(seed)
    for factory_class in FACTORIES:
        factory_class.reset_sequence()
    rng = factory.random.randgen
    counts = Counts.at(scale)
    made = {}

    def save(model, objects):
        model.objects.bulk_create(objects, batch_size=BATCH)
        made[model._meta.label] = made.get(model._meta.label, 0) + len(objects)
        return objects

    with transaction.atomic():
        # bulk_create sends no signal, so the page cache is told once
        # (core/infrastructure/cache.py).
        transaction.on_commit(forget_content_version)
        organizations = save(Organization, f.OrganizationFactory.build_batch(counts.organizations))
        # A few agencies partner in many workshops (the busiest in about 4 %), most in few.
        partner_weights = [(rank + 1) ** -0.7 for rank in range(len(organizations))]
        people = f.PersonFactory.build_batch(counts.people)
        for person in people:
            person.organization = rng.choice(organizations) if rng.random() < 0.8 else None
        save(Person, people)
        log(f"{len(organizations)} organizations, {len(people)} people")

        all_series = f.SeriesFactory.build_batch(counts.series)
        for series in all_series:
            series.coordinator = rng.choice(people)
            series.status = Status.DRAFT if rng.random() < 0.05 else Status.PUBLISHED
        save(Series, all_series)
        organizers, links, milestones = [], [], []
        for series in all_series:
            for order, organization in enumerate(_sample(rng, organizations, rng.randint(1, 4))):
                organizers.append(
                    f.SeriesOrganizerFactory.build(
                        series=series, organization=organization, order=order
                    )
                )
            for order in range(rng.randint(0, 3)):
                links.append(f.RelatedLinkFactory.build(series=series, order=order))
            for _ in range(rng.randint(1, 4)):
                milestones.append(
                    f.MilestoneFactory.build(
                        series=series,
                        start_date=datetime.date(rng.randint(1995, 2028), rng.randint(1, 12), 1),
                    )
                )
        save(SeriesOrganizer, organizers)
        save(RelatedLink, links)
        save(Milestone, milestones)
        log(f"{len(all_series)} series")

        workshops = []
        for series, size in zip(
            all_series, _series_sizes(rng, len(all_series), counts.workshops), strict=True
        ):
            day = datetime.date(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28))
            for number in range(1, size + 1):
                workshops.append(
                    f.WorkshopFactory.build(
                        series=series,
                        number=number,
                        start_date=day,
                        end_date=day + datetime.timedelta(days=1) if rng.random() < 0.1 else None,
                        status=Status.DRAFT if rng.random() < 0.05 else Status.PUBLISHED,
                    )
                )
                day += datetime.timedelta(days=rng.randint(7, 60))
        save(Workshop, workshops)

        partners, participations, documents = [], [], []
        roles = [PartnerRole.ORGANIZED_WITH] * 6 + [PartnerRole.HOSTED_BY, PartnerRole.SUPPORTED_BY]
        for workshop in workshops:
            chosen = set(rng.choices(organizations, partner_weights, k=rng.randint(1, 3)))
            for order, organization in enumerate(sorted(chosen, key=lambda o: o.slug)):
                partners.append(
                    f.WorkshopPartnerFactory.build(
                        workshop=workshop,
                        organization=organization,
                        role=rng.choice(roles),
                        order=order,
                    )
                )
            for order, person in enumerate(_sample(rng, people, rng.randint(2, 6))):
                role = ParticipationRole.MODERATOR if order == 0 else ParticipationRole.PANELLIST
                participations.append(
                    f.ParticipationFactory.build(
                        workshop=workshop, person=person, role=role, order=order
                    )
                )
            for order in range(rng.randint(0, 3)):
                document = f.DocumentFactory.build(workshop=workshop, order=order)
                document.title = f"{document.title} ({order + 1})"  # unique per workshop
                documents.append(document)
        save(WorkshopPartner, partners)
        save(Participation, participations)
        save(Document, documents)
        log(f"{len(workshops)} workshops")
    return made
