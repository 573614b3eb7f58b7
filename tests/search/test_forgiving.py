"""Search that forgives: partners' names and acronyms in every language, misspellings and
word forms, "Did you mean …", and matches marked."""

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram and stemming are PostgreSQL's"
)


def search(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response


def workshops(response):
    return [w.title for w in response.context["results"]["workshops"]]


def test_workshop_is_found_by_its_partner_s_acronym(client, key_migration_issues):
    response = search(client, "UNHCR")

    assert workshops(response) == ["Irregular Migration"]
    assert "<mark>UNHCR</mark>" in response.content.decode()


def test_workshop_is_found_by_its_partner_s_french_acronym_and_full_name(
    client, key_migration_issues
):
    assert workshops(search(client, "OIT")) == ["Labour Migration"]
    assert workshops(search(client, "Legal Affairs")) == ["Migration and Human Rights"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("trafficing", "Trafficking"), ("labor", "Labour"), ("rosengartner", "Rosengärtner")],
)
def test_a_misspelt_word_gets_did_you_mean(client, key_migration_issues, typed, meant):
    response = search(client, typed)

    html = response.content.decode()
    assert response.context["suggestion"] == meant
    assert f"<strong>{meant}</strong>" in html
    assert f'href="{SEARCH}?q={meant}"' in html or "?q=Rosen" in html


def test_a_known_word_gets_no_suggestion(client, key_migration_issues):
    response = search(client, "trafficking")

    assert response.context["suggestion"] == ""


@postgres_only
def test_misspelt_title_finds_the_workshop_on_postgresql(client, key_migration_issues):
    response = search(client, "trafficing")

    assert "International Trafficking in Human Beings" in workshops(response)
    assert "<mark>Trafficking</mark>" in response.content.decode()


@postgres_only
def test_partner_acronym_finds_the_workshop_on_postgresql(client, key_migration_issues):
    assert workshops(search(client, "UNODC")) == ["International Trafficking in Human Beings"]
