import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from core.infrastructure.routers import (
    PrimaryReplicaRouter,
    ReadFromPrimaryMiddleware,
    read_from_primary,
)
from series.models import Series


def _route(request, model):
    seen = {}

    def view(request):
        seen["db"] = PrimaryReplicaRouter().db_for_read(model)

    ReadFromPrimaryMiddleware(view)(request)
    return seen["db"]


@pytest.mark.parametrize(
    ("method", "path", "cookies", "expected"),
    [
        ("get", "/series/", {}, "replica"),
        ("get", f"/{getattr(settings, 'ADMIN_URL', 'admin/')}series/series/", {}, "default"),
        ("post", "/series/", {}, "default"),
        ("get", "/series/", {settings.SESSION_COOKIE_NAME: "abc"}, "default"),
    ],
)
def test_router_sends_only_anonymous_page_views_to_the_replica(method, path, cookies, expected):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)

    assert _route(request, Series) == expected


def test_router_reads_sessions_from_the_primary_even_for_readers():
    assert _route(RequestFactory().get("/"), Session) == "default"


def test_router_writes_and_migrates_only_on_the_primary():
    router = PrimaryReplicaRouter()

    assert router.db_for_write(Series) == "default"
    assert router.allow_migrate("replica", "series") is False
    assert router.allow_migrate("default", "series") is True


def test_router_reads_the_primary_outside_a_request():
    assert read_from_primary.get() is True
    assert PrimaryReplicaRouter().db_for_read(Series) == "default"
