import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.pagination import (
    ORGANIZATIONS_PER_PAGE,
    RESULTS_PER_PAGE,
    SERIES_PER_PAGE,
    WORKSHOPS_PER_PAGE,
)
from tests.factories import (
    OrganizationFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


def _saved(factory, rows):
    model = factory._meta.model
    return model.objects.bulk_create([factory.build(**row) for row in rows])


def _organizations(count):
    """`count` organizations, each public through an organizer role in one series."""
    series = SeriesFactory()
    organizations = _saved(
        OrganizationFactory, [{"name": f"Migration office {n:03}"} for n in range(count)]
    )
    _saved(SeriesOrganizerFactory, [{"series": series, "organization": o} for o in organizations])


def _workshops(count, upcoming=0):
    """A series "paged" of `count` workshops, the last `upcoming` of them still to come."""
    series = SeriesFactory(slug="paged")
    today = timezone.localdate()
    first = today - datetime.timedelta(days=7 * (count - upcoming))
    _saved(
        WorkshopFactory,
        [
            {
                "series": series,
                "number": n + 1,
                "title": f"Migration workshop {n + 1:03}",
                "start_date": first + datetime.timedelta(days=7 * n),
            }
            for n in range(count)
        ],
    )
    return reverse("series:schedule", args=["paged"])


def _render_page_url(query, number):
    request = RequestFactory().get("/search/?" + query)
    template = Template("{% load pagination %}{% page_url number %}")
    return template.render(Context({"request": request, "number": number}))


def test_page_url_keeps_the_rest_of_the_query_string():
    url = _render_page_url("q=migration&kind=workshops&page=3", 2)

    assert url == "/search/?q=migration&amp;kind=workshops&amp;page=2"


def test_page_url_of_the_first_page_drops_the_page_number():
    assert _render_page_url("q=migration&page=3", 1) == "/search/?q=migration"
    assert _render_page_url("page=3", 1) == "/search/"


def test_page_url_escapes_what_the_reader_typed():
    url = _render_page_url("q=%22%3E%3Cscript%3E", 2)

    assert url == "/search/?q=%22%3E%3Cscript%3E&amp;page=2"


def test_organization_list_shows_a_page_of_organizations_with_navigation(client):
    _organizations(ORGANIZATIONS_PER_PAGE * 2 + 5)

    response = client.get(reverse("organizations:list") + "?page=2")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<li class="card">') == ORGANIZATIONS_PER_PAGE
    assert "Migration office 050" in html
    assert "Migration office 049" not in html
    assert '<nav class="pagination" aria-label="Pages of the organizations">' in html
    assert "Page 2 of 3" in html
    assert '<a href="/organizations/" rel="prev">Previous page</a>' in html
    assert '<a href="/organizations/?page=3" rel="next">Next page</a>' in html
    assert (
        '<a href="/organizations/?page=2" aria-current="page">'
        '<span class="visually-hidden">Page </span>2</a>' in html
    )


def test_organization_list_last_page_holds_the_rest(client):
    _organizations(ORGANIZATIONS_PER_PAGE * 2 + 5)

    response = client.get(reverse("organizations:list") + "?page=3")

    html = response.content.decode()
    assert html.count('<li class="card">') == 5
    assert "Page 3 of 3" in html
    assert 'rel="next"' not in html


def test_organization_list_on_one_page_has_no_page_navigation(client):
    _organizations(3)

    html = client.get(reverse("organizations:list")).content.decode()

    assert html.count('<li class="card">') == 3
    assert 'class="pagination"' not in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "4", "999", "1.5", "9" * 5000])
def test_page_number_that_names_no_page_is_a_404(client, page):
    _organizations(ORGANIZATIONS_PER_PAGE * 2 + 5)

    response = client.get(reverse("organizations:list"), {"page": page})

    assert response.status_code == 404


def test_page_after_the_first_is_its_own_canonical_address(client):
    _organizations(ORGANIZATIONS_PER_PAGE + 1)

    second = client.get(reverse("organizations:list") + "?page=2").content.decode()
    first = client.get(reverse("organizations:list") + "?page=1").content.decode()

    assert '<link rel="canonical" href="http://testserver/organizations/?page=2">' in second
    assert '<link rel="canonical" href="http://testserver/organizations/">' in first


def test_series_list_pages_the_series(client):
    _saved(SeriesFactory, [{"title": f"Series {n:03}"} for n in range(SERIES_PER_PAGE + 3)])

    first = client.get(reverse("series:list"))
    last = client.get(reverse("series:list") + "?page=2")

    assert len(first.context["series_list"]) == SERIES_PER_PAGE
    assert len(last.context["series_list"]) == 3
    assert "Page 2 of 2" in last.content.decode()
    assert client.get(reverse("series:list") + "?page=3").status_code == 404


