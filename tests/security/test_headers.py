"""Every response carries the full set of security headers: pages, the admin, static files
(served by whitenoise, above which the header middlewares sit) and error pages."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
EXPECTED_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Features the site does not use, each switched off with an empty allow-list.
DISABLED_FEATURES = {"camera", "microphone", "geolocation", "payment", "usb"}


def policy(header):
    directives = {}
    for part in header.split(";"):
        name, _space, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def security_headers(response):
    if response.streaming:  # a static file: reading it to the end closes it
        b"".join(response.streaming_content)
    return {name: response.get(name) for name in EXPECTED_HEADERS}


def assert_secure(response):
    assert security_headers(response) == EXPECTED_HEADERS
    assert policy(response["Content-Security-Policy"]) == EXPECTED_CSP
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    assert {name for name, allowed in features.items() if allowed == "()"} >= DISABLED_FEATURES


def test_public_page_has_every_security_header(client, key_migration_issues):
    response = client.get("/", secure=True)

    assert response.status_code == 200
    assert_secure(response)


def test_admin_page_has_every_security_header(staff_client):
    response = staff_client.get(reverse("admin:index"), secure=True)

    assert response.status_code == 200
    assert_secure(response)


def test_admin_login_page_has_every_security_header(client):
    response = client.get(reverse("admin:login"), secure=True)

    assert response.status_code == 200
    assert_secure(response)


def test_static_file_has_every_security_header(client):
    response = client.get(staticfiles_storage.url("css/site.css"), secure=True)

    assert response.status_code == 200
    assert_secure(response)


def test_missing_page_has_every_security_header(client):
    response = client.get("/no/such/page/", secure=True)

    assert response.status_code == 404
    assert_secure(response)


def test_policy_allows_no_inline_script_or_style_anywhere(client):
    header = client.get("/", secure=True)["Content-Security-Policy"]

    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "data:" not in header
    assert "*" not in header


def test_http_request_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/series/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/series/"


def test_session_and_csrf_cookies_are_secure_httponly_host_only(client, admin_user):
    login_page = client.get(reverse("admin:login"), secure=True)
    signed_in = client.post(
        reverse("admin:login"), {"username": "admin", "password": "password"}, secure=True
    )

    csrf = login_page.cookies["__Host-csrftoken"]
    session = signed_in.cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"], cookie["path"]) == (
            True,
            True,
            "Lax",
            "/",
        )
        assert not cookie["domain"]
