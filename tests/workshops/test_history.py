"""Revision history (django-simple-history): who changed what and when, the differences,
restoring an earlier version, and undoing the deletion of a workshop."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from core.editorial.history import history_delta
from publishing.enums import Status
from tests.editorial import admin_url, change_form_data, login_as
from tests.factories import (
    DocumentFactory,
    ParticipationFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.editorial import restore_deleted_children
from workshops.models import Document, Participation, Workshop, WorkshopPartner

pytestmark = pytest.mark.django_db


def history_form_url(obj, record):
    meta = obj._meta
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_simple_history", args=[obj.pk, record.pk]
    )


def test_history_records_who_changed_what(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(status=Status.DRAFT, title="Migration and Development")

    client.post(
        admin_url(workshop, "change"),
        change_form_data(client, workshop, title_en="Migration and Development, revised"),
    )

    latest = workshop.history.first()
    assert latest.history_user.username == "publisher"
    assert latest.title == "Migration and Development, revised"
    # As the history page compares them: per language, without the source column.
    delta = history_delta(latest, latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("title_en", "Migration and Development", "Migration and Development, revised")
    ]
    # Django's own admin log keeps its entry too.
    assert LogEntry.objects.get().object_repr == str(Workshop.objects.get())


def test_history_page_shows_the_differences(client):
    login_as(client, "editor")
    workshop = WorkshopFactory(status=Status.DRAFT, title="Before")
    client.post(admin_url(workshop, "change"), change_form_data(client, workshop, title_en="After"))

    response = client.get(admin_url(workshop, "history"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Before" in html
    assert "After" in html
    assert "editor" in html


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_history_restore_earlier_version_only_by_publisher(client, role):
    login_as(client, role)
    workshop = WorkshopFactory(status=Status.DRAFT, title="First title")
    workshop.title = "Second title"
    workshop.save()
    first = workshop.history.earliest()
    form_page = client.get(history_form_url(workshop, first))
    data = change_form_data(client, workshop)
    data["title_en"] = "First title"

    response = client.post(history_form_url(workshop, first), data)

    workshop.refresh_from_db()
    if role == "editor":
        assert form_page.context["revert_disabled"]
        assert response.status_code == 403
        assert workshop.title == "Second title"
    else:
        assert not form_page.context["revert_disabled"]
        assert response.status_code == 302
        assert workshop.title == "First title"


def test_history_deleted_workshop_restored_with_partners_speakers_and_documents(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(status=Status.DRAFT, title="Gone by mistake")
    partner = WorkshopPartnerFactory(workshop=workshop)
    speaker = ParticipationFactory(workshop=workshop)
    document = DocumentFactory(workshop=workshop)
    pk = workshop.pk
    client.post(admin_url(workshop, "delete"), {"post": "yes"})
    assert not Workshop.objects.filter(pk=pk).exists()

    deleted_page = client.get(reverse("admin:workshops_workshop_deleted"))
    record = deleted_page.context["records"][0]
    form_page = client.get(history_form_url(workshop, record))
    form = form_page.context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update({"publish_at_0": "", "publish_at_1": ""})
    response = client.post(history_form_url(workshop, record), data)

    assert response.status_code == 302
    restored = Workshop.objects.get(pk=pk)
    assert restored.title == "Gone by mistake"
    assert list(WorkshopPartner.objects.filter(workshop=restored)) == [partner]
    assert list(Participation.objects.filter(workshop=restored)) == [speaker]
    assert list(Document.objects.filter(workshop=restored)) == [document]
    assert client.get(reverse("admin:workshops_workshop_deleted")).context["records"] == []


def test_history_deleted_list_shows_who_deleted(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(title="Removed workshop")
    client.post(admin_url(workshop, "delete"), {"post": "yes"})

    response = client.get(reverse("admin:workshops_workshop_deleted"))

    html = response.content.decode()
    assert "Removed workshop" in html
    assert "publisher" in html


def test_history_partner_deleted_before_the_workshop_stays_deleted(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(status=Status.DRAFT)
    removed_on_purpose = WorkshopPartnerFactory(workshop=workshop)
    removed_on_purpose.delete()
    # Long before the workshop's deletion.
    record = WorkshopPartner.history.get(history_type="-")
    record.history_date = record.history_date.replace(year=2020)
    record.save()
    workshop.delete()
    deletion = Workshop.history.get(history_type="-")
    deletion.instance.save()

    restored = restore_deleted_children(Workshop.objects.get(pk=deletion.id))

    assert restored == 0
    assert not WorkshopPartner.objects.exists()