def test_schedule_shows_a_page_of_workshops_and_the_whole_timeline(client):
    url = _workshops(WORKSHOPS_PER_PAGE + 10, upcoming=5)

    first = client.get(url)
    second = client.get(url + "?page=2")

    assert first.content.decode().count('class="workshop-item"') == WORKSHOPS_PER_PAGE
    assert second.content.decode().count('class="workshop-item"') == 10
    # The timeline is drawn from every workshop of the series, on every page.
    assert len(first.context["workshops"]) == len(second.context["workshops"]) == 60
    assert "Page 2 of 2" in second.content.decode()


def test_schedule_pages_list_upcoming_workshops_first_then_past_ones(client):
    url = _workshops(WORKSHOPS_PER_PAGE + 10, upcoming=5)

    # The lists, not the timeline above them, which names every workshop on every page.
    first = client.get(url).content.decode().split('id="upcoming"')[1]
    second = client.get(url + "?page=2").content.decode().split('id="upcoming"')[1]

    assert first.index("Migration workshop 056") < first.index("Migration workshop 060")
    assert first.index("Migration workshop 060") < first.index("Migration workshop 055")
    assert "Migration workshop 011" in first
    assert "Migration workshop 010" not in first
    assert "Migration workshop 010" in second
    assert "The upcoming workshops are on the first page." in second
    assert "No workshop is scheduled at the moment." not in second


def test_schedule_page_of_upcoming_workshops_points_to_the_past_ones(client):
    url = _workshops(WORKSHOPS_PER_PAGE + 10, upcoming=WORKSHOPS_PER_PAGE + 5)

    html = client.get(url).content.decode()

    assert (
        '<a href="/series/paged/schedule/?page=2">The past workshops are on the next pages.' in html
    )
    assert "No workshop has taken place yet." not in html


def test_schedule_page_links_keep_the_year(client):
    series = SeriesFactory(slug="paged")
    _saved(
        WorkshopFactory,
        [
            {
                "series": series,
                "number": n + 1,
                "start_date": datetime.date(2005, 1, 1) + datetime.timedelta(days=2 * n),
            }
            for n in range(WORKSHOPS_PER_PAGE + 1)
        ],
    )

    html = client.get(reverse("series:schedule", args=["paged"]), {"year": 2005}).content.decode()

    assert 'href="/series/paged/schedule/?year=2005&amp;page=2" rel="next"' in html


@pytest.mark.parametrize("page", ["abc", "3"])
def test_schedule_bad_page_is_a_404(client, page):
    url = _workshops(WORKSHOPS_PER_PAGE + 10)

    assert client.get(url, {"page": page}).status_code == 404


def _searchable_workshops(count):
    series = SeriesFactory(title="Labour series")
    _saved(
        WorkshopFactory,
        [{"series": series, "title": f"Migration workshop {n:03}"} for n in range(count)],
    )


def test_search_first_page_links_to_every_result_of_a_kind(client):
    _searchable_workshops(RESULTS_PER_PAGE + 5)

    response = client.get(reverse("search:results"), {"q": "migration"})

    html = response.content.decode()
    assert len(response.context["results"]["workshops"]) == RESULTS_PER_PAGE
    assert (
        '<a href="/search/?q=migration&amp;kind=workshops">Show all the workshops that match</a>'
        in html
    )


def test_search_pages_one_kind_keeping_the_query(client):
    _searchable_workshops(RESULTS_PER_PAGE * 2 + 5)

    response = client.get(
        reverse("search:results"), {"q": "migration", "kind": "workshops", "page": "2"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["results"]["workshops"]) == RESULTS_PER_PAGE
    assert "45 results for “migration”." in html
    assert "Page 2 of 3" in html
    assert 'href="/search/?q=migration&amp;kind=workshops&amp;page=3" rel="next"' in html
    assert 'href="/search/?q=migration&amp;kind=workshops" rel="prev"' in html
    assert 'href="/search/?q=migration">Show the first results of every kind</a>' in html
    assert '<ol class="search-results" start="21">' in html


def test_search_last_page_of_a_kind_holds_the_rest(client):
    _searchable_workshops(RESULTS_PER_PAGE * 2 + 5)

    response = client.get(
        reverse("search:results"), {"q": "migration", "kind": "workshops", "page": "3"}
    )

    assert len(response.context["results"]["workshops"]) == 5


@pytest.mark.parametrize("page", ["abc", "4"])
def test_search_bad_page_of_a_kind_is_a_404(client, page):
    _searchable_workshops(RESULTS_PER_PAGE * 2 + 5)

    response = client.get(
        reverse("search:results"), {"q": "migration", "kind": "workshops", "page": page}
    )

    assert response.status_code == 404


def test_search_unknown_kind_is_explained(client):
    response = client.get(reverse("search:results"), {"q": "migration", "kind": "planets"})

    assert response.status_code == 200
    assert "There is no kind of result called “planets”." in response.content.decode()
