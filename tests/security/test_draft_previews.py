"""Drafts are previewed on the public pages only by staff who may view that model: a staff
account without permissions (403 in the admin) gets what the public gets."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publishing.enums import Status
from tests.editorial import login_as
from tests.factories import (
    DocumentFactory,
    OrganizationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    series = SeriesFactory(slug="draft-series", status=Status.DRAFT)
    workshop = WorkshopFactory(series=series, slug="draft-workshop", status=Status.DRAFT)
    document = DocumentFactory(
        workshop=workshop, url="", file=SimpleUploadedFile("agenda.txt", b"Draft agenda.\n")
    )
    partner = OrganizationFactory(slug="draft-partner")
    WorkshopPartnerFactory(workshop=workshop, organization=partner)
    return {
        "series": series.get_absolute_url(),
        "workshop": workshop.get_absolute_url(),
        "document": reverse("workshops:document", args=[series.slug, workshop.slug, document.pk]),
        "partner": partner.get_absolute_url(),
    }


def staff(*codenames):
    user = get_user_model().objects.create_user("staff", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def answers(client, drafts):
    statuses = {}
    for name, url in drafts.items():
        response = client.get(url)
        statuses[name] = response.status_code
        if response.streaming:  # read to the end, which closes the file (the test client's
            b"".join(response.streaming_content)  # wrapper does), not response.close()
    return statuses


def test_staff_without_permissions_get_what_the_public_gets(client, drafts):
    public = answers(client, drafts)
    client.force_login(staff())

    assert answers(client, drafts) == public
    assert set(public.values()) == {404}


def test_staff_who_may_view_workshops_but_not_series_see_no_draft_workshop(client, drafts):
    client.force_login(staff("view_workshop"))

    responses = answers(client, drafts)

    assert responses["workshop"] == 404
    assert responses["series"] == 404


def test_staff_who_may_view_series_and_workshops_preview_them(client, drafts):
    client.force_login(staff("view_series", "view_workshop"))

    responses = answers(client, drafts)

    assert set(responses.values()) == {200}


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_every_role_previews_drafts(client, drafts, role):
    login_as(client, role)

    assert set(answers(client, drafts).values()) == {200}
