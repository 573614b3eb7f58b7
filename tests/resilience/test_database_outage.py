import json
import time

import pytest

from tests.resilience.servers import AppServer, Client

pytestmark = pytest.mark.resilience

PUBLIC_PAGES = [
    "/",
    "/series/",
    "/series/key-migration-issues/",
    "/series/key-migration-issues/schedule/",
    "/series/key-migration-issues/workshops/labour-migration/",
    "/organizations/",
    "/organizations/unitar/",
]
# Not read before the outage, so not in the page cache: only the database can
# answer it. The pages above were, and are answered from the cache during the outage.
UNCACHED_PAGES = [
    "/series/key-migration-issues/workshops/irregular-migration/",
    "/organizations/unhcr/",
]


def _files(folder):
    return sorted(str(path) for path in folder.rglob("*")) if folder.exists() else []


def test_database_outage_gives_503_pages_and_the_next_request_after_it_succeeds(
    postgres, site, artifacts, workdir
):
    log = artifacts / "outage-gunicorn.log"
    log.unlink(missing_ok=True)
    server = AppServer(site, log, workers=2).start()
    client = Client(server.port)
    try:
        # Twice, so that both workers hold an open database connection when it goes away.
        for page in PUBLIC_PAGES * 2:
            assert client.get(page).status == 200, page
        media_before = _files(workdir / "media")

        postgres.stop()
        during = {page: client.get(page) for page in UNCACHED_PAGES * 2}
        cached_during = {page: client.get(page) for page in PUBLIC_PAGES}
        ready_during = client.get("/readyz")
        alive_during = client.get("/healthz")

        postgres.start()
        after = {page: client.get(page) for page in (PUBLIC_PAGES + UNCACHED_PAGES) * 2}
        ready_after = client.get("/readyz")
    finally:
        server.stop()

    for page, response in during.items():
        assert response.status == 503, page
        assert response.seconds < 5, page
        assert response.headers["Retry-After"] == "30"
        assert "This site is temporarily unavailable" in response.text
        for leak in ("Traceback", "psycopg", "OperationalError", "127.0.0.1", "postgres"):
            assert leak not in response.text, (page, leak)
    for page, response in cached_during.items():
        assert (response.status, response.headers["X-Page-Cache"]) == (200, "hit"), page
    assert ready_during.status == 503
    assert ready_during.seconds < 2
    assert json.loads(ready_during.text) == {"status": "unavailable"}
    assert alive_during.status == 200
    assert {page: response.status for page, response in after.items()} == dict.fromkeys(
        PUBLIC_PAGES + UNCACHED_PAGES, 200
    )
    assert ready_after.status == 200
    assert _files(workdir / "media") == media_before
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    outages = [entry for entry in entries if entry["message"].startswith("Database unavailable")]
    assert len(outages) == len(UNCACHED_PAGES) * 2
    assert all("OperationalError" in entry["traceback"] for entry in outages)
    requests = [
        entry for entry in entries if entry["logger"] == "core.requests" and "status" in entry
    ]
    assert all(len(entry["request_id"]) == 32 for entry in requests)


def test_readyz_answers_within_two_seconds_while_the_database_is_down(postgres, site, artifacts):
    server = AppServer(site, artifacts / "readyz-gunicorn.log", workers=1).start()
    client = Client(server.port)
    try:
        postgres.stop()
        started = time.monotonic()
        responses = [client.get("/readyz") for _ in range(3)]
        elapsed = time.monotonic() - started
        postgres.start()
        recovered = client.get("/readyz")
    finally:
        server.stop()

    assert [response.status for response in responses] == [503, 503, 503]
    assert elapsed < 6
    assert recovered.status == 200
