"""Editors draft; Publishers also publish, unpublish, schedule, delete, restore and import.

Every refusal is checked on the server (a crafted POST), not only by a hidden button.
"""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from publishing.enums import Status
from series.models import Series
from tests.editorial import admin_url, change_form_data, login_as
from tests.factories import (
    OrganizationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.models import Workshop, WorkshopPartner

pytestmark = pytest.mark.django_db

CAN_PUBLISH = {"editor": False, "publisher": True, "superuser": True}
WORKSHOPS = reverse("admin:workshops_workshop_changelist")
SERIES = reverse("admin:series_series_changelist")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_groups_editors_and_publishers_exist_after_migrate():
    from django.contrib.auth.models import Group

    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )

    assert {"add_workshop", "change_workshop", "add_document", "change_person"} <= editors
    assert not {"publish_workshop", "publish_series", "delete_workshop"} & editors
    assert publishers - editors == {
        "publish_series",
        "publish_workshop",
        "publish_organization",
        "publish_person",
        *(
            f"delete_{model}"
            for model in [
                "organization", "person", "series", "seriesorganizer", "relatedlink",
                "milestone", "workshop", "workshoppartner", "participation", "document",
            ]
        ),
    }  # fmt: skip


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_role_adds_a_draft_workshop(client, role):
    login_as(client, role)
    series = SeriesFactory()
    data = change_form_data_for_add(client, series)

    response = client.post(reverse("admin:workshops_workshop_add"), data)

    assert response.status_code == 302
    assert Workshop.objects.get().status == Status.DRAFT


def change_form_data_for_add(client, series, **fields):
    response = client.get(reverse("admin:workshops_workshop_add"))
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management_form = inline.formset.management_form
        for name in management_form.fields:
            data[management_form.add_prefix(name)] = management_form[name].value()
    return {
        **data,
        "series": series.pk,
        "number": 1,
        "title_en": "Migration and Development",
        "slug": "migration-and-development",
        "format": "",
        "status": Status.DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "start_date": "2006-03-15",
        "time_zone": "America/New_York",
        **fields,
    }


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_role_adding_a_published_workshop_refused_unless_publisher(client, role):
    login_as(client, role)
    series = SeriesFactory()
    data = change_form_data_for_add(client, series, status=Status.PUBLISHED)

    response = client.post(reverse("admin:workshops_workshop_add"), data)

    if CAN_PUBLISH[role]:
        assert response.status_code == 302
        assert Workshop.objects.get().status == Status.PUBLISHED
    else:
        assert response.status_code == 200
        assert "Only Publishers can publish" in str(
            response.context["adminform"].form.errors["status"]
        )
        assert not Workshop.objects.exists()


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
@pytest.mark.parametrize("model", ["workshop", "series"])
@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.PUBLISHED},
        {"publish_at": datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC)},
    ],
    ids=["status", "publish_at"],
)
def test_role_publishing_a_draft_by_its_form_refused_unless_publisher(client, role, model, change):
    login_as(client, role)
    obj = (
        WorkshopFactory(status=Status.DRAFT)
        if model == "workshop"
        else SeriesFactory(status=Status.DRAFT)
    )
    data = change_form_data(client, obj, **change)

    response = client.post(admin_url(obj, "change"), data)

    obj.refresh_from_db()
    field = next(iter(change))
    if CAN_PUBLISH[role]:
        assert response.status_code == 302
        assert getattr(obj, field) == change[field]
    else:
        assert response.status_code == 200
        assert "Only Publishers can publish" in str(
            response.context["adminform"].form.errors[field]
        )
        assert obj.status == Status.DRAFT
        assert obj.publish_at is None


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_role_editor_may_edit_a_draft_but_only_propose_for_a_published_workshop(client, role):
    login_as(client, role)
    draft = WorkshopFactory(status=Status.DRAFT, title="Draft")
    published = WorkshopFactory(title="Public")

    draft_response = client.post(
        admin_url(draft, "change"), change_form_data(client, draft, title_en="Draft, edited")
    )
    published_page = client.get(admin_url(published, "change"))
    published_response = client.post(
        admin_url(published, "change"),
        {**change_form_data_readonly(published), "title_en": "Changed"},
    )

    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft_response.status_code == 302
    assert draft.title == "Draft, edited"
    if CAN_PUBLISH[role]:
        assert not published_page.context.get("proposing")
    else:
        # Changing it would change the public site: the change waits for a Publisher
        # (tests/test_proposals.py), and the workshop stays as readers see it.
        assert published_page.context["proposing"]
        assert published_response.status_code in (200, 302)
        assert published.title == "Public"


