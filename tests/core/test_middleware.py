import json
import logging

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def database_down(request):
    raise OperationalError('connection to server at "db.internal" failed: secret detail')


def connection_closed(request):
    raise InterfaceError("connection already closed")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("down/", database_down),
    path("closed/", connection_closed),
    path("broken/", broken),
]


@pytest.mark.urls("tests.core.test_middleware")
@pytest.mark.parametrize("url", ["/down/", "/closed/"])
def test_database_outage_shows_the_sites_own_503_page_without_details(url):
    client = Client(raise_request_exception=False)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "<h1>This site is temporarily unavailable</h1>" in html
    assert "db.internal" not in html
    assert "secret detail" not in html
    assert "Traceback" not in html


@pytest.mark.urls("tests.core.test_middleware")
def test_database_outage_is_logged_with_its_traceback(caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="core.requests"):
        client.get("/down/")

    [record] = [r for r in caplog.records if r.name == "core.requests"]
    assert record.getMessage() == "Database unavailable: GET /down/"
    assert record.exc_info[0] is OperationalError


@pytest.mark.urls("tests.core.test_middleware")
def test_other_errors_still_show_the_500_page():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_every_request_is_logged_with_id_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="core.requests"):
        response = client.get("/robots.txt", HTTP_X_REQUEST_ID="lb-1234")

    [record] = [r for r in caplog.records if r.name == "core.requests"]
    assert response["X-Request-ID"] == "lb-1234"
    assert record.request_id == "lb-1234"
    assert (record.method, record.path, record.status) == ("GET", "/robots.txt", 200)
    assert record.duration_ms >= 0


def test_request_id_from_the_client_is_replaced_when_it_is_not_an_id(client):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID='x"\n{"level": "forged"}')

    assert len(response["X-Request-ID"]) == 32
    assert response["X-Request-ID"].isalnum()


def test_health_probes_are_logged_below_info(client, caplog):
    with caplog.at_level(logging.INFO, logger="core.requests"):
        client.get("/healthz")

    assert [r for r in caplog.records if r.name == "core.requests"] == []


def test_json_log_line_carries_request_fields_and_traceback():
    from core.infrastructure.logging import JsonFormatter

    try:
        raise ValueError("boom")
    except ValueError as error:
        record = logging.makeLogRecord(
            {
                "name": "django.request",
                "levelname": "ERROR",
                "msg": "Internal Server Error: %s",
                "args": ("/x/",),
                "exc_info": (ValueError, error, error.__traceback__),
                "request_id": "abc",
                "status": 500,
            }
        )

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "Internal Server Error: /x/"
    assert (entry["level"], entry["logger"]) == ("ERROR", "django.request")
    assert (entry["request_id"], entry["status"]) == ("abc", 500)
    assert entry["traceback"].startswith("Traceback (most recent call last)")
    assert "ValueError: boom" in entry["traceback"]


class SessionStoreDown:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("the session table does not answer")


def test_database_outage_in_a_middleware_shows_the_503_page(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.core.test_middleware.SessionStoreDown"]
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 503
    assert "This site is temporarily unavailable" in response.content.decode()
    assert "session table" not in response.content.decode()


@pytest.mark.urls("tests.core.test_middleware")
def test_other_errors_in_a_middleware_still_show_the_500_page(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.core.test_middleware.Broken"]
    client = Client(raise_request_exception=False)

    response = client.get("/down/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


class Broken:
    def __init__(self, get_response):
        pass

    def __call__(self, request):
        raise RuntimeError("a bug in a middleware")
