"""A page kept while public is never served again once its content is retracted (made a
draft, scheduled again, or deleted), not even as the last good copy during an outage."""

import datetime

import pytest
from django.db import OperationalError
from django.utils import timezone

from publishing.enums import Status
from tests.core.test_cache import PAGES_NAMING_WORKSHOP_ONE, WORKSHOP
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(key_migration_issues):
    return Workshop.objects.get(slug="international-trafficking-in-human-beings")


def database_down(monkeypatch):
    """Every query fails from here on, as when PostgreSQL stops."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # Above the cursor, so that the test's own connection stays usable for its teardown.
    from django.db.models.sql.compiler import SQLCompiler

    monkeypatch.setattr(SQLCompiler, "execute_sql", refuse)


def unpublish(workshop):
    workshop.status = Status.DRAFT
    workshop.save()


def schedule_again(workshop):
    workshop.publish_at = timezone.now() + datetime.timedelta(days=3)
    workshop.save()


def delete(workshop):
    workshop.delete()


@pytest.mark.parametrize("retract", [unpublish, schedule_again, delete])
def test_no_page_kept_before_a_retraction_is_served_during_an_outage(
    client, workshop, monkeypatch, retract
):
    kept = {name: client.get(url) for name, url in PAGES_NAMING_WORKSHOP_ONE.items()}
    assert {name: r.status_code for name, r in kept.items()} == dict.fromkeys(kept, 200)

    retract(workshop)
    database_down(monkeypatch)
    during = {name: client.get(url) for name, url in PAGES_NAMING_WORKSHOP_ONE.items()}

    assert {name: r.status_code for name, r in during.items()} == dict.fromkeys(during, 503)
    assert [r for r in during.values() if r.get("X-Page-Cache") == "stale"] == []


def test_an_edit_that_retracts_nothing_still_leaves_the_last_good_copy(
    client, workshop, monkeypatch
):
    good = client.get(WORKSHOP)
    workshop.title = "Trafficking in Persons"
    workshop.save()

    database_down(monkeypatch)
    response = client.get(WORKSHOP)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "stale"
    assert response.content == good.content
