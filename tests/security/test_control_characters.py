"""Invisible control characters: refused in every text field at input, harmless in every
output when an older row already holds one."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import override_settings

from core.text.validation import CleanTextMixin
from publishing.enums import Status
from tests.editorial import admin_url, change_form_data, login_as
from tests.factories import (
    OrganizationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.enums import PartnerRole

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("organizations", "series", "workshops")
# Each kind: C0 (NUL, vertical tab, escape), DEL, C1, a noncharacter.
CONTROLS = ["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe"]


def content_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS and not model.__name__.startswith("Historical")
    ]


def text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
    ]


def test_every_content_model_checks_its_text():
    assert content_models()
    assert [m for m in content_models() if not issubclass(m, CleanTextMixin)] == []


@pytest.mark.parametrize("control", CONTROLS)
def test_every_text_field_refuses_control_characters(control):
    """Each model's full_clean (the admin's forms and the import both run it) names the field."""
    checked = 0
    for model in content_models():
        for field in text_fields(model):
            instance = model()
            setattr(instance, field.attname, f"Migration{control}Issues")

            with pytest.raises(ValidationError) as refused:
                instance.clean_fields()

            messages = refused.value.message_dict.get(field.name, [])
            assert messages, (model, field)
            if not field.validators:  # else its own validator may be the one that speaks
                assert f"control character (U+{ord(control):04X})" in messages[0], (model, field)
            checked += 1
    assert checked > 30  # every language's copy of every translated field included


@pytest.mark.parametrize("control", ["\t", "\n", "\r\n"])
def test_multi_line_text_keeps_tabs_and_line_breaks(control):
    series = SeriesFactory.build(slug="kmi", summary=f"One{control}two", title="Title")

    series.clean_fields()  # nothing raised


@pytest.mark.parametrize("control", ["\t", "\n"])
def test_single_line_text_refuses_tabs_and_line_breaks(control):
    organization = OrganizationFactory.build(acronym=f"UN{control}U")

    with pytest.raises(ValidationError) as refused:
        organization.clean_fields()

    assert set(refused.value.message_dict) <= {"acronym", "acronym_en"}
    assert "acronym" in refused.value.message_dict


@override_settings(TEXT_MAX_LENGTH=100)
def test_long_text_is_refused_with_its_length_and_the_limit():
    series = SeriesFactory.build(slug="kmi", summary="x" * 101)

    with pytest.raises(ValidationError) as refused:
        series.clean_fields()

    assert refused.value.message_dict["summary"] == [
        "This text has 101 characters; at most 100 are allowed. "
        "Shorten it, or link to a document instead."
    ]


def test_the_admin_names_the_field_and_saves_nothing(client):
    login_as(client, "superuser")
    organization = OrganizationFactory(acronym="UNU")

    data = change_form_data(client, organization, acronym_en="UN\x0bU")
    data.pop("logo", None)  # no file: the form posts none

    response = client.post(admin_url(organization, "change"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["acronym_en"]
    assert "invisible control character (U+000B) at character 3" in errors["acronym_en"][0]
    organization.refresh_from_db()
    assert organization.acronym == "UNU"


@pytest.mark.parametrize("language", ["", "/fr", "/ar", "/zh-hans"])
def test_the_feed_survives_control_characters_already_stored(client, language):
    series = SeriesFactory(slug="kmi", title="Key\x0bMigration")
    workshop = WorkshopFactory(
        series=series, number=1, title="Migration\x7f and\x1b work", status=Status.PUBLISHED
    )
    WorkshopPartnerFactory(
        workshop=workshop,
        organization=OrganizationFactory(acronym="UN\x0bU"),
        role=PartnerRole.ORGANIZED_WITH,
    )

    response = client.get(f"{language}/series/kmi/feed/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "UNU" in body
    assert "Migration and work" in body


@pytest.mark.parametrize("path", ["/series/kmi/calendar.ics", "/series/kmi.json"])
def test_calendars_and_data_survive_control_characters_already_stored(client, path):
    series = SeriesFactory(slug="kmi", title="Key\x0bMigration")
    # Not NUL: PostgreSQL cannot store it, so no row holds one.
    WorkshopFactory(series=series, number=1, title="Migration\x1b and", status=Status.PUBLISHED)

    response = client.get(path)

    assert response.status_code == 200
    assert "\x0b" not in response.content.decode()
    assert "\x1b" not in response.content.decode()
