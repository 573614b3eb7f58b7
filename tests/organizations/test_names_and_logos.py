"""Organizations named as the report names them, per language, and their logos."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from organizations.enums import OrganizationKind
from organizations.logos import sanitised_svg, validate_logo
from organizations.models import Organization
from tests.factories import OrganizationFactory, SeriesFactory, SeriesOrganizerFactory

pytestmark = pytest.mark.django_db

KMI = "key-migration-issues"
# The smallest valid PNG: a 1x1 transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_kmi_summary_report_names_the_un_office_of_legal_affairs(client, key_migration_issues):
    html = client.get(reverse("series:detail", args=[KMI])).content.decode()

    assert "Migration and Human Rights" in html
    assert "the UN Office of Legal Affairs" in html
    assert ">OLA<" not in html


def test_french_report_uses_french_acronyms(client, key_migration_issues):
    with translation.override("fr"):
        url = reverse("series:detail", args=[KMI])

    html = client.get(url).content.decode()

    for acronym in ("OIT", "OMS", "ONUDC", "HCR"):
        assert f">{acronym}</abbr>" in html
    assert "le Bureau des affaires juridiques de l’ONU" in html


def test_fixture_gives_iom_the_intergovernmental_kind_and_ola_its_french_name(
    key_migration_issues,
):
    iom = Organization.objects.get(slug="iom")
    ola = Organization.objects.get(slug="ola")

    assert iom.kind == OrganizationKind.INTERGOVERNMENTAL
    assert iom.acronym_fr == "OIM"
    assert ola.name_fr == "Bureau des affaires juridiques de l’Organisation des Nations Unies"


def test_png_logo_is_accepted():
    validate_logo(SimpleUploadedFile("unitar.png", PNG, content_type="image/png"))


def test_page_renamed_to_png_is_refused_with_a_clear_message():
    upload = SimpleUploadedFile("logo.png", b"<html><script>alert(1)</script></html>")

    with pytest.raises(ValidationError) as error:
        validate_logo(upload)

    assert error.value.code == "content"


def test_logo_of_another_type_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_logo(SimpleUploadedFile("logo.gif", b"GIF89a...."))

    assert error.value.code == "logo_extension"


def test_svg_with_a_doctype_is_refused():
    svg = b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'

    with pytest.raises(ValidationError):
        validate_logo(SimpleUploadedFile("logo.svg", svg))


def test_svg_logo_is_stored_without_script_handlers_or_outside_links(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>'
        b"<foreignObject><p>x</p></foreignObject>"
        b'<rect width="10" height="10" fill="#00507a" style="fill:red"/>'
        b'<use xlink:href="https://evil.example/x.svg#a"/><use href="#r"/></svg>'
    )
    organization = OrganizationFactory(logo=SimpleUploadedFile("logo.svg", svg))

    with Organization.objects.get(pk=organization.pk).logo.open("rb") as logo:
        stored = logo.read()

    assert b"<rect" in stored
    assert b'fill="#00507a"' in stored
    for bad in (b"script", b"onload", b"foreignObject", b"style", b"evil.example"):
        assert bad not in stored
    assert b'href="#r"' in stored


def test_sanitised_svg_keeps_a_plain_drawing():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle r="2"/></svg>'

    cleaned = sanitised_svg(svg)

    assert b"<circle" in cleaned
    assert b'viewBox="0 0 4 4"' in cleaned


def test_organization_page_shows_its_logo_with_its_name_as_alternative(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organization = OrganizationFactory(
        name="United Nations Institute for Training and Research",
        logo=SimpleUploadedFile("unitar.png", PNG),
    )
    SeriesOrganizerFactory(series=SeriesFactory(), organization=organization)

    html = client.get(organization.get_absolute_url()).content.decode()

    assert 'alt="United Nations Institute for Training and Research"' in html
