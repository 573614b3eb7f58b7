"""Editors propose, Publishers decide: a change by an Editor to what readers see waits as a
proposal, the public page keeps the published version until a Publisher approves, and a
rejection carries a reason the Editor reads. No other path lets an Editor change it."""

import pytest
from django.test import Client
from django.urls import reverse

from organizations.models import Organization, Person
from publishing.enums import Status
from publishing.models import Proposal, ProposalStatus
from tests.editorial import admin_url, change_form_data, user_with_role
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

PROPOSALS = reverse("admin:publishing_proposal_changelist")


def review_url(proposal):
    return reverse("admin:publishing_proposal_change", args=[proposal.pk])


@pytest.fixture
def editor(client):
    client.force_login(user_with_role("editor"))
    return client


def publisher_client(client_class=Client):
    other = client_class()
    other.force_login(user_with_role("publisher"))
    return other


def propose_title(client, workshop, title, **changes):
    data = change_form_data(client, workshop, title_en=title, **changes)
    return client.post(admin_url(workshop, "change"), data)


def test_editor_change_to_a_published_workshop_becomes_a_proposal(editor):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.PUBLISHED)

    response = propose_title(editor, workshop, "Labour Migration and Skills", title_fr="Migration")

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review_url(proposal)
    workshop.refresh_from_db()
    assert workshop.title_en == "Labour Migration"
    assert workshop.title_fr in (None, "")
    assert workshop.history.count() == 1  # created only: nothing recorded as changed
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.data["title_en"] == ["Labour Migration and Skills"]
    public = editor.get(workshop.get_absolute_url())
    assert "Labour Migration and Skills" not in public.text


def test_publisher_sees_the_difference_in_every_language_and_approves(editor):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.PUBLISHED)
    propose_title(editor, workshop, "Labour Migration and Skills", title_fr="Migration de travail")
    proposal = Proposal.objects.get()
    publisher = publisher_client()

    review = publisher.get(review_url(proposal))

    assert [(row[1], row[2], row[3]) for row in review.context["changes"]] == [
        ("Title (English)", "Labour Migration", "Labour Migration and Skills"),
        ("Title (French)", "", "Migration de travail"),
    ]
    response = publisher.post(review_url(proposal), {"_approve": "1"})
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.title_en == "Labour Migration and Skills"
    assert workshop.title_fr == "Migration de travail"
    assert workshop.status == Status.PUBLISHED
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.reviewer.username == "publisher"
    latest = workshop.history.first()
    assert latest.history_change_reason == "Proposed by editor, approved by publisher"


def test_proposal_carries_inline_rows(editor):
    workshop = WorkshopFactory(status=Status.PUBLISHED)
    partner = WorkshopPartnerFactory(workshop=workshop, order=1)
    data = change_form_data(editor, workshop, **{"partner_roles-0-order": 5})
    editor.post(admin_url(workshop, "change"), data)
    partner.refresh_from_db()
    assert partner.order == 1
    publisher = publisher_client()

    publisher.post(review_url(Proposal.objects.get()), {"_approve": "1"})

    partner.refresh_from_db()
    assert partner.order == 5


def test_rejection_needs_a_reason_and_the_editor_reads_it(editor):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.PUBLISHED)
    propose_title(editor, workshop, "Something else")
    proposal = Proposal.objects.get()
    publisher = publisher_client()

    refused = publisher.post(review_url(proposal), {"_reject": "1", "reason": "  "})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert refused.status_code == 302
    publisher.post(review_url(proposal), {"_reject": "1", "reason": "Keep the UN title."})

    proposal.refresh_from_db()
    workshop.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert workshop.title_en == "Labour Migration"
    mine = editor.get(PROPOSALS)
    assert "Keep the UN title." in mine.text
    assert "Keep the UN title." in editor.get(review_url(proposal)).text


def test_editor_cannot_approve_or_reject_even_by_direct_post(editor):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.PUBLISHED)
    propose_title(editor, workshop, "Approved by myself")
    proposal = Proposal.objects.get()

    approve = editor.post(review_url(proposal), {"_approve": "1"})
    reject = editor.post(review_url(proposal), {"_reject": "1", "reason": "no"})

    assert approve.status_code == 403
    assert reject.status_code == 403
    workshop.refresh_from_db()
    assert workshop.title_en == "Labour Migration"


def test_approval_keeps_the_status_a_publisher_set_meanwhile(editor):
    workshop = WorkshopFactory(title="Labour Migration", status=Status.PUBLISHED)
    propose_title(editor, workshop, "Labour Migration and Skills")
    Workshop.objects.filter(pk=workshop.pk).update(status=Status.DRAFT)
    publisher = publisher_client()

    publisher.post(review_url(Proposal.objects.get()), {"_approve": "1"})

    workshop.refresh_from_db()
    assert workshop.status == Status.DRAFT
    assert workshop.title_en == "Labour Migration and Skills"


def test_index_counts_the_proposals_waiting_for_publishers(editor):
    workshop = WorkshopFactory(status=Status.PUBLISHED)
    propose_title(editor, workshop, "One")
    propose_title(editor, workshop, "Two")
    publisher = publisher_client()

    assert "Proposals: 2 waiting for review" in publisher.get(reverse("admin:index")).text
    assert "My proposals" in editor.get(reverse("admin:index")).text


def test_draft_workshop_is_changed_directly_by_an_editor(editor):
    workshop = WorkshopFactory(title="Draft", status=Status.DRAFT)

    propose_title(editor, workshop, "Draft, changed")

    workshop.refresh_from_db()
    assert workshop.title_en == "Draft, changed"
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("factory", [OrganizationFactory, PersonFactory])
def test_editor_change_to_an_organization_or_person_waits_for_a_publisher(editor, factory):
    obj = factory()
    field = "name_en" if isinstance(obj, Organization) else "name"
    before = getattr(obj, field)
    data = change_form_data(editor, obj, **{field: "Renamed by an editor"})
    data.pop("logo", None)  # no file chosen

    editor.post(admin_url(obj, "change"), data)

    obj.refresh_from_db()
    assert getattr(obj, field) == before
    assert Proposal.objects.get().object_id == str(obj.pk)


def test_editor_cannot_change_an_organization_from_the_list(editor):
    organization = OrganizationFactory(kind="ngo")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(organization.pk),
        "form-0-kind": "government",
        "_save": "Save",
    }

    response = editor.post(reverse("admin:organizations_organization_changelist"), data)

    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.kind == "ngo"


@pytest.mark.parametrize("model", [Organization, Person])
def test_publisher_changes_organizations_and_people_directly(client, model):
    obj = OrganizationFactory() if model is Organization else PersonFactory()
    client.force_login(user_with_role("publisher"))
    field = "name_en" if model is Organization else "name"
    data = change_form_data(client, obj, **{field: "Renamed by a publisher"})
    data.pop("logo", None)  # no file chosen

    client.post(admin_url(obj, "change"), data)

    obj.refresh_from_db()
    assert getattr(obj, field) == "Renamed by a publisher"
    assert not Proposal.objects.exists()
