"""The editorial pages (import, export, history, deleted workshops, Markdown preview) need
no inline script, style or event handler, so they work under the strict CSP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.editorial import admin_url, login_as
from tests.factories import WorkshopFactory
from tests.htmlsafety import unsafe_parts

pytestmark = pytest.mark.django_db


def test_editorial_pages_need_nothing_inline(client):
    login_as(client, "publisher")
    workshop = WorkshopFactory(title="Kept")
    workshop.title = "Changed"
    workshop.save()
    record = workshop.history.earliest()
    WorkshopFactory().delete()
    csv = "series,number,title,slug,start_date\n" + (
        f"{workshop.series.slug},9,Imported,imported,2007-01-01\n"
    )

    pages = {
        "import": client.get(reverse("admin:workshops_workshop_import")),
        "import preview": client.post(
            reverse("admin:workshops_workshop_import"),
            {
                "resource": "0",
                "format": "0",
                "import_file": SimpleUploadedFile("a.csv", csv.encode()),
            },
        ),
        "export": client.get(reverse("admin:workshops_workshop_export")),
        "history": client.get(admin_url(workshop, "history")),
        "history version": client.get(
            reverse("admin:workshops_workshop_simple_history", args=[workshop.pk, record.pk])
        ),
        "deleted": client.get(reverse("admin:workshops_workshop_deleted")),
        "markdown preview": client.post(
            reverse("admin:workshops_workshop_markdown_preview"),
            {"_markdown_preview": "summary", "summary": "*Hello*"},
        ),
    }

    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(
        pages, 200
    )
    assert {name: unsafe_parts(response.content.decode()) for name, response in pages.items()} == {
        key: [] for key in pages
    }
