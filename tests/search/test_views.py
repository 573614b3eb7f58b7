import pytest
from django.urls import reverse

from publishing.enums import Status
from tests.factories import (
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SeriesFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")


def search(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response


def titles(response, kind):
    return [getattr(row, "title", None) or row.name for row in response.context["results"][kind]]


def test_search_finds_trafficking_in_the_fixture(client, key_migration_issues):
    response = search(client, "Trafficking")

    assert titles(response, "workshops") == ["International Trafficking in Human Beings"]
    html = response.content.decode()
    assert "International <mark>Trafficking</mark> in Human Beings" in html


def test_search_finds_unhcr_by_acronym(client, key_migration_issues):
    response = search(client, "UNHCR")

    assert titles(response, "organizations") == [
        "Office of the United Nations High Commissioner for Refugees"
    ]
    assert "(<mark>UNHCR</mark>)" in response.content.decode()


def test_search_is_case_insensitive_and_ignores_punctuation(client, key_migration_issues):
    response = search(client, "“unhcr”!!")

    assert response.context["words"] == ["unhcr"]
    assert len(response.context["results"]["organizations"]) == 1


def test_search_groups_results_by_kind(client, key_migration_issues):
    response = search(client, "migration")

    assert titles(response, "series") == ["Key Migration Issues"]
    assert "Labour Migration" in titles(response, "workshops")
    html = response.content.decode()
    assert html.index('id="results-series"') < html.index('id="results-workshops"')


def test_search_finds_people_by_name_with_their_workshops(client):
    workshop = WorkshopFactory(title="Remittances")
    ParticipationFactory(workshop=workshop, person=PersonFactory(name="Ana Díaz"))

    response = search(client, "Díaz")

    assert titles(response, "people") == ["Ana Díaz"]
    html = response.content.decode()
    assert "Ana <mark>Díaz</mark>" in html
    assert f'href="{workshop.get_absolute_url()}">Remittances</a>' in html


def test_search_leaves_out_drafts_even_for_staff(staff_client):
    draft_series = SeriesFactory(title="Hidden Trafficking Series", status=Status.DRAFT)
    WorkshopFactory(series=draft_series, title="Trafficking in a draft series")
    WorkshopFactory(title="Trafficking draft", status=Status.DRAFT)
    partner = OrganizationFactory(name="Trafficking Watch", acronym="TW")
    WorkshopPartnerFactory(
        workshop=WorkshopFactory(status=Status.DRAFT, title="Other"), organization=partner
    )
    ParticipationFactory(
        workshop=WorkshopFactory(status=Status.DRAFT, title="Other 2"),
        person=PersonFactory(name="Trafficking Expert"),
    )

    response = search(staff_client, "trafficking")

    assert response.context["results"]["total"] == 0
    assert "Nothing published matches" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a few words"),
        ("   ", "Type a few words"),
        ("?!…—<>", "only punctuation or symbols"),
        ("x" * 2000, "That search is 2000 characters long. Use at most 200"),
        ("migration\x00", "Null characters are not allowed"),
    ],
)
def test_empty_or_absurd_query_gives_a_helpful_page(client, key_migration_issues, query, message):
    response = search(client, query)

    assert message in response.content.decode()
    assert response.context["results"] is None


@pytest.mark.parametrize(
    "query",
    [
        "the",
        "a and of",
        "中文",
        "é",
        "-migration",
        "migration:*",
        "a'b",
        "(&|!)",
        "x" * 200,
        "%",
        "_",
    ],
)
def test_odd_queries_give_a_page_on_every_database(client, key_migration_issues, query):
    response = search(client, query)

    assert "<h1>Search</h1>" in response.content.decode()


def test_query_is_escaped_on_the_page(client, key_migration_issues):
    response = search(client, "<script>alert(1)</script>")

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_many_words_are_capped(client, key_migration_issues):
    response = search(client, " ".join(["mig"] * 50))

    assert len(response.context["words"]) == 10


def test_header_has_a_search_box(client, key_migration_issues):
    html = client.get("/").content.decode()

    assert '<form class="search-box" role="search" action="/search/" method="get">' in html
    assert 'name="q"' in html


def test_search_page_keeps_search_engines_out(client):
    html = search(client, "migration").content.decode()

    assert '<meta name="robots" content="noindex">' in html
