"""A document upload cannot make a worker expand an archive into memory, nor carry macros."""

import io
import os
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import WorkshopFactory
from workshops import uploads
from workshops.uploads import sniff

pytestmark = pytest.mark.django_db

ODT_TYPE = "application/vnd.oasis.opendocument.text"
MiB = 1024 * 1024


def archive(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as package:
        for name, data in members:
            package.writestr(name, data)
    return buffer.getvalue()


def zeros_member(name, size):
    """A member of `size` zero bytes, written in chunks so the test itself stays small."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with package.open(info, "w", force_zip64=False) as member:
            chunk = bytes(MiB)
            for _ in range(size // MiB):
                member.write(chunk)
    return buffer


@pytest.fixture(scope="module")
def odt_with_a_bomb_for_mimetype():
    """The attack as found, smaller: an ODT whose `mimetype` member expands to 64 MiB."""
    buffer = zeros_member("mimetype", 64 * MiB)
    with zipfile.ZipFile(buffer, "a") as package:
        package.writestr("content.xml", "<xml/>")
    return buffer.getvalue()


def peak_memory_of(function, *args):
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_bomb_in_the_mimetype_member_is_refused_without_expanding_it(
    odt_with_a_bomb_for_mimetype,
):
    assert len(odt_with_a_bomb_for_mimetype) < 1 * MiB

    found, peak = peak_memory_of(sniff, io.BytesIO(odt_with_a_bomb_for_mimetype))

    assert found == "bomb"
    assert peak < 5 * MiB  # 64 MiB and more before: the member was read whole


@pytest.mark.parametrize(
    "members",
    [
        # Too many members: the central directory alone would fill memory.
        [("mimetype", ODT_TYPE)] + [(f"m{n}", "") for n in range(6000)],
        # One highly compressed member inside an otherwise normal document.
        [("[Content_Types].xml", "<x/>"), ("word/document.xml", "a" * (4 * MiB))],
    ],
    ids=["many-members", "ratio"],
)
def test_packages_that_expand_too_far_are_refused(members):
    assert sniff(io.BytesIO(archive(members))) == "bomb"


def test_the_total_uncompressed_size_is_bounded(monkeypatch):
    monkeypatch.setattr(uploads, "PACKAGE_MAX_UNCOMPRESSED", 2 * MiB)
    members = [("mimetype", ODT_TYPE)] + [(f"part{n}.bin", os.urandom(MiB)) for n in range(3)]

    assert sniff(io.BytesIO(archive(members, compression=zipfile.ZIP_STORED))) == "bomb"


@pytest.mark.parametrize(
    "members",
    [
        [("mimetype", ODT_TYPE), ("content.xml", "<x/>"), ("Basic/Standard/Module1.xml", "x")],
        [("mimetype", ODT_TYPE), ("content.xml", "<x/>"), ("Scripts/python/evil.py", "x")],
        [
            (
                "[Content_Types].xml",
                '<Types><Override ContentType="application/vnd.ms-word.document.'
                'macroEnabled.main+xml"/></Types>',
            ),
            ("word/document.xml", "<x/>"),
        ],
    ],
    ids=["odt-basic", "odt-scripts", "docm-content-type"],
)
def test_documents_with_macros_are_refused(members):
    assert sniff(io.BytesIO(archive(members))) == "zip"


def test_an_ordinary_odt_is_still_an_odt():
    members = [("mimetype", ODT_TYPE), ("content.xml", "<office:text>" + "Agenda " * 5000)]

    assert sniff(io.BytesIO(archive(members))) == "odt"


def test_the_admin_refuses_a_bomb_with_a_message(
    client, admin_user, odt_with_a_bomb_for_mimetype, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:workshops_document_add"),
        {
            "workshop": WorkshopFactory().pk,
            "title_en": "Agenda",
            "kind": "agenda",
            "language": "en",
            "order": 0,
            "url": "",
            "file": SimpleUploadedFile("agenda.odt", odt_with_a_bomb_for_mimetype),
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert "expands far beyond its size" in errors[0]
    assert list(tmp_path.rglob("*.odt")) == []
