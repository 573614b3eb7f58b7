"""Tests that run the site as in production: gunicorn app servers on a real PostgreSQL and
Redis, stopped, started and killed while they serve. Slow, and they need those servers
installed, so `make test` leaves them out: `make test-resilience` and `make loadtest` run
them (and .ci/run does)."""

import contextlib
import shutil
import subprocess
import tempfile

import pytest
from django.urls import reverse

from tests.resilience.servers import Postgres, Redis, prepare_site, site_environment

MARKERS = {
    "resilience": "database outage and two app servers through gunicorn (make test-resilience)",
    "loadtest": "60 s of load through gunicorn with admin edits every second (make loadtest)",
}


def pytest_configure(config):
    for name, description in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def pytest_collection_modifyitems(config, items):
    """Leaves these tests out unless `-m` names their marker."""
    expression = config.getoption("markexpr") or ""
    kept, left_out = [], []
    for item in items:
        names = {mark.name for mark in item.iter_markers()} & set(MARKERS)
        (left_out if names and not any(n in expression for n in names) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="session")
def artifacts(request):
    """App server logs, kept for whoever reads a failed CI run (test-artifacts/ is ignored)."""
    folder = request.config.rootpath / "test-artifacts" / "resilience"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def postgres():
    # Not under pytest's own temporary folder, which only root may enter.
    folder = tempfile.mkdtemp(prefix="resilience-postgres.")
    server = Postgres(folder).init()
    server.start()
    yield server
    # Already stopped when a test failed while the server was down.
    with contextlib.suppress(subprocess.CalledProcessError):
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis(workdir):
    server = Redis(workdir / "redis").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(postgres, redis, workdir):
    """The environment of the app servers: a migrated database with the shipped series and a
    staff account, Redis as the cache, uploads in a folder of their own."""
    postgres.create_database("site")
    environment = site_environment(postgres.url("site"), redis.url(), workdir / "media")
    prepare_site(environment)
    return environment


@pytest.fixture
def admin_path():
    return reverse("admin:index")
