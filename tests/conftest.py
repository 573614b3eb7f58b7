import os
import pathlib

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = pathlib.Path(__file__).resolve().parent.parent / "test-artifacts"

# Without Chromium the browser tests are not collected and the report header says why;
# in CI (CI=true) they always are, so a missing browser fails instead of passing quietly.
HAVE_CHROMIUM = os.path.exists(CHROMIUM) or os.environ.get("CI") == "true"
collect_ignore = [] if HAVE_CHROMIUM else ["browser"]


def pytest_report_header(config):
    if not HAVE_CHROMIUM:
        return (
            f"browser tests: skipped, {CHROMIUM} is missing (install it: apt-get install chromium)"
        )
    return f"browser tests: {CHROMIUM}"


@pytest.fixture
def key_migration_issues(db):
    """The series as a fresh install has it: the shipped fixture, loaded."""
    call_command("loaddata", "key_migration_issues", verbosity=0)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """Tests run with the production static storage (hashed names from a manifest),
    so templates that name a missing static file fail here, not in production.
    Collected once by the main process; xdist workers reuse it."""
    if hasattr(config, "workerinput"):
        return
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def editorial_groups(request):
    """The Editors, Publishers and Registrars groups, as migrate creates them.

    A transactional test (the browser tests, backup and restore, health) ends by emptying
    every table, which takes the groups a data migration made with it, and any later test
    on that worker that signs in as an editor would fail. This puts them back, with the
    code the migration runs, for every test that uses the database."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not DATABASE_FIXTURES & set(request.fixturenames):
        return
    from django.apps import apps
    from django.contrib.auth.models import Group

    request.getfixturevalue("db")
    if Group.objects.filter(name__in=["Editors", "Publishers", "Registrars"]).count() < 3:
        from publishing.roles import create_groups, create_registrars

        create_groups(_CurrentModels(apps))
        create_registrars(_CurrentModels(apps))


class _CurrentModels:
    """The app registry as a data migration sees it, minus creating permissions: the flush
    that removed the groups re-created those (post_migrate)."""

    def __init__(self, apps):
        self.get_model = apps.get_model

    def get_app_configs(self):
        return []


@pytest.fixture(autouse=True)
def english(request):
    """Each test starts in English. A request to /fr/… leaves French active in the
    thread after the response, and a model created then would get French text in its
    `title` (django-modeltranslation writes the active language's column)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production's PBKDF2 is slow on purpose; tests that log users in need none of that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def page_cache(request, settings, monkeypatch):
    """Every test starts with no cached page and no content version
    (core/infrastructure/cache.py). The version lives in this process's memory rather than in
    the settings' shared file, which tests running in parallel would otherwise share."""
    from django.core.cache import caches

    if request.node.get_closest_marker("django_db") is None and not DATABASE_FIXTURES & set(
        request.fixturenames
    ):
        # No database, so no content and nothing scheduled: a version needs no query.
        monkeypatch.setattr("core.infrastructure.cache._scheduled_models", list)

    settings.CACHES = {
        **settings.CACHES,
        "content_version": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "content-version",
        },
    }
    caches["default"].clear()
    caches["content_version"].clear()
