import pytest
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.urls("tests.core.test_pages")
def test_server_error_shows_the_sites_own_500_page_without_a_traceback():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "something broke" not in html
    assert "Traceback" not in html


def test_missing_page_shows_the_sites_own_404_page(client):
    response = client.get("/no/such/page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'href="/series/"' in html


def test_every_page_has_a_skip_link_landmarks_and_one_h1(client, key_migration_issues):
    for url in ["/", "/series/", "/organizations/", "/organizations/unitar/", "/nope/"]:
        html = client.get(url).content.decode()

        assert '<html lang="en" dir="ltr">' in html
        assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
        assert '<main id="main"' in html
        assert "<header" in html
        assert "<nav" in html
        assert "<footer" in html
        assert html.count("<h1") == 1


def test_pages_use_hashed_static_files_served_locally(client, key_migration_issues):
    html = client.get("/").content.decode()

    assert 'href="/static/css/site.' in html
    assert "https://" not in html.split("</head>")[0]


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /admin/\nSitemap: http://testserver/sitemap.xml\n"
    )


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_static_files_are_served_compressed_with_far_future_caching(client, key_migration_issues):
    html = client.get("/").content.decode()
    stylesheet = html.split('<link rel="stylesheet" href="')[1].split('"')[0]

    response = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip, br")
    response.close()

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
