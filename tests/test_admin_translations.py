"""The admin side of translated content: every language of a field together on
the change forms, which languages are complete, search, spreadsheets and history in every
language (core/editorial/translation.py)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.editorial.translation import translation_state
from organizations.enums import OrganizationKind
from organizations.models import Organization
from publishing.enums import Status
from series.models import Series
from tests.editorial import admin_url, change_form_data, login_as
from tests.factories import (
    DocumentFactory,
    MilestoneFactory,
    OrganizationFactory,
    RelatedLinkFactory,
    SeriesFactory,
    WorkshopFactory,
)
from workshops.editorial import duplicate_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "zh_hans", "fr", "ru", "es"]
SERIES_CHANGELIST = reverse("admin:series_series_changelist")
WORKSHOP_CHANGELIST = reverse("admin:workshops_workshop_changelist")
ORGANIZATION_COLUMNS = [
    "slug",
    "name",
    "acronym",
    "kind",
    "website",
    "description",
    *[f"name_{code}" for code in LANGUAGES[1:]],
    *[f"description_{code}" for code in LANGUAGES[1:]],
]


def columns(name):
    return [f"{name}_{code}" for code in LANGUAGES]


def fieldset_fields(response):
    return [
        name
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
        for name in [field.field["name"] if isinstance(field.field, dict) else field.field.name]
    ]


def inline_fields(response, prefix):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return list(formset.empty_form.fields)


def translated(obj, field, **texts):
    for code, text in texts.items():
        setattr(obj, f"{field}_{code}", text)


# --- Change forms ---------------------------------------------------------------------------


def language_groups(response):
    """(classes, field names) of each language's fieldset, in order."""
    return [
        (
            fieldset.classes,
            [name for line in fieldset for field in line for name in [field.field.name]],
        )
        for fieldset in response.context["adminform"]
        if "translation-group" in fieldset.classes
    ]


def test_series_change_form_groups_the_fields_by_language_english_first(admin_client):
    series = SeriesFactory()

    response = admin_client.get(admin_url(series, "change"))

    groups = language_groups(response)
    assert [classes for classes, _fields in groups] == [
        f"translation-group translation-{code.replace('_', '-')}" for code in LANGUAGES
    ]
    assert [fields for _classes, fields in groups] == [
        [f"{name}_{code}" for name in ["title", "label", "summary", "audience"]]
        for code in LANGUAGES
    ]
    html = response.content.decode()
    assert '<span lang="fr" dir="ltr">français</span>' in html
    assert '<span lang="zh-hans" dir="ltr">简体中文</span>' in html
    assert "Title (French):" in html
    assert "Summary report (Chinese):" in html
    assert "[zh-hans]" not in html
    assert "[en]" not in html


def test_series_change_form_without_script_shows_each_language_under_a_heading(admin_client):
    series = SeriesFactory()

    html = admin_client.get(admin_url(series, "change")).content.decode()

    headings = re.findall(r'<h2 id="[^"]+" class="fieldset-heading">(.*?)</h2>', html)
    assert headings[:6] == [
        '<span lang="en" dir="ltr">English</span>',
        '<span lang="ar" dir="rtl">العربيّة</span>',
        '<span lang="zh-hans" dir="ltr">简体中文</span>',
        '<span lang="fr" dir="ltr">français</span>',
        '<span lang="ru" dir="ltr">Русский</span>',
        '<span lang="es" dir="ltr">español</span>',
    ]
    assert "js/admin-language-tabs" in html
    assert "<script>" not in html


def test_series_change_form_requires_english_only(admin_client):
    series = SeriesFactory()

    form = admin_client.get(admin_url(series, "change")).context["adminform"].form

    assert [code for code in LANGUAGES if form.fields[f"title_{code}"].required] == ["en"]


def test_series_change_form_arabic_inputs_are_right_to_left(admin_client):
    series = SeriesFactory()

    html = admin_client.get(admin_url(series, "change")).content.decode()

    title_ar = re.search(r'<input[^>]*name="title_ar"[^>]*>', html).group()
    assert 'lang="ar"' in title_ar
    assert 'dir="rtl"' in title_ar


def test_series_change_form_inlines_show_every_language(admin_client):
    series = SeriesFactory()
    MilestoneFactory(series=series)
    RelatedLinkFactory(series=series)

    response = admin_client.get(admin_url(series, "change"))

    milestone_fields = inline_fields(response, "milestones")
    assert [name for name in milestone_fields if name.startswith("title_")] == columns("title")
    assert [name for name in milestone_fields if name.startswith("description_")] == columns(
        "description"
    )
    link_fields = inline_fields(response, "related_links")
    assert [name for name in link_fields if name.startswith("title_")] == columns("title")


