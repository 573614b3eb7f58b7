"""Requests an attacker or a scanner sends: each gets a 4xx naming only this site."""

import logging
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def _absolute_urls(html):
    """Every URL the page gives as its own: canonical, OpenGraph, hreflang, switcher links."""
    urls = re.findall(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]*)"', html)
    urls += re.findall(r'<meta property="og:url" content="([^"]*)"', html)
    urls += re.findall(r'<a href="([^"]*)" hreflang=', html)
    return urls


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "//evil.example/series/",
        "///evil.example/x",
        "/\\evil.example/x",
        "//evil.example/fr/x?page=2",
        "/fr//evil.example/x",
    ],
)
def test_a_not_found_page_points_only_at_this_site(client, path):
    # The test client would read "//evil.example/" as a host: the path goes in as sent.
    path, _, query = path.partition("?")
    response = client.get("/", PATH_INFO=path, QUERY_STRING=query)

    assert response.status_code == 404
    urls = _absolute_urls(response.content.decode())
    assert urls  # canonical, alternates and the language switcher are there
    for url in urls:
        assert url.startswith((SITE + "/", "/")), url
        assert not url.startswith(("//", "/\\")), url
        assert "evil.example" not in url.split("/")[2 if url.startswith("http") else 0], url


@pytest.mark.parametrize("host", ["evil.example", "bad host", "testserver:notaport", "a" * 300])
def test_a_bad_host_header_is_a_400_without_an_error_in_the_log(host, caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.INFO):
        response = client.get("/series/", HTTP_HOST=host)

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert host not in response.content.decode()
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    "method", ["TRACE", "TRACK", "PUT", "PATCH", "DELETE", "CONNECT", "PROPFIND"]
)
@pytest.mark.parametrize("path", ["/", "/series/", "/fr/", "/robots.txt", "/admin/login/"])
def test_methods_the_site_does_not_use_get_405(client, method, path):
    response = client.generic(method, path)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_a_refused_next_sends_staff_to_the_admin_index(client, admin_user):
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": admin_user.username, "password": "password"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
