"""Importing a programme from a spreadsheet, and exporting workshops and organizations.

An import shows what it would do before anything is written, refuses the whole file when
any row is bad (naming each bad row and why), and changes nothing when run twice.
"""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publishing.enums import Status
from tests.editorial import login_as
from tests.factories import OrganizationFactory, SeriesFactory, WorkshopFactory
from workshops.models import Workshop, WorkshopPartner
from workshops.resources import WorkshopResource

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:workshops_workshop_import")
PROCESS = reverse("admin:workshops_workshop_process_import")
EXPORT = reverse("admin:workshops_workshop_export")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADER = "series,number,title,slug,start_date,end_date,venue\n"
GOOD_ROWS = (
    "kmi,1,Migration and Development,migration-and-development,2007-03-15,,UN Headquarters\n"
    "kmi,2,Migration and Human Rights,migration-and-human-rights,2007-05-10,2007-05-11,\n"
    "kmi,3,Migration and Gender,migration-and-gender,2007-06-20,,\n"
)


@pytest.fixture
def kmi():
    return SeriesFactory(slug="kmi")


def upload(client, content, name="programme.csv", file_format=CSV_FORMAT):
    if isinstance(content, str):
        content = content.encode()
    return client.post(
        IMPORT,
        {
            "resource": "0",
            "format": file_format,
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(PROCESS, {name: form[name].value() for name in form.fields})


def import_errors(response):
    """Each refused row as (row number, reason), as the preview lists them."""
    result = response.context["result"]
    errors = [
        (error.number, str(error.error))
        for _, row_errors in result.row_errors()
        for error in row_errors
    ]
    errors += [
        (
            row.number,
            "; ".join(
                f"{field}: {' '.join(messages)}"
                for field, messages in row.field_specific_errors.items()
            )
            + "; ".join(row.non_field_specific_errors),
        )
        for row in result.invalid_rows
    ]
    return sorted(errors)


def test_import_good_file_previews_then_writes_on_confirm(client, kmi):
    login_as(client, "publisher")

    preview = upload(client, HEADER + GOOD_ROWS)

    assert preview.status_code == 200
    assert not Workshop.objects.exists()
    html = preview.content.decode()
    assert "Migration and Human Rights" in html
    assert [row.import_type for row in preview.context["result"].rows] == ["new", "new", "new"]

    response = confirm(client, preview)

    assert response.status_code == 302
    workshops = list(Workshop.objects.order_by("number"))
    assert [(w.number, w.title, w.status) for w in workshops] == [
        (1, "Migration and Development", Status.DRAFT),
        (2, "Migration and Human Rights", Status.DRAFT),
        (3, "Migration and Gender", Status.DRAFT),
    ]
    assert workshops[1].end_date == datetime.date(2007, 5, 11)
    # Recorded in the history as the publisher's work.
    assert workshops[0].history.get().history_user.username == "publisher"


def test_import_same_file_twice_changes_nothing(client, kmi):
    login_as(client, "publisher")
    confirm(client, upload(client, HEADER + GOOD_ROWS))
    before = list(Workshop.objects.values())
    history_before = Workshop.history.count()

    preview = upload(client, HEADER + GOOD_ROWS)
    confirm(client, preview)

    assert [row.import_type for row in preview.context["result"].rows] == ["skip"] * 3
    assert list(Workshop.objects.values()) == before
    assert Workshop.history.count() == history_before


def test_import_changed_row_updates_the_workshop_matched_on_series_and_number(client, kmi):
    login_as(client, "publisher")
    workshop = WorkshopFactory(series=kmi, number=2, slug="migration-and-human-rights")

    preview = upload(client, HEADER + GOOD_ROWS)
    confirm(client, preview)

    assert [row.import_type for row in preview.context["result"].rows] == ["new", "update", "new"]
    workshop.refresh_from_db()
    assert workshop.title == "Migration and Human Rights"
    assert Workshop.objects.count() == 3


BAD_ROWS = [
    ("nope,4,Unknown series,unknown-series,2007-07-01,,\n", "There is no series “nope”."),
    ("kmi,4,Bad date,bad-date,2007-13-45,,\n", "start_date"),
    ("kmi,4,Ends before,ends-before,2007-07-02,2007-07-01,\n", "The end date cannot be before"),
    (
        "kmi,1,Duplicate number,duplicate-number,2007-07-01,,\n",
        "Row 1 already has workshop number 1.",
    ),
]


@pytest.mark.parametrize(("bad_row", "reason"), BAD_ROWS, ids=["series", "date", "end", "number"])
def test_import_one_bad_row_among_good_ones_writes_nothing(client, kmi, bad_row, reason):
    login_as(client, "publisher")

    preview = upload(client, HEADER + GOOD_ROWS + bad_row)

    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    errors = import_errors(preview)
    assert [number for number, _ in errors] == [4]
    assert reason in errors[0][1]
    assert not Workshop.objects.exists()


def test_import_every_bad_row_is_listed_with_its_number(client, kmi):
    login_as(client, "publisher")
    content = HEADER + GOOD_ROWS + "".join(row for row, _ in BAD_ROWS)

    preview = upload(client, content)

    assert [number for number, _ in import_errors(preview)] == [4, 5, 6, 7]
    html = preview.content.decode()
    assert "There is no series “nope”." in html
    assert "Row 1 already has workshop number 1." in html


def test_import_confirm_is_all_or_nothing_if_data_changed_since_preview(client, kmi):
    login_as(client, "publisher")
    preview = upload(client, HEADER + GOOD_ROWS)
    # Between preview and confirm, someone takes the slug of row 3 in this series.
    WorkshopFactory(series=kmi, number=9, slug="migration-and-gender")

    confirm(client, preview)

    assert list(Workshop.objects.values_list("number", flat=True)) == [9]


def test_import_wrong_columns_refused(client, kmi):
    login_as(client, "publisher")

    preview = upload(client, "title,date\nMigration,2007-03-15\n")

    assert "confirm_form" not in preview.context
    assert "The file has no column “series”, “number”." in preview.content.decode()
    assert not Workshop.objects.exists()


def test_import_empty_file_refused(client, kmi):
    login_as(client, "publisher")

    preview = upload(client, "")

    assert "confirm_form" not in (preview.context or {})
    assert not Workshop.objects.exists()


def test_import_file_that_is_not_csv_refused(client, kmi):
    login_as(client, "publisher")

    preview = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00", name="photo.csv")

    assert preview.status_code == 200
    assert "confirm_form" not in (preview.context or {})
    assert not Workshop.objects.exists()


def test_import_xlsx_file(client, kmi):
    login_as(client, "publisher")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in (HEADER + GOOD_ROWS).splitlines():
        sheet.append(line.split(","))
    content = io.BytesIO()
    book.save(content)

    confirm(client, upload(client, content.getvalue(), "programme.xlsx", XLSX_FORMAT))

    assert Workshop.objects.count() == 3


@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_import_refused_unless_publisher(client, kmi, role):
    login_as(client, role)

    page = client.get(IMPORT)
    response = upload(client, HEADER + GOOD_ROWS)

    if role == "editor":
        assert page.status_code == 403
        assert response.status_code == 403
    else:
        assert page.status_code == 200
    assert Workshop.objects.exists() is False


@pytest.mark.parametrize(
    ("file_format", "content_type"),
    [
        (CSV_FORMAT, "text/csv"),
        (XLSX_FORMAT, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_export_workshops(client, kmi, file_format, content_type):
    login_as(client, "publisher")
    WorkshopFactory(series=kmi, number=1, title="Migration and Development")

    response = client.post(EXPORT, {"format": file_format, "resource": "0", "export_items": []})

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    if file_format == CSV_FORMAT:
        lines = response.content.decode().splitlines()
        assert lines[0].startswith("series,number,title,slug,format,start_date")
        assert lines[1].startswith("kmi,1,Migration and Development,")


ORGANIZATION_COLUMNS = ["slug", "name", "acronym", "kind", "website", "description"]


def test_export_organizations_as_csv(client):
    login_as(client, "publisher")
    OrganizationFactory(
        slug="unitar", name="United Nations Institute for Training and Research", acronym="UNITAR"
    )

    response = client.post(
        reverse("admin:organizations_organization_export"),
        {"format": "0", "resource": "0"}
        | {f"organizationresource_{name}": "on" for name in ORGANIZATION_COLUMNS},
    )

    lines = response.content.decode().splitlines()
    assert lines[0] == ",".join(ORGANIZATION_COLUMNS)
    assert lines[1].startswith("unitar,United Nations Institute for Training and Research,UNITAR,")


def test_export_then_import_round_trips_unchanged(client, kmi):
    login_as(client, "publisher")
    WorkshopFactory(series=kmi, number=1, status=Status.PUBLISHED, summary="Two\n\nparagraphs")
    exported = client.post(EXPORT, {"format": CSV_FORMAT, "resource": "0"}).content

    preview = upload(client, exported)

    assert [row.import_type for row in preview.context["result"].rows] == ["skip"]


def large_programme(rows, series="kmi"):
    lines = [HEADER]
    start = datetime.date(2007, 1, 1)
    for number in range(1, rows + 1):
        day = start + datetime.timedelta(days=number % 3000)
        lines.append(f"{series},{number},Workshop {number},workshop-{number},{day.isoformat()},,\n")
    return "".join(lines)


def import_counting_queries(dataset_text):
    import tablib

    dataset = tablib.Dataset().load(dataset_text, format="csv")
    with CaptureQueriesContext(connection) as queries:
        result = WorkshopResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    return len(queries)


def test_large_import_costs_no_more_queries_per_row_than_a_small_one(kmi):
    """A programme of thousands of rows must not cost more per row than a few dozen: the
    checks read the series' workshops once, not once per row. (Its time is measured in
    docs/benchmarks.md, not asserted here: a timing fails on a busy machine.)"""
    SeriesFactory(slug="large")

    small = import_counting_queries(large_programme(50))
    large = import_counting_queries(large_programme(1000, series="large"))

    assert Workshop.objects.filter(series__slug="large").count() == 1000
    assert large / 1000 <= small / 50
    # Per row: its savepoint and release, the workshop's INSERT and its history INSERT,
    # and one more on PostgreSQL or SQLite for the savepoint's bookkeeping.
    assert large <= 5 * 1000 + 20


def test_import_slug_of_another_workshop_refused(client, kmi):
    login_as(client, "publisher")
    WorkshopFactory(series=kmi, number=9, slug="migration-and-gender")

    preview = upload(client, HEADER + GOOD_ROWS)

    assert import_errors(preview) == [
        (3, "slug: This series already has a workshop with this slug.")
    ]
    assert Workshop.objects.count() == 1


def test_import_one_day_workshop_ending_before_it_starts_refused(client, kmi):
    login_as(client, "publisher")
    content = (
        "series,number,title,slug,start_date,start_time,end_time\n"
        "kmi,1,Evening,evening,2007-03-15,18:00,10:00\n"
    )

    preview = upload(client, content)

    assert import_errors(preview) == [
        (1, "end_time: On a one-day workshop the end time cannot be before the start time.")
    ]


PARTNER_FILE = (
    "series,number,title,slug,start_date,partners\n"
    "kmi,1,Migration and Development,migration-and-development,2007-03-15,unu; unodc\n"
    "kmi,2,Migration and Gender,migration-and-gender,2007-06-20,\n"
)


@pytest.fixture
def partners_known():
    return [OrganizationFactory(slug="unu"), OrganizationFactory(slug="unodc")]


def test_import_partners_by_slug_in_order_and_twice_changes_nothing(client, kmi, partners_known):
    login_as(client, "publisher")

    confirm(client, upload(client, PARTNER_FILE))
    history = WorkshopPartner.history.count()
    second = upload(client, PARTNER_FILE)
    confirm(client, second)

    workshop = Workshop.objects.get(number=1)
    assert [role.organization for role in workshop.partner_roles.all()] == partners_known
    assert Workshop.objects.get(number=2).partner_roles.count() == 0
    assert [row.import_type for row in second.context["result"].rows] == ["skip", "skip"]
    assert WorkshopPartner.history.count() == history


def test_import_changed_partners_replace_the_old_ones(client, kmi, partners_known):
    login_as(client, "publisher")
    confirm(client, upload(client, PARTNER_FILE))

    confirm(client, upload(client, PARTNER_FILE.replace("unu; unodc", "unodc")))

    workshop = Workshop.objects.get(number=1)
    assert [role.organization.slug for role in workshop.partner_roles.all()] == ["unodc"]


def test_import_unknown_organization_refused_and_nothing_written(client, kmi, partners_known):
    login_as(client, "publisher")

    preview = upload(client, PARTNER_FILE.replace("unu; unodc", "unu; nobody"))

    assert import_errors(preview) == [(1, "partners: There is no organization “nobody”.")]
    assert not Workshop.objects.exists()


def test_export_workshops_names_partners_by_slug(client, kmi, partners_known):
    login_as(client, "publisher")
    workshop = WorkshopFactory(series=kmi, number=1)
    for order, organization in enumerate(partners_known):
        WorkshopPartner.objects.create(workshop=workshop, organization=organization, order=order)

    response = client.post(EXPORT, {"format": CSV_FORMAT, "resource": "0"})

    lines = response.content.decode().splitlines()
    assert lines[0].endswith(",publish_at,partners")
    assert lines[1].endswith(",unu; unodc")
