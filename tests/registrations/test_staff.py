"""Staff's side: only Registrars (and superusers) see, export or write to delegates;
every export, sign-in sheet and message is recorded; exports neutralise formulas."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from post_office.models import Email

from registrations import services
from registrations.enums import RegistrationStatus, StaffActionKind
from registrations.models import Registration, StaffAction
from tests.editorial import login_as
from tests.registrations.conftest import open_workshop

pytestmark = pytest.mark.django_db


def _absolute(path):
    return f"http://testserver{path}"


def _confirmed(registration_settings, name, email):
    outcome = services.register(
        registration_settings,
        {"name": name, "email": email, "organization": "Mission", "country": "FR"},
        "fr",
        _absolute,
    )
    services.confirm(outcome.registration.token, _absolute)
    return Registration.objects.get(pk=outcome.registration.pk)


@pytest.fixture
def workshop_with_delegates():
    registration_settings = open_workshop(capacity=1, waiting_list=True)
    _confirmed(registration_settings, '=HYPERLINK("http://evil.example","x")', "a@example.org")
    _confirmed(registration_settings, "Bea Waiting", "b@example.org")
    return registration_settings.workshop


STAFF_PAGES = [
    ("admin:registrations_workshop", ()),
    ("admin:registrations_export", ("csv",)),
    ("admin:registrations_export", ("xlsx",)),
    ("admin:registrations_sign_in_sheet", ()),
    ("admin:registrations_message", ()),
]


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_editors_and_publishers_cannot_read_or_export_personal_data(
    client, role, workshop_with_delegates
):
    login_as(client, role)

    changelist = client.get(reverse("admin:registrations_registration_changelist"))
    pages = [
        client.get(reverse(name, args=[workshop_with_delegates.pk, *args]))
        for name, args in STAFF_PAGES
    ]

    assert changelist.status_code == 403
    assert [page.status_code for page in pages] == [403] * len(pages)
    index = client.get(reverse("admin:index")).content.decode()
    assert "b@example.org" not in index
    assert StaffAction.objects.count() == 0


def test_a_registrar_sees_counts_and_the_list(client, workshop_with_delegates):
    login_as(client, "registrar")

    page = client.get(reverse("admin:registrations_workshop", args=[workshop_with_delegates.pk]))
    changelist = client.get(
        reverse("admin:registrations_registration_changelist"),
        {"workshop__id__exact": workshop_with_delegates.pk, "q": "Bea"},
    )

    assert page.status_code == 200
    counts = page.context["counts"]
    assert (counts["confirmed"], counts["waiting"], counts["pending"]) == (1, 1, 0)
    assert "Bea Waiting" in changelist.content.decode()


def test_exports_neutralise_formulas_and_are_recorded(client, workshop_with_delegates):
    login_as(client, "registrar")

    csv_response = client.get(
        reverse("admin:registrations_export", args=[workshop_with_delegates.pk, "csv"])
    )
    xlsx_response = client.get(
        reverse("admin:registrations_export", args=[workshop_with_delegates.pk, "xlsx"])
    )

    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    names = [row[2] for row in rows[1:]]
    # The leading "=" is gone: the cell is text, never run.
    assert names[0] == 'HYPERLINK("http://evil.example","x")'
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type != "f"
    assert not str(cell.value).startswith("=")
    kinds = sorted(StaffAction.objects.values_list("kind", "user__username"))
    assert kinds == [
        (StaffActionKind.EXPORT_CSV, "registrar"),
        (StaffActionKind.EXPORT_XLSX, "registrar"),
    ]


def test_sign_in_sheet_lists_the_confirmed_delegates(client, workshop_with_delegates):
    login_as(client, "registrar")

    page = client.get(
        reverse("admin:registrations_sign_in_sheet", args=[workshop_with_delegates.pk])
    )

    html = page.content.decode()
    assert "HYPERLINK" in html
    assert "Bea Waiting" not in html  # waiting, not confirmed
    assert StaffAction.objects.get().kind == StaffActionKind.SIGN_IN_SHEET


def test_a_message_to_the_waiting_list_is_queued_for_each_and_recorded(
    client, workshop_with_delegates
):
    login_as(client, "registrar")
    before = Email.objects.count()

    response = client.post(
        reverse("admin:registrations_message", args=[workshop_with_delegates.pk]),
        {"recipients": RegistrationStatus.WAITING, "subject": "Room change", "body": "Room 4."},
    )

    assert response.status_code == 302
    [email] = Email.objects.order_by("-pk")[: Email.objects.count() - before]
    assert email.to == ["b@example.org"]
    assert email.subject == "Room change"
    assert "/fr/registration/" in email.message  # the delegate's language, their link
    action = StaffAction.objects.get()
    assert (action.kind, action.user.username) == (StaffActionKind.MESSAGE, "registrar")
    assert "Room change" in action.detail


def test_attendance_is_marked_from_the_list(client, workshop_with_delegates):
    login_as(client, "registrar")
    confirmed = Registration.objects.get(status=RegistrationStatus.CONFIRMED)

    client.post(
        reverse("admin:registrations_registration_changelist"),
        {"action": "mark_attended", "_selected_action": [r.pk for r in Registration.objects.all()]},
    )

    assert list(Registration.objects.filter(attended=True)) == [confirmed]