def test_workshop_change_form_shows_every_language_with_documents(admin_client):
    workshop = WorkshopFactory()
    DocumentFactory(workshop=workshop)

    response = admin_client.get(admin_url(workshop, "change"))

    groups = language_groups(response)
    assert [fields for _classes, fields in groups] == [
        [f"title_{code}", f"summary_{code}"] for code in LANGUAGES
    ]
    document_fields = inline_fields(response, "documents")
    assert [name for name in document_fields if name.startswith("title_")] == columns("title")


def test_workshop_summary_in_every_language_has_markdown_preview(admin_client):
    workshop = WorkshopFactory()

    html = admin_client.get(admin_url(workshop, "change")).content.decode()

    for column in columns("summary"):
        assert f'name="_markdown_preview" value="{column}"' in html


@pytest.mark.parametrize(
    ("obj_factory", "fields"),
    [
        (OrganizationFactory, ["name", "description"]),
        (MilestoneFactory, ["title", "description"]),
        (RelatedLinkFactory, ["title"]),
        (DocumentFactory, ["title"]),
    ],
)
def test_own_admin_change_form_shows_every_language(admin_client, obj_factory, fields):
    obj = obj_factory()

    response = admin_client.get(admin_url(obj, "change"))

    form_fields = list(response.context["adminform"].form.fields)
    for name in fields:
        assert [f for f in form_fields if f.startswith(f"{name}_")] == columns(name)


def test_organization_add_with_french_name_keeps_english_as_source(admin_client):
    response = admin_client.post(
        reverse("admin:organizations_organization_add"),
        {
            "name_en": "International Organization for Migration",
            "name_fr": "Organisation internationale pour les migrations",
            "acronym": "",
            "slug": "",
            "kind": OrganizationKind.UN_ENTITY,
            "website": "",
            "description_en": "",
        },
    )

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.slug == "international-organization-for-migration"
    assert organization.name_fr == "Organisation internationale pour les migrations"
    assert organization.name_ar is None


def test_workshop_saved_in_french_shows_french_on_the_french_page(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(
        title="Migration and Development",
        status=Status.PUBLISHED,
        series__status=Status.PUBLISHED,
    )

    response = client.post(
        admin_url(workshop, "change"),
        change_form_data(client, workshop, title_fr="Migrations et développement"),
    )
    client.logout()
    english_url = workshop.get_absolute_url()
    with translation.override("fr"):
        french_url = workshop.get_absolute_url()
    french = client.get(french_url)
    english = client.get(english_url)

    assert response.status_code == 302
    assert french_url.startswith("/fr/")
    assert "Migrations et développement" in french.content.decode()
    assert "Migrations et développement" not in english.content.decode()
    assert "Migration and Development" in english.content.decode()


# --- Which languages are complete -----------------------------------------------------------


def test_translation_state_complete_when_every_english_field_is_translated():
    series = SeriesFactory.build(title="Key Migration Issues", label="", summary="A summary.")
    series.audience = ""
    translated(series, "title", fr="Questions migratoires", es="Cuestiones migratorias")
    translated(series, "summary", fr="Un résumé.")

    complete, missing = translation_state(series)

    # Spanish lacks the summary; the empty label and audience need no translation.
    assert complete == ["en", "fr"]
    assert missing == ["ar", "zh-hans", "ru", "es"]


def test_translation_state_blank_translation_is_missing():
    workshop = WorkshopFactory.build(title="Migration and Development", summary="")
    translated(workshop, "title", fr="   ")

    assert translation_state(workshop) == (["en"], ["ar", "zh-hans", "fr", "ru", "es"])


def test_series_changelist_shows_complete_and_missing_languages(admin_client):
    series = SeriesFactory(title="Key Migration Issues", summary="", label="", audience="")
    translated(series, "title", fr="Questions migratoires")
    series.save()

    html = admin_client.get(SERIES_CHANGELIST).content.decode()

    cell = re.search(r'<td class="field-translation_languages">(.*?)</td>', html, re.S).group(1)
    marks = re.findall(r'([\w-]+)&nbsp;<img src="[^"]*icon-(yes|no)[.\w]*" alt="(\w+)"', cell)
    assert marks == [
        ("en", "yes", "complete"),
        ("ar", "no", "missing"),
        ("zh-hans", "no", "missing"),
        ("fr", "yes", "complete"),
        ("ru", "no", "missing"),
        ("es", "no", "missing"),
    ]


def test_workshop_change_form_says_which_languages_are_missing(admin_client):
    workshop = WorkshopFactory(title="Migration and Development", summary="Text.")
    translated(workshop, "title", fr="Migrations et développement")
    translated(workshop, "summary", fr="Texte.")
    workshop.save()

    html = admin_client.get(admin_url(workshop, "change")).content.decode()

    assert "Complete: English, French<br>Missing: Arabic, Chinese, Russian, Spanish" in html


def test_workshop_change_form_complete_in_all_languages(admin_client):
    workshop = WorkshopFactory(title="Migration", summary="")
    translated(workshop, "title", ar="الهجرة", zh_hans="移徙", fr="Migrations", ru="Миграция")
    translated(workshop, "title", es="Migración")
    workshop.save()

    html = admin_client.get(admin_url(workshop, "change")).content.decode()

    assert "Complete in all six languages." in html


@pytest.mark.parametrize(
    ("changelist", "factory"),
    [(SERIES_CHANGELIST, SeriesFactory), (WORKSHOP_CHANGELIST, WorkshopFactory)],
)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, changelist, factory):
    factory()
    admin_client.get(changelist)  # the session and the user are cached after the first
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(changelist).status_code == 200
    factory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(changelist)

    assert len(response.context["cl"].result_list) == 9
    assert len(many) == len(one)


