import threading

import pytest
from django.db import OperationalError

from core.infrastructure import health

pytestmark = pytest.mark.django_db(transaction=True)


def test_readyz_answers_ok_when_database_cache_and_migrations_are_ready(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ["database", "migrations", "cache"]}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_tells_strangers_only_that_it_is_unavailable(client, monkeypatch, caplog):
    def refuse():
        raise OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed')

    monkeypatch.setitem(health.CHECKS, "database", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "db.internal" not in response.content.decode()
    logged = [r.getMessage() for r in caplog.records if r.name == "core.health"]
    assert logged == [
        "Readiness check database failed: OperationalError: connection to server at "
        '"db.internal" (10.0.0.5), port 5432 failed',
        "Readiness check migrations failed: not checked: the database does not answer",
    ]


def test_readyz_logs_unapplied_migrations(client, monkeypatch, caplog):
    class Executor:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("Graph", (), {})()})()
            self.loader.graph.leaf_nodes = lambda: []

        def migration_plan(self, targets):
            migration = type("Migration", (), {"app_label": "workshops", "name": "0009_new"})
            return [(migration, False)]

    monkeypatch.setattr(health, "MigrationExecutor", Executor)
    monkeypatch.setattr(health, "_migrations_applied", health.threading.Event())

    response = client.get("/readyz")

    assert response.status_code == 503
    assert [r.getMessage() for r in caplog.records if r.name == "core.health"] == [
        "Readiness check migrations failed: RuntimeError: 1 migrations not applied: "
        "workshops.0009_new"
    ]


def test_readyz_logs_the_cache_when_it_loses_values(client, settings, caplog):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get("/readyz")

    assert response.status_code == 503
    assert [r.getMessage() for r in caplog.records if r.name == "core.health"] == [
        "Readiness check cache failed: RuntimeError: the cache did not return the value just stored"
    ]


def test_readyz_gives_up_on_a_database_that_hangs_at_its_deadline(client, monkeypatch, caplog):
    """A check that never answers does not hold the probe: at the deadline (injected here,
    1.5 s in production) readyz answers 503 and logs which checks did not answer. No clock
    is asserted: the hanging check waits on an event the test releases afterwards."""
    hang = threading.Event()
    monkeypatch.setitem(health.CHECKS, "database", lambda: hang.wait(30))
    monkeypatch.setattr(health, "DEADLINE_SECONDS", 0.05)
    try:
        response = client.get("/readyz")
    finally:
        hang.set()

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    logged = [r.getMessage() for r in caplog.records if r.name == "core.health"]
    assert logged[0].startswith("Readiness check database failed: no answer within ")


def test_healthz_and_readyz_are_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    responses = [client.get("/healthz"), client.get("/readyz"), client.get("/")]

    assert [response.status_code for response in responses] == [200, 200, 301]


def test_health_probes_are_never_cached_and_not_in_the_sitemap(client):
    probes = [client.get("/healthz"), client.get("/readyz")]
    sitemap = client.get("/sitemap.xml").content.decode()

    assert ["no-store" in probe["Cache-Control"] for probe in probes] == [True, True]
    assert "healthz" not in sitemap
    assert "readyz" not in sitemap
