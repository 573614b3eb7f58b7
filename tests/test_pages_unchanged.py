"""Every kind of public page renders the same bytes as before a refactor.

Moving code between modules (the publishing app, core's sub-packages) must change nothing
a reader sees. This test loads the shipped series, renders one page of each kind, in
English and in two other languages, and compares each body byte for byte with the copy
kept in `tests/golden/`, apart from what differs on every request (CSRF tokens, CSP
nonces, a calendar's DTSTAMP, the content hash in a static file's name).

When a change is *meant* to alter a page (new text, new markup), regenerate the copies and
review the diff like any other change:

    REGENERATE_GOLDEN_PAGES=1 .venv/bin/pytest tests/test_pages_unchanged.py
    git diff tests/golden/
"""

import os
import pathlib
import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.editorial import admin_url, login_as

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("REGENERATE_GOLDEN_PAGES") == "1"

SERIES = "key-migration-issues"
WORKSHOP = "labour-migration"

# What changes from one request or run to the next, and so is not compared.
VOLATILE = [
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'), b'name="csrfmiddlewaretoken"'),
    (re.compile(rb'nonce="[^"]+"'), b'nonce=""'),
    (re.compile(rb"DTSTAMP:[0-9TZ]+"), b"DTSTAMP:"),
    # "View on site" names the content type by id, which depends on the order in which
    # a test process first created the types.
    (re.compile(rb'href="/admin/r/[0-9]+/'), b'href="/admin/r/CT/'),
    # A stylesheet's content hash: a CSS change alone leaves the HTML as it was.
    (re.compile(rb"(/static/[^\"' ]+)\.[0-9a-f]{12}(\.[a-z0-9]+)"), rb"\1\2"),
]


def _in(language, name, *args, query=""):
    with translation.override(language):
        return reverse(name, args=args) + query


def _pages():
    pages = {}
    for language in ("en", "fr", "ar"):
        pages.update(
            {
                f"{language}-home.html": _in(language, "home"),
                f"{language}-series-list.html": _in(language, "series:list"),
                f"{language}-summary-report.html": _in(language, "series:detail", SERIES),
                f"{language}-schedule.html": _in(language, "series:schedule", SERIES),
                f"{language}-workshop.html": _in(language, "workshops:detail", SERIES, WORKSHOP),
                f"{language}-organization-list.html": _in(language, "organizations:list"),
                f"{language}-organization.html": _in(language, "organizations:detail", "iom"),
                f"{language}-search.html": _in(language, "search:results", query="?q=migration"),
                f"{language}-accessibility.html": _in(language, "accessibility"),
            }
        )
    pages.update(
        {
            "en-search-people.html": _in("en", "search:results", query="?q=migration&kind=people"),
            "en-search-empty.html": _in("en", "search:results"),
            "en-feed.xml": _in("en", "series:feed", SERIES),
            "en-series.ics": _in("en", "calendars:series", SERIES),
            "en-workshop.ics": _in("en", "calendars:workshop", SERIES, WORKSHOP),
            "en-series.json": _in("en", "series:json", SERIES),
            "fr-series.json": _in("fr", "series:json", SERIES),
            "sitemap.xml": reverse("sitemap"),
            "robots.txt": reverse("robots-txt"),
            "security.txt": reverse("security-txt"),
            "en-404.html": "/series/no-such-series/",
            "ar-404.html": "/ar/series/no-such-series/",
        }
    )
    return pages


def _golden(name):
    """Search ranks with the database's own text search (PostgreSQL: stemming and trigrams;
    SQLite: substrings), so a search page has one copy per database."""
    if "search" in name and connection.vendor != "sqlite":
        return GOLDEN / connection.vendor / name
    return GOLDEN / name


def _normalised(body):
    for pattern, replacement in VOLATILE:
        body = pattern.sub(replacement, body)
    return body


# Calendar UIDs and feed entry ids are made from row ids (core/text/identifiers.py), which
# are the same on every database and after any earlier test only with sequences reset.
@pytest.mark.django_db(reset_sequences=True)
def test_public_pages_render_as_before(client):
    call_command("loaddata", "fixtures/key_migration_issues.json", verbosity=0)
    caches["default"].clear()
    differ = []
    for name, url in _pages().items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        body = _normalised(response.content)
        golden = _golden(name)
        if REGENERATE:
            golden.parent.mkdir(exist_ok=True)
            golden.write_bytes(body)
        elif not golden.exists() or golden.read_bytes() != body:
            differ.append(name)
    assert not differ, (
        f"pages differ from tests/golden/: {differ}; if the change is meant, regenerate "
        "them (see this module's docstring) and review the diff"
    )


def _admin_pages():
    from series.models import Series
    from workshops.models import Workshop

    series = Series.objects.get(slug=SERIES)
    workshop = Workshop.objects.get(series=series, slug=WORKSHOP)
    return {
        "admin-index.html": reverse("admin:index"),
        "admin-series-list.html": reverse("admin:series_series_changelist"),
        "admin-series.html": admin_url(series, "change"),
        "admin-workshop-list.html": reverse("admin:workshops_workshop_changelist"),
        "admin-workshop.html": admin_url(workshop, "change"),
        "admin-workshop-history.html": admin_url(workshop, "history"),
        "admin-organization-list.html": reverse("admin:organizations_organization_changelist"),
    }


# Row ids are the same on every database only with sequences reset; editors see them in
# every admin address.
@pytest.mark.django_db(reset_sequences=True)
@pytest.mark.parametrize("role", ["editor", "publisher", "superuser"])
def test_admin_pages_render_as_before(client, role):
    call_command("loaddata", "fixtures/key_migration_issues.json", verbosity=0)
    login_as(client, role)
    differ = []
    for name, url in _admin_pages().items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        body = _normalised(response.content)
        golden = GOLDEN / f"{role}-{name}"
        if REGENERATE:
            golden.write_bytes(body)
        elif not golden.exists() or golden.read_bytes() != body:
            differ.append(golden.name)
    assert not differ, (
        f"admin pages differ from tests/golden/: {differ}; if the change is meant, "
        "regenerate them (see this module's docstring) and review the diff"
    )