def change_form_data_readonly(workshop):
    return {"title_en": workshop.title, "series": workshop.series_id, "number": workshop.number}


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
@pytest.mark.parametrize(
    ("changelist", "factory"), [(WORKSHOPS, WorkshopFactory), (SERIES, SeriesFactory)]
)
@pytest.mark.parametrize(
    ("action", "before", "after"),
    [("publish", Status.DRAFT, Status.PUBLISHED), ("unpublish", Status.PUBLISHED, Status.DRAFT)],
)
def test_role_publish_actions_refused_unless_publisher(
    client, role, changelist, factory, action, before, after
):
    login_as(client, role)
    objs = [factory(status=before), factory(status=before)]

    response = client.post(
        changelist, {"action": action, "_selected_action": [obj.pk for obj in objs]}
    )

    assert response.status_code == 302
    statuses = {type(obj).objects.get(pk=obj.pk).status for obj in objs}
    if CAN_PUBLISH[role]:
        assert statuses == {after}
    else:
        assert statuses == {before}
        assert messages_of(response) == [
            "Only Publishers can publish, unpublish or schedule. Save it as a draft and ask "
            "a Publisher to publish it."
        ]


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_role_publish_action_is_offered_only_to_publishers(client, role):
    login_as(client, role)
    WorkshopFactory()

    response = client.get(WORKSHOPS)

    actions = [value for value, _label in response.context["action_form"].fields["action"].choices]
    assert ("publish" in actions) is CAN_PUBLISH[role]
    assert ("unpublish" in actions) is CAN_PUBLISH[role]
    assert "duplicate" in actions


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
@pytest.mark.parametrize("model", ["workshop", "series"])
def test_role_delete_refused_unless_publisher(client, role, model):
    login_as(client, role)
    obj = (
        WorkshopFactory(status=Status.DRAFT)
        if model == "workshop"
        else SeriesFactory(status=Status.DRAFT)
    )

    response = client.post(admin_url(obj, "delete"), {"post": "yes"})

    exists = type(obj).objects.filter(pk=obj.pk).exists()
    if CAN_PUBLISH[role]:
        assert response.status_code == 302
        assert not exists
    else:
        assert response.status_code == 403
        assert exists


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_role_bulk_delete_action_refused_unless_publisher(client, role):
    login_as(client, role)
    workshop = WorkshopFactory(status=Status.DRAFT)

    client.post(
        WORKSHOPS,
        {"action": "delete_selected", "_selected_action": [workshop.pk], "post": "yes"},
    )

    assert Workshop.objects.filter(pk=workshop.pk).exists() is not CAN_PUBLISH[role]


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_grant_role_gives_the_group_and_staff(role, django_user_model):
    user = django_user_model.objects.create_user(username="amina", password="not-used")

    call_command("grant_role", "amina", role, stdout=io.StringIO())

    user.refresh_from_db()
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [
        {"editor": "Editors", "publisher": "Publishers"}[role]
    ]


def test_grant_role_replaces_the_previous_role(django_user_model):
    user = django_user_model.objects.create_user(username="amina", password="not-used")
    call_command("grant_role", "amina", "editor", stdout=io.StringIO())

    call_command("grant_role", "amina", "publisher", stdout=io.StringIO())

    assert list(user.groups.values_list("name", flat=True)) == ["Publishers"]


def test_grant_role_unknown_user_is_an_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="There is no user “nobody”") as error:
        call_command("grant_role", "nobody", "editor")

    assert "adds it in the admin under Administration › Users" in str(error.value)
    assert "Then run this command again." in str(error.value)


def test_series_scheduled_keeps_status_until_time(client):
    # Not a role test but the publish-at contract the roles protect.
    later = timezone.now() + datetime.timedelta(days=1)
    SeriesFactory(publish_at=later)

    assert list(Series.objects.published()) == []


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_role_rows_of_a_published_workshop_locked_for_editors(client, role):
    login_as(client, role)
    published = WorkshopPartnerFactory(workshop=WorkshopFactory(), order=1)
    draft = WorkshopPartnerFactory(workshop=WorkshopFactory(status=Status.DRAFT), order=1)

    changes = {
        partner: client.post(
            admin_url(partner, "change"),
            {
                "workshop": partner.workshop_id,
                "organization": partner.organization_id,
                "role": partner.role,
                "order": 5,
            },
        )
        for partner in (published, draft)
    }

    draft.refresh_from_db()
    published.refresh_from_db()
    assert changes[draft].status_code == 302
    assert draft.order == 5
    if role == "editor":
        assert changes[published].status_code == 403
        assert published.order == 1
    else:
        assert published.order == 5


def test_role_editor_cannot_add_a_row_to_a_published_workshop(client):
    login_as(client, "editor")
    workshop = WorkshopFactory()
    organization = OrganizationFactory()

    response = client.post(
        reverse("admin:workshops_workshoppartner_add"),
        {
            "workshop": workshop.pk,
            "organization": organization.pk,
            "role": "organized_with",
            "order": 0,
        },
    )

    assert response.status_code == 200
    assert "only Publishers can change it" in str(
        response.context["adminform"].form.errors["workshop"]
    )
    assert not WorkshopPartner.objects.exists()


def test_grant_role_none_takes_the_role_away(django_user_model):
    user = django_user_model.objects.create_user(username="amina", password="not-used")
    call_command("grant_role", "amina", "publisher", stdout=io.StringIO())

    call_command("grant_role", "amina", "none", stdout=io.StringIO())

    assert list(user.groups.all()) == []


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_role_changelist_order_of_a_published_workshops_rows_locked_for_editors(client, role):
    login_as(client, role)
    draft = WorkshopPartnerFactory(workshop=WorkshopFactory(status=Status.DRAFT), order=1)
    published = WorkshopPartnerFactory(workshop=WorkshopFactory(), order=1)
    rows = [draft, published]
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "_save": "Save",
        **{f"form-{i}-id": str(row.pk) for i, row in enumerate(rows)},
        **{f"form-{i}-order": "7" for i in range(2)},
    }

    response = client.post(reverse("admin:workshops_workshoppartner_changelist"), data)

    draft.refresh_from_db()
    published.refresh_from_db()
    if role == "editor":
        assert response.status_code == 403
        assert (draft.order, published.order) == (1, 1)
    else:
        assert response.status_code == 302
        assert (draft.order, published.order) == (7, 7)
