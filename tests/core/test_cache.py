"""The page cache (core/infrastructure/cache.py) and HTTP caching: anonymous readers get
cached pages that are fresh the moment content changes; staff get live ones; conditional GETs
get 304."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from organizations.models import Organization
from series.models import Series
from tests.editorial import admin_url, change_form_data, login_as
from tests.factories import OrganizationFactory, SeriesFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

SERIES = "/series/key-migration-issues/"
WORKSHOP = f"{SERIES}workshops/international-trafficking-in-human-beings/"
# Every page that names workshop 1 (unodc is its partner): each must show an edit at once.
PAGES_NAMING_WORKSHOP_ONE = {
    "summary report": SERIES,
    "schedule": f"{SERIES}schedule/",
    "workshop": WORKSHOP,
    "organization": "/organizations/unodc/",
    "feed": f"{SERIES}feed/",
    "calendar": f"{SERIES}calendar.ics",
    "json": "/series/key-migration-issues.json",
}
OLD_TITLE = "International Trafficking in Human Beings"
NEW_TITLE = "Trafficking in Persons"


@pytest.fixture
def kmi(key_migration_issues):
    return Workshop.objects.get(slug="international-trafficking-in-human-beings")


def text(response):
    return response.content.decode()


def rename(workshop, title=NEW_TITLE):
    workshop.title = title
    workshop.save()


@pytest.mark.parametrize("url", PAGES_NAMING_WORKSHOP_ONE.values(), ids=PAGES_NAMING_WORKSHOP_ONE)
def test_page_second_request_is_answered_from_the_cache_without_a_query(
    client, kmi, url, django_assert_num_queries
):
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", PAGES_NAMING_WORKSHOP_ONE.values(), ids=PAGES_NAMING_WORKSHOP_ONE)
def test_page_shows_a_saved_edit_at_once(client, kmi, url):
    before = client.get(url)
    client.get(url)

    rename(kmi)
    after = client.get(url)

    assert OLD_TITLE in text(before)
    assert NEW_TITLE in text(after)
    assert OLD_TITLE not in text(after)
    assert after["X-Page-Cache"] == "miss"


def test_page_shows_an_edit_saved_in_the_admin(client, kmi):
    reader = Client()
    reader.get(WORKSHOP)
    login_as(client, "superuser")
    edit = "Edited in the admin"

    # title_en: the admin edits each language's title.
    data = change_form_data(client, kmi, title=edit, title_en=edit)
    response = client.post(admin_url(kmi, "change"), data)

    assert response.status_code == 302
    assert edit in text(reader.get(WORKSHOP))


def test_page_shows_an_edit_loaded_from_a_fixture(client, kmi, tmp_path):
    client.get(f"{SERIES}schedule/")
    record = _fixture_record(kmi)
    record["fields"]["title"] = "Loaded from a fixture"
    if "title_en" in record["fields"]:  # translated fields: English is title_en
        record["fields"]["title_en"] = "Loaded from a fixture"
    fixture = tmp_path / "edit.json"
    fixture.write_text(json.dumps([record]))

    call_command("loaddata", str(fixture), verbosity=0)

    assert "Loaded from a fixture" in text(client.get(f"{SERIES}schedule/"))


def _fixture_record(workshop):
    with open("fixtures/key_migration_issues.json") as shipped:
        return next(
            record
            for record in json.load(shipped)
            if record["model"] == "workshops.workshop" and record["fields"]["slug"] == workshop.slug
        )


def test_page_shows_an_edit_imported_from_a_spreadsheet(client, kmi):
    from tests.workshops.test_import_export import confirm, upload

    reader = Client()
    reader.get(f"{SERIES}schedule/")
    login_as(client, "publisher")
    csv = (
        "series,number,title,slug,start_date,end_date,venue\n"
        "key-migration-issues,1,Imported Title,international-trafficking-in-human-beings,"
        "2005-10-18,,\n"
    )

    confirm(client, upload(client, csv))

    assert "Imported Title" in text(reader.get(f"{SERIES}schedule/"))


def test_page_forgets_a_deleted_workshop_at_once(client, kmi):
    client.get(WORKSHOP)
    client.get(f"{SERIES}schedule/")

    kmi.delete()

    assert client.get(WORKSHOP).status_code == 404
    assert OLD_TITLE not in text(client.get(f"{SERIES}schedule/"))


def test_page_shows_a_partner_added_through_the_relation_at_once(client, kmi):
    client.get(WORKSHOP)
    agency = OrganizationFactory(name="Newly Added Agency")

    # Only m2m_changed announces this: the through rows are written in bulk.
    kmi.partners.add(agency, through_defaults={"role": "organized_with", "order": 9})

    assert "Newly Added Agency" in text(client.get(WORKSHOP))


# Committed, as tests/core/test_backup.py: PostgreSQL truncates no table with pending checks.
@pytest.mark.django_db(transaction=True)
def test_page_shows_a_restored_backup_at_once(client, kmi, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", "--output", str(tmp_path / "site.tar.gz"), verbosity=0)
    rename(kmi)
    assert NEW_TITLE in text(client.get(WORKSHOP))

    call_command("restore", str(tmp_path / "site.tar.gz"), "--force", verbosity=0)

    assert OLD_TITLE in text(client.get(WORKSHOP))


def test_page_shows_a_scheduled_workshop_at_its_time_without_a_save(client, kmi, monkeypatch):
    soon = timezone.now() + datetime.timedelta(minutes=30)
    WorkshopFactory(series=kmi.series, number=50, title="Scheduled Workshop", publish_at=soon)
    before = client.get(f"{SERIES}schedule/")
    assert int(before["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 30 * 60

    monkeypatch.setattr(timezone, "now", lambda: soon + datetime.timedelta(seconds=1))
    after = client.get(f"{SERIES}schedule/")

    assert "Scheduled Workshop" not in text(before)
    assert "Scheduled Workshop" in text(after)


def test_page_for_staff_is_live_and_private(staff_client, kmi):
    reader = Client()
    reader.get(WORKSHOP)
    Workshop.objects.filter(pk=kmi.pk).update(title="Changed without a signal")

    response = staff_client.get(WORKSHOP)

    assert "Changed without a signal" in text(response)
    assert OLD_TITLE in text(reader.get(WORKSHOP))  # the cached copy, as expected
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_page_for_anonymous_reader_sets_no_cookie_and_does_not_vary_on_cookies(client, kmi):
    for url in [*PAGES_NAMING_WORKSHOP_ONE.values(), "/", "/series/", "/organizations/"]:
        for _ in range(2):  # a miss, then a hit
            response = client.get(url)

            assert response.status_code == 200
            assert response.cookies == {}
            assert "cookie" not in response.get("Vary", "").lower()


def test_page_cache_control_from_settings(client, kmi, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 120
    settings.PUBLIC_CACHE_S_MAXAGE = 600

    miss, hit = client.get(SERIES), client.get(SERIES)

    assert miss["Cache-Control"] == hit["Cache-Control"] == "public, max-age=120, s-maxage=600"


def test_page_cache_control_defaults_are_short(client, kmi):
    response = client.get(SERIES)

    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60"


def test_page_with_matching_etag_is_not_modified(client, kmi, django_assert_num_queries):
    etag = client.get(SERIES)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(SERIES, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_page_with_old_etag_is_sent_again_after_an_edit(client, kmi):
    etag = client.get(SERIES)["ETag"]
    rename(kmi)

    response = client.get(SERIES, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_page_not_modified_since_its_last_modified_time(client, kmi, monkeypatch):
    made = timezone.now()
    client.get(SERIES)  # the content version is made now
    monkeypatch.setattr(timezone, "now", lambda: made + datetime.timedelta(seconds=5))
    last_modified = client.get(SERIES)["Last-Modified"]

    unchanged = client.get(SERIES, headers={"If-Modified-Since": last_modified})
    rename(kmi)
    changed = client.get(SERIES, headers={"If-Modified-Since": last_modified})

    assert last_modified == http_date(int(made.timestamp()))
    assert unchanged.status_code == 304
    assert changed.status_code == 200


def test_page_has_no_last_modified_in_the_second_its_version_was_made(client, kmi, monkeypatch):
    # Another version may follow within the same second, which an HTTP date cannot tell.
    made = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: made)
    rename(kmi)

    response = client.get(SERIES)

    assert "Last-Modified" not in response
    assert response.has_header("ETag")


def test_page_in_another_language_is_cached_apart(client, kmi):
    english, french = client.get(SERIES), client.get(f"/fr{SERIES}")
    cached_english = client.get(SERIES, headers={"Accept-Language": "fr"})

    assert '<html lang="en"' in text(english)
    assert '<html lang="fr"' in text(french)
    assert cached_english["X-Page-Cache"] == "hit"
    assert '<html lang="en"' in text(cached_english)


def test_page_with_another_page_number_is_cached_apart(client, kmi):
    SeriesFactory.create_batch(60)

    first, second = client.get("/series/"), client.get("/series/?page=2")
    second_again = client.get("/series/?page=2")

    assert first.content != second.content
    assert second_again["X-Page-Cache"] == "hit"
    assert second_again.content == second.content


@pytest.mark.parametrize("query", ["utm_source=x", "page=2&page=3&page=4", "q=migration"])
def test_page_with_other_query_strings_is_rendered_but_not_cached(client, kmi, query):
    client.get(f"{SERIES}?{query}")

    response = client.get(f"{SERIES}?{query}")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_head_request_is_answered_from_the_cache(client, kmi, django_assert_num_queries):
    client.get(SERIES)

    with django_assert_num_queries(0):
        response = client.head(SERIES)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("url", ["/admin/login/", "/healthz", "/nope/"])
def test_admin_probes_and_errors_are_never_cached(client, kmi, url):
    client.get(url)

    response = client.get(url)

    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_static_file_keeps_whitenoise_far_future_caching(client, kmi):
    stylesheet = text(client.get(SERIES)).split('<link rel="stylesheet" href="')[1].split('"')[0]

    response = client.get(stylesheet)
    response.close()

    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "X-Page-Cache" not in response


def test_page_off_when_page_cache_is_off_but_http_caching_stays(client, kmi, settings):
    settings.PAGE_CACHE = False
    client.get(SERIES)

    response = client.get(SERIES)

    assert response["X-Page-Cache"] == "miss"
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert response.has_header("ETag")


def test_page_last_good_copy_is_served_when_the_database_is_down(client, kmi, monkeypatch):
    good = client.get(WORKSHOP)
    rename(kmi)  # a new version: the copy above is no longer current

    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Workshop.objects, "visible_to", database_down)
    response = client.get(WORKSHOP)

    assert response.status_code == 200
    assert response.content == good.content
    assert response["X-Page-Cache"] == "stale"
    assert response["Cache-Control"] == "no-store"


def test_page_never_cached_is_the_503_page_when_the_database_is_down(client, kmi, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Workshop.objects, "visible_to", database_down)
    response = client.get(WORKSHOP)

    assert response.status_code == 503


def test_content_version_is_kept_in_a_file_with_the_default_local_memory_cache():
    from config import settings  # as configured, before the tests' own cache settings

    assert settings.CACHES["content_version"]["BACKEND"] == (
        "django.core.cache.backends.filebased.FileBasedCache"
    )


def test_content_version_in_a_file_makes_edits_show(client, kmi, settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    client.get(WORKSHOP)
    assert client.get(WORKSHOP)["X-Page-Cache"] == "hit"

    rename(kmi)

    assert NEW_TITLE in text(client.get(WORKSHOP))


def test_unrelated_models_do_not_touch_the_version(client, kmi, django_user_model):
    client.get(SERIES)

    django_user_model.objects.create_user(username="someone", password="not-used")

    assert client.get(SERIES)["X-Page-Cache"] == "hit"


def test_every_content_model_is_watched():
    from django.db.models.signals import post_save

    for model in (Organization, Series, Workshop):
        assert post_save.has_listeners(model)


def test_page_shows_rows_bulk_created_by_the_benchmark_generator(
    client, django_capture_on_commit_callbacks
):
    before = client.get("/series/")

    # bulk_create sends no signal: the generator drops the version when it commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_bench_data", "--scale", "0.01", verbosity=0)
    after = client.get("/series/")

    assert after["X-Page-Cache"] == "miss"
    assert after.content != before.content
