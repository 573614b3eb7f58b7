"""A path holds at most one cached copy per existing page and year: numbers written another
way, and pages or years with nothing in them, are 404s (never kept)."""

import pytest

from tests.factories import SeriesFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(db):
    series = SeriesFactory(slug="kmi")
    for number in range(1, 4):
        WorkshopFactory(series=series, number=number, start_date=f"200{number + 4}-03-01")
    return "/series/kmi/schedule/"


@pytest.mark.parametrize(
    "query",
    ["page=01", "page=007", "page=+1", "page=%201", "page=0", "page=2",
     "year=02006", "year=+2006", "year=2006.0", "year=1950", "year=2006&page=02"],
)  # fmt: skip
def test_a_page_or_year_written_otherwise_or_without_content_is_never_kept(client, schedule, query):
    first = client.get(f"{schedule}?{query}")
    second = client.get(f"{schedule}?{query}")

    assert first.status_code in (400, 404)
    assert "X-Page-Cache" not in second or second["X-Page-Cache"] != "hit"


@pytest.mark.parametrize("query", ["", "?page=1", "?year=2006"])
def test_canonical_existing_pages_are_kept(client, schedule, query):
    client.get(f"{schedule}{query}")

    assert client.get(f"{schedule}{query}")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/series/", "/organizations/"])
def test_lists_refuse_page_numbers_written_otherwise(client, schedule, path):
    joiner = "&" if "?" in path else "?"

    assert client.get(f"{path}{joiner}page=01").status_code == 404
    assert client.get(f"{path}{joiner}page=1").status_code == 200
