"""The duplicate action, the Markdown preview, and the whole editorial flow of the issue:
an Editor drafts and previews; a Publisher publishes, restores and imports."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publishing.enums import Status
from tests.editorial import admin_url, change_form_data, login_as, user_with_role
from tests.factories import (
    DocumentFactory,
    ParticipationFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:workshops_workshop_changelist")


def test_duplicate_copies_partners_and_speakers_as_a_draft_with_the_next_number(client):
    login_as(client, "editor")
    series = SeriesFactory()
    workshop = WorkshopFactory(series=series, number=3, slug="gender", title="Gender")
    WorkshopFactory(series=series, number=7)
    partner = WorkshopPartnerFactory(workshop=workshop)
    speaker = ParticipationFactory(workshop=workshop)
    DocumentFactory(workshop=workshop)

    client.post(CHANGELIST, {"action": "duplicate", "_selected_action": [workshop.pk]})

    copy = Workshop.objects.get(series=series, number=8)
    assert (copy.title, copy.slug, copy.status) == ("Gender (copy)", "gender-copy", Status.DRAFT)
    assert [p.organization for p in copy.partner_roles.all()] == [partner.organization]
    assert [(p.person, p.role) for p in copy.participations.all()] == [
        (speaker.person, speaker.role)
    ]
    assert copy.documents.count() == 0
    assert workshop.partner_roles.count() == 1


def test_duplicate_twice_finds_a_free_slug(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(slug="gender")

    client.post(CHANGELIST, {"action": "duplicate", "_selected_action": [workshop.pk]})
    client.post(CHANGELIST, {"action": "duplicate", "_selected_action": [workshop.pk]})

    assert sorted(Workshop.objects.values_list("slug", flat=True)) == [
        "gender",
        "gender-copy",
        "gender-copy-2",
    ]


def test_markdown_field_has_syntax_help_and_a_preview_button(client):
    login_as(client, "editor")

    response = client.get(reverse("admin:workshops_workshop_add"))

    html = response.content.decode()
    assert "[link text](https://example.org)" in html
    preview_url = reverse("admin:workshops_workshop_markdown_preview")
    assert f'formaction="{preview_url}"' in html
    # Each language's summary has its own button.
    assert 'name="_markdown_preview" value="summary_en"' in html
    assert 'name="_markdown_preview" value="summary_ar"' in html


def test_markdown_preview_renders_the_unsaved_text_and_saves_nothing(client):
    login_as(client, "editor")

    response = client.post(
        reverse("admin:workshops_workshop_markdown_preview"),
        {
            "_markdown_preview": "summary",
            "summary": "**Bold** and <script>alert(1)</script>",
            "title": "Never saved",
        },
    )

    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert not Workshop.objects.exists()


def test_markdown_preview_of_an_inline_field_uses_the_parent_admin(client):
    login_as(client, "editor")
    series = SeriesFactory(status=Status.DRAFT)

    response = client.get(admin_url(series, "change"))

    html = response.content.decode()
    preview_url = reverse("admin:series_series_markdown_preview")
    assert 'value="milestones-__prefix__-description_en"' in html
    assert f'formaction="{preview_url}"' in html


def test_markdown_preview_refused_to_the_public(client):
    response = client.post(
        reverse("admin:workshops_workshop_markdown_preview"),
        {"_markdown_preview": "summary", "summary": "x"},
    )

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_editorial_flow_editor_drafts_publisher_publishes_restores_and_imports(client):
    series = SeriesFactory(slug="kmi", title="Key Migration Issues")
    editor, publisher = user_with_role("editor"), user_with_role("publisher")

    # An Editor drafts a workshop and previews it; the public cannot see it.
    client.force_login(editor)
    add_page = client.get(reverse("admin:workshops_workshop_add"))
    management = {}
    for inline in add_page.context["inline_admin_formsets"]:
        form = inline.formset.management_form
        management.update({form.add_prefix(name): form[name].value() for name in form.fields})
    client.post(
        reverse("admin:workshops_workshop_add"),
        {
            **management,
            "series": series.pk,
            "number": 1,
            "title_en": "Migration and Development",
            "slug": "migration-and-development",
            "status": Status.DRAFT,
            "publish_at_0": "",
            "publish_at_1": "",
            "start_date": "2027-03-15",
            "time_zone": "America/New_York",
            "summary_en": "First summary.",
        },
    )
    workshop = Workshop.objects.get()
    assert "Draft preview." in client.get(workshop.get_absolute_url()).content.decode()
    client.logout()
    assert client.get(workshop.get_absolute_url()).status_code == 404

    # A Publisher publishes it: on the public page and in the calendar feed.
    client.force_login(publisher)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [workshop.pk]})
    client.logout()
    assert client.get(workshop.get_absolute_url()).status_code == 200
    calendar = client.get(reverse("calendars:series", kwargs={"series_slug": "kmi"}))
    assert "Migration and Development" in calendar.content.decode()

    # The Publisher edits the summary, then restores the earlier version.
    client.force_login(publisher)
    client.post(
        admin_url(workshop, "change"),
        change_form_data(client, workshop, summary_en="A mistaken summary."),
    )
    earlier = workshop.history.filter(summary="First summary.").first()
    history_url = reverse("admin:workshops_workshop_simple_history", args=[workshop.pk, earlier.pk])
    client.post(history_url, change_form_data(client, workshop, summary_en="First summary."))
    workshop.refresh_from_db()
    assert workshop.summary == "First summary."

    # And imports next year's programme from a spreadsheet.
    programme = (
        "series,number,title,slug,start_date\n"
        "kmi,2,Migration and Human Rights,migration-and-human-rights,2028-02-10\n"
        "kmi,3,Migration and Gender,migration-and-gender,2028-04-12\n"
    )
    preview = client.post(
        reverse("admin:workshops_workshop_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("2028.csv", programme.encode()),
        },
    )
    form = preview.context["confirm_form"]
    client.post(
        reverse("admin:workshops_workshop_process_import"),
        {name: form[name].value() for name in form.fields},
    )
    assert list(Workshop.objects.values_list("number", "status")) == [
        (1, Status.PUBLISHED),
        (2, Status.DRAFT),
        (3, Status.DRAFT),
    ]


def test_markdown_preview_button_is_not_the_default_submit(client):
    # Browsers submit with the form's first submit button when Enter is pressed in a field.
    login_as(client, "editor")

    html = client.get(reverse("admin:workshops_workshop_add")).content.decode()

    form = html[html.index('id="workshop_form"') :]
    first_submit = re.search(r"<(input|button)[^>]*type=\"submit\"[^>]*>", form).group()
    assert 'name="_save"' in first_submit