def test_missing_translation_filter_lists_rows_missing_the_language(admin_client):
    done = SeriesFactory(title="Done", summary="", label="", audience="")
    translated(done, "title", fr="Fait")
    done.save()
    SeriesFactory(title="Half", summary="Only English.", label="", audience="")
    untouched_summary = SeriesFactory(title="Untouched", summary="", label="", audience="")

    response = admin_client.get(SERIES_CHANGELIST, {"missing_translation": "fr"})

    titles = sorted(series.title_en for series in response.context["cl"].result_list)
    assert titles == ["Half", "Untouched"]
    assert untouched_summary.title_fr is None


def test_admin_search_finds_a_series_by_its_french_title(admin_client):
    series = SeriesFactory(title="Key Migration Issues")
    translated(series, "title", fr="Questions clés sur les migrations")
    series.save()
    SeriesFactory(title="Another series")

    response = admin_client.get(SERIES_CHANGELIST, {"q": "clés"})

    assert list(response.context["cl"].result_list) == [series]


def test_admin_search_finds_a_workshop_by_its_arabic_title_in_any_admin_language(admin_client):
    workshop = WorkshopFactory(title="Migration and Development")
    translated(workshop, "title", ar="الهجرة والتنمية")
    workshop.save()

    response = admin_client.get(
        WORKSHOP_CHANGELIST, {"q": "والتنمية"}, headers={"accept-language": "fr"}
    )

    assert list(response.context["cl"].result_list) == [workshop]


# --- Spreadsheets ---------------------------------------------------------------------------


def upload_workshops(client, content):
    preview = client.post(
        reverse("admin:workshops_workshop_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("programme.csv", content.encode()),
        },
    )
    form = preview.context["confirm_form"]
    return client.post(
        reverse("admin:workshops_workshop_process_import"),
        {name: form[name].value() for name in form.fields},
    )


def test_import_with_french_columns_fills_french(client):
    login_as(client, "publisher")
    SeriesFactory(slug="kmi")

    upload_workshops(
        client,
        "series,number,title,title_fr,slug,start_date,summary,summary_fr\n"
        "kmi,1,Migration and Development,Migrations et développement,"
        "migration-and-development,2007-03-15,Text.,Texte.\n",
    )

    workshop = Workshop.objects.get()
    assert workshop.title_en == "Migration and Development"
    assert workshop.title_fr == "Migrations et développement"
    assert workshop.summary_fr == "Texte."
    assert workshop.title_ar is None
    assert translation_state(workshop)[0] == ["en", "fr"]


def test_import_of_title_only_fills_english_for_a_french_speaking_admin(client):
    login_as(client, "publisher")
    SeriesFactory(slug="kmi")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"

    upload_workshops(
        client,
        "series,number,title,slug,start_date\nkmi,1,Migration,migration,2007-03-15\n",
    )

    workshop = Workshop.objects.get()
    assert (workshop.title_en, workshop.title_fr) == ("Migration", None)


