"""Uploaded documents: checked by content, size and name; stored under random names; served
so that no browser runs them."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from publishing.enums import Status
from tests.factories import DocumentFactory, SeriesFactory, WorkshopFactory
from workshops.models import Document
from workshops.uploads import sniff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
STORED_NAME = re.compile(r"documents/\d{4}/[0-9a-f]{32}\.(pdf|docx|xlsx|pptx|odt|txt)")


def package(*members, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(*first)
        for name in members:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def xlsx():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Participants"
    workbook.save(buffer)
    return buffer.getvalue()


DOCX = package("[Content_Types].xml", "word/document.xml")
PPTX = package("[Content_Types].xml", "ppt/presentation.xml")
ODT = package("content.xml", first=("mimetype", "application/vnd.oasis.opendocument.text"))
DOCM = package("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, "pdf"),
        (DOCX, "docx"),
        (PPTX, "pptx"),
        (ODT, "odt"),
        ("Programme:\n10:00 Opening — Président\n".encode(), "txt"),
        (HTML, "html"),
        (b"  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "html"),
        (b"Notes\n<script>alert(1)</script>\n", "html"),
        (DOCM, "zip"),
        (package("evil.exe"), "zip"),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"PK\x03\x04 truncated zip", None),
        ("Café".encode("latin-1"), None),
    ],
)
def test_sniff_names_the_type_of_the_content(content, expected):
    assert sniff(io.BytesIO(content)) == expected


def test_sniff_recognises_a_real_workbook():
    assert sniff(io.BytesIO(xlsx())) == "xlsx"


# --- Through the admin, as staff upload ---------------------------------------------------


def upload(staff_client, name, content, workshop=None):
    workshop = workshop or WorkshopFactory()
    return staff_client.post(
        reverse("admin:workshops_document_add"),
        {
            "workshop": workshop.pk,
            "title_en": "Agenda of the workshop",
            "kind": "agenda",
            "language": "en",
            "order": 0,
            "url": "",
            "file": SimpleUploadedFile(name, content),
        },
    )


def file_errors(response):
    return response.context["adminform"].form.errors.get("file")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", PDF),
        ("agenda.docx", DOCX),
        ("participants.xlsx", xlsx()),
        ("slides.pptx", PPTX),
        ("report.odt", ODT),
        ("notes.txt", b"Notes of the briefing.\n"),
        ("AGENDA.PDF", PDF),
    ],
)
def test_upload_of_an_allowed_document_is_stored_under_a_random_name(
    staff_client, media_root, name, content
):
    response = upload(staff_client, name, content)

    assert response.status_code == 302, file_errors(response)
    document = Document.objects.get()
    assert STORED_NAME.fullmatch(document.file.name)
    assert stored_files(media_root) == [document.file.name]
    assert (media_root / document.file.name).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            HTML,
            "The content of this file is not PDF, as its name says, but a web page or other "
            "markup (HTML, SVG or XML). Upload the document itself: PDF, Word (.docx), "
            "Excel (.xlsx), PowerPoint (.pptx), OpenDocument text (.odt), plain text (.txt).",
        ),
        (
            "notes.txt",
            HTML,
            "The content of this file is not plain text (.txt), as its name says, but a web "
            "page or other markup (HTML, SVG or XML).",
        ),
        ("agenda.html", HTML, "Files ending in “.html” cannot be uploaded."),
        ("agenda.docx", PDF, "The content of this file is not Word (.docx), as its name says, "),
        ("budget.docx", DOCM, "but a ZIP archive or a document with macros."),
        ("empty.pdf", b"", "The submitted file is empty."),  # Django's form says so first
    ],
)
def test_upload_of_a_disguised_or_empty_file_is_refused_and_nothing_stored(
    staff_client, media_root, name, content, message
):
    response = upload(staff_client, name, content)

    assert response.status_code == 200
    assert message in file_errors(response)[0]
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []


def test_upload_over_the_size_limit_is_refused_and_nothing_stored(
    staff_client, media_root, settings
):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)

    response = upload(staff_client, "big.pdf", big)

    assert file_errors(response) == ["The file is 1.0 MB; the largest allowed is 1 MB."]
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []


def test_upload_size_limit_defaults_to_25_megabytes(settings):
    assert settings.DOCUMENT_MAX_UPLOAD_SIZE == 25 * 1024 * 1024


def raw_upload(client, filename, content, workshop):
    """A multipart body written by hand: the test client would strip the path itself."""
    boundary = "----boundary"
    fields = {
        "workshop": str(workshop.pk),
        "title_en": "Agenda",
        "kind": "agenda",
        "language": "en",
        "order": "0",
        "url": "",
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.generic(
        "POST",
        reverse("admin:workshops_document_add"),
        b"".join(parts),
        content_type=f"multipart/form-data; boundary={boundary}",
    )


@pytest.mark.parametrize(
    "filename",
    ["../../../../config/settings.py", "..\\..\\templates\\base.html", "/etc/cron.d/evil"],
)
def test_upload_with_a_path_traversal_name_is_refused_and_nothing_stored(
    staff_client, media_root, tmp_path, filename
):
    response = raw_upload(staff_client, filename, HTML, WorkshopFactory())

    assert response.status_code == 200
    assert file_errors(response)[0].startswith("Files ending in")
    assert Document.objects.count() == 0
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_upload_with_a_path_traversal_name_lands_only_under_a_random_name(
    staff_client, media_root, tmp_path
):
    """Django keeps only the last part of a browser's file name ("evil.pdf"), so a real PDF
    sent as ../../evil.pdf is stored like any other: inside MEDIA_ROOT, under a random name."""
    response = raw_upload(staff_client, "../../../evil.pdf", PDF, WorkshopFactory())

    assert response.status_code == 302
    document = Document.objects.get()
    assert STORED_NAME.fullmatch(document.file.name)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [media_root / document.file.name]


def test_file_with_a_path_in_its_name_is_refused_by_full_clean():
    """Code that builds a File itself (an import, a script) can pass a path that no browser
    upload can."""
    document = DocumentFactory.build(
        workshop=WorkshopFactory(), url="", file=File(io.BytesIO(PDF), name="../../evil.pdf")
    )

    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()

    assert excinfo.value.message_dict == {
        "file": ["The file name “../../evil.pdf” contains a path; upload the file itself."]
    }


def test_empty_file_is_refused_by_full_clean():
    document = DocumentFactory.build(
        workshop=WorkshopFactory(), url="", file=File(io.BytesIO(b""), name="empty.pdf")
    )

    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()

    assert excinfo.value.message_dict["file"][0] == "The file is empty."


# --- Downloads ------------------------------------------------------------------------------


def stored_document(name, content, **kwargs):
    document = DocumentFactory(url="", file=SimpleUploadedFile(name, content), **kwargs)
    document.refresh_from_db()
    return document


def download(client, document):
    response = client.get(document.href)
    # Reading a streamed file to the end closes it (the test client's wrapper does).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_pdf_is_served_inline_as_pdf(client):
    document = stored_document("a.pdf", PDF, title="Agenda: Labour Migration")

    response, body = download(client, document)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="agenda-labour-migration.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert body == PDF


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        (
            "a.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("a.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("a.txt", b"Notes\n", "text/plain; charset=utf-8"),
    ],
)
def test_other_documents_are_downloads_never_pages(client, name, content, content_type):
    document = stored_document(name, content, title="Notes")

    response, body = download(client, document)

    extension = name.rsplit(".", 1)[1]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="notes.{extension}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body == content


def test_document_of_a_draft_workshop_is_404_for_the_public_and_served_to_staff(client, admin_user):
    draft = WorkshopFactory(status=Status.DRAFT, series=SeriesFactory(status=Status.PUBLISHED))
    document = stored_document("a.pdf", PDF, workshop=draft)

    public, _body = download(client, document)
    staff = Client()
    staff.force_login(admin_user)
    preview, _body = download(staff, document)

    assert (public.status_code, preview.status_code) == (404, 200)


def test_download_of_a_file_stored_before_checks_with_another_type_is_404(client):
    document = DocumentFactory(url="", file="documents/2006/old.html")

    response = client.get(document.href)

    assert response.status_code == 404


def test_workshop_page_links_to_the_download_view(client):
    document = stored_document("a.pdf", PDF, title="Agenda")

    html = client.get(document.workshop.get_absolute_url()).content.decode()

    assert f'<a href="{document.href}" hreflang="en">Agenda</a>' in html
    assert "/media/" not in html
