"""The benchmark's data generator (benchmarks/data.py), at a small scale: the benchmark
itself (`make bench`) is a script that no test runs."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from organizations.models import Organization, Person
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
from tests.factories import OrganizationFactory
from workshops.models import Document, Participation, Workshop, WorkshopPartner

pytestmark = pytest.mark.django_db


def generate(*arguments):
    call_command("generate_bench_data", *arguments, stdout=io.StringIO())


def snapshot():
    """The generated data by natural keys and values (primary keys differ between runs)."""
    return {
        "organizations": list(
            Organization.objects.order_by("slug").values_list("slug", "name", "kind")
        ),
        "people": list(Person.objects.order_by("slug").values_list("slug", "organization__slug")),
        "series": list(
            Series.objects.order_by("slug").values_list("slug", "status", "coordinator__slug")
        ),
        "workshops": list(
            Workshop.objects.order_by("series__slug", "number").values_list(
                "series__slug", "number", "slug", "start_date", "status", "summary"
            )
        ),
        "partners": list(
            WorkshopPartner.objects.order_by("workshop__slug", "organization__slug").values_list(
                "workshop__slug", "organization__slug", "role"
            )
        ),
        "speakers": list(
            Participation.objects.order_by("workshop__slug", "order").values_list(
                "workshop__slug", "person__slug", "role"
            )
        ),
        "documents": list(Document.objects.order_by("title", "url").values_list("title", "url")),
    }


def generated_once(*arguments):
    """Generates, takes the snapshot, and rolls the data back for the next run."""
    with transaction.atomic():
        generate(*arguments)
        data = snapshot()
        transaction.set_rollback(True)
    return data


def test_generate_bench_data_makes_the_counts_of_its_scale():
    generate("--scale", "0.02")

    counts = (
        Series.objects.count(),
        Workshop.objects.count(),
        Organization.objects.count(),
        Person.objects.count(),
    )
    assert counts == (2, 100, 20, 40)
    assert SeriesOrganizer.objects.filter(series__isnull=False).count() >= 2
    assert Milestone.objects.count() >= 2
    assert WorkshopPartner.objects.count() >= 100
    assert Participation.objects.count() >= 200


def test_generate_bench_data_same_seed_same_data():
    first = generated_once("--seed", "7", "--scale", "0.01")

    second = generated_once("--seed", "7", "--scale", "0.01")

    assert first == second
    assert len(first["workshops"]) == 50


def test_generate_bench_data_other_seed_other_data():
    first = generated_once("--seed", "1", "--scale", "0.01")

    second = generated_once("--seed", "2", "--scale", "0.01")

    assert first["workshops"] != second["workshops"]


def test_generate_bench_data_passes_model_validation():
    generate("--scale", "0.01")

    models = [Organization, Person, Series, SeriesOrganizer, RelatedLink, Milestone, Workshop]
    models += [WorkshopPartner, Participation, Document]
    for model in models:
        for obj in model.objects.all():
            obj.full_clean()  # raises on anything the admin would refuse


def test_generate_bench_data_refuses_a_database_with_content():
    OrganizationFactory()

    with pytest.raises(CommandError, match="already has content"):
        generate("--scale", "0.01")

    assert Workshop.objects.count() == 0


def test_generate_bench_data_adds_to_content_when_allowed():
    OrganizationFactory()

    generate("--scale", "0.01", "--allow-existing")

    assert Workshop.objects.count() == 50