def test_import_without_language_columns_keeps_existing_translations(client):
    login_as(client, "publisher")
    series = SeriesFactory(slug="kmi")
    workshop = WorkshopFactory(series=series, number=1, title="Migration", slug="migration")
    translated(workshop, "title", fr="Migrations")
    workshop.save()

    upload_workshops(
        client,
        "series,number,title,slug,start_date\nkmi,1,Migration revised,migration,2007-03-15\n",
    )

    workshop.refresh_from_db()
    assert (workshop.title_en, workshop.title_fr) == ("Migration revised", "Migrations")


def test_export_carries_every_language_column(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(title="Migration", series__slug="kmi", number=1)
    translated(workshop, "title", fr="Migrations")
    workshop.save()

    response = client.post(
        reverse("admin:workshops_workshop_export"), {"format": "0", "resource": "0"}
    )

    header, row = response.content.decode().splitlines()[:2]
    names = header.split(",")
    values = row.split(",")
    start = names.index("summary") + 1
    assert names[start : start + 10] == columns("title")[1:] + columns("summary")[1:]
    assert values[names.index("title")] == "Migration"
    assert values[names.index("title_fr")] == "Migrations"
    assert values[names.index("title_ar")] == ""


def test_export_then_import_with_translations_skips_every_row(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(title="Migration", series__slug="kmi", number=1)
    translated(workshop, "title", fr="Migrations")
    workshop.save()
    exported = client.post(
        reverse("admin:workshops_workshop_export"), {"format": "0", "resource": "0"}
    ).content

    preview = client.post(
        reverse("admin:workshops_workshop_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("p.csv", exported),
        },
    )

    assert [row.import_type for row in preview.context["result"].rows] == ["skip"]


def test_export_organizations_carries_every_language_column(client):
    login_as(client, "publisher")
    organization = OrganizationFactory(slug="iom", name="International Organization for Migration")
    translated(organization, "name", fr="Organisation internationale pour les migrations")
    organization.save()

    response = client.post(
        reverse("admin:organizations_organization_export"),
        {"format": "0", "resource": "0"}
        | {f"organizationresource_{name}": "on" for name in ORGANIZATION_COLUMNS},
    )

    header, row = response.content.decode().splitlines()[:2]
    names = header.split(",")
    assert names == ORGANIZATION_COLUMNS
    assert row.split(",")[names.index("name_fr")] == (
        "Organisation internationale pour les migrations"
    )


# --- History and duplicates -----------------------------------------------------------------


def test_history_shows_and_restores_a_french_title(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(status=Status.DRAFT, title="Migration")
    client.post(
        admin_url(workshop, "change"), change_form_data(client, workshop, title_fr="Première")
    )
    client.post(
        admin_url(workshop, "change"), change_form_data(client, workshop, title_fr="Seconde")
    )
    first_french = workshop.history.filter(title_fr="Première").get()
    history_page = client.get(admin_url(workshop, "history")).content.decode()
    restore_url = reverse(
        "admin:workshops_workshop_simple_history", args=[workshop.pk, first_french.pk]
    )

    form_page = client.get(restore_url)
    client.post(restore_url, change_form_data(client, workshop, title_fr="Première"))

    workshop.refresh_from_db()
    assert "Seconde" in history_page
    assert form_page.context["adminform"].form["title_fr"].value() == "Première"
    assert workshop.title_fr == "Première"


def test_duplicate_copies_every_language_with_copy_in_that_language():
    workshop = WorkshopFactory(title="Migration")
    translated(workshop, "title", fr="Migrations")
    workshop.save()

    with translation.override("fr"):
        copy = duplicate_workshop(workshop)

    assert copy.title_en == "Migration (copy)"
    assert copy.title_fr.startswith("Migrations")
    assert copy.title_ar is None


# --- Nothing from the internet --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda: admin_url(SeriesFactory(), "change"),
        lambda: admin_url(WorkshopFactory(), "change"),
        lambda: admin_url(OrganizationFactory(), "change"),
        lambda: SERIES_CHANGELIST,
    ],
    ids=["series", "workshop", "organization", "changelist"],
)
def test_admin_translation_pages_load_no_external_script_or_style(admin_client, url):
    html = admin_client.get(url()).content.decode()

    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]*)"', html)
    assert sources
    assert [source for source in sources if re.match(r"(https?:)?//", source)] == []
    assert "jquery-ui" not in html


def test_series_history_model_has_every_language():
    names = {field.name for field in Series.history.model._meta.fields}

    assert set(columns("title") + columns("summary")) <= names


def test_workshop_add_form_says_nothing_about_languages_yet(admin_client):
    response = admin_client.get(reverse("admin:workshops_workshop_add"))

    assert "Complete in all six languages." not in response.content.decode()
    assert "title_fr" in response.context["adminform"].form.fields
