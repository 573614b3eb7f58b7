"""Reverting shows what it would change against the current version, and warns when it
would take something off the public site; restoring a deleted workshop says so."""

import pytest
from django.urls import reverse

from publishing.enums import Status
from tests.editorial import login_as
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def revert_url(workshop, record):
    return reverse("admin:workshops_workshop_simple_history", args=[workshop.pk, record.history_id])


def test_revert_to_a_draft_version_of_a_published_workshop_warns_and_lists_changes(client):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.DRAFT)
    draft = workshop.history.first()
    workshop.title_en = "Labour Migration and Skills"
    workshop.status = Status.PUBLISHED
    workshop.save()
    login_as(client, "publisher")

    response = client.get(revert_url(workshop, draft))

    assert response.context["revert_unpublishes"] is True
    changes = {label: (now, after) for label, now, after in response.context["revert_changes"]}
    assert changes["Title (English)"] == ("Labour Migration and Skills", "Labour Migration")
    assert changes["Status"] == ("Published", "Draft")
    assert "Reverting takes this off the public site" in response.text
    assert "its calendar entries and its feed item" in response.text


def test_revert_between_published_versions_does_not_warn(client):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.PUBLISHED)
    first = workshop.history.first()
    workshop.title_en = "Labour Migration and Skills"
    workshop.save()
    login_as(client, "publisher")

    response = client.get(revert_url(workshop, first))

    assert response.context["revert_unpublishes"] is False
    assert "Reverting takes this off the public site" not in response.text
