import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from organizations.enums import OrganizationKind
from publishing.enums import Status
from tests.factories import (
    DocumentFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RelatedLinkFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
    WorkshopFactory,
)
from workshops.enums import DocumentKind, DocumentLanguage, ParticipationRole, PartnerRole

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs" / "series.schema.json").read_text())


def json_url(slug="key-migration-issues"):
    return reverse("series:json", kwargs={"slug": slug})


def get_json(client, slug="key-migration-issues"):
    response = client.get(json_url(slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    return data


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_enums_match_the_models_choices():
    defs = SCHEMA["$defs"]
    workshop = defs["workshop"]["properties"]

    assert defs["organization"]["properties"]["kind"]["enum"] == OrganizationKind.values
    assert workshop["partners"]["items"]["properties"]["role"]["enum"] == PartnerRole.values
    assert workshop["people"]["items"]["properties"]["role"]["enum"] == ParticipationRole.values
    documents = workshop["documents"]["items"]["properties"]
    assert documents["kind"]["enum"] == DocumentKind.values
    assert documents["language"]["enum"] == DocumentLanguage.values


def test_series_json_holds_the_fixture_series(client, key_migration_issues):
    data = get_json(client)

    series = data["series"]
    assert data["version"] == 1
    assert data["url"] == "http://testserver/series/key-migration-issues.json"
    assert series["title"] == "Key Migration Issues"
    assert series["url"] == "http://testserver/series/key-migration-issues/"
    assert series["calendar_url"] == "http://testserver/series/key-migration-issues/calendar.ics"
    assert series["coordinator"]["name"] == "Sarah Rosengärtner"
    assert (series["first_date"], series["last_date"]) == ("2005-10-18", "2006-08-30")
    assert [o["organization"]["acronym"] for o in series["organizers"]] == [
        "UNITAR",
        "UNFPA",
        "IOM",
    ]
    assert series["organizers"][0]["role"].startswith("as the lead training agency")
    assert [m["start_date"] for m in series["milestones"]] == ["2005-10-05", "2006-09-14"]
    # The related series is a draft: its title, but no address, as on the page.
    assert series["related_links"] == [{"title": "Migration and Development Series", "url": None}]


def test_series_json_lists_workshops_with_partners_and_absolute_urls(client, key_migration_issues):
    workshops = get_json(client)["series"]["workshops"]

    assert [w["number"] for w in workshops] == [1, 2, 3, 4, 5, 6, 7]
    first = workshops[0]
    assert first["title"] == "International Trafficking in Human Beings"
    assert (first["start_date"], first["end_date"]) == ("2005-10-18", "2005-10-18")
    assert first["url"] == (
        "http://testserver/series/key-migration-issues/workshops/"
        "international-trafficking-in-human-beings/"
    )
    assert [(p["role"], p["organization"]["acronym"]) for p in first["partners"]] == [
        ("organized_with", "UNU"),
        ("organized_with", "UNODC"),
    ]
    assert first["partners"][0]["organization"]["url"] == "http://testserver/organizations/unu/"


def test_series_json_carries_people_documents_and_times(client):
    series = SeriesFactory(slug="s")
    workshop = WorkshopFactory(series=series, venue="Room 6")
    ParticipationFactory(
        workshop=workshop,
        person=PersonFactory(name="Ana Díaz", organization=OrganizationFactory(acronym="ILO")),
        role=ParticipationRole.MODERATOR,
    )
    DocumentFactory(workshop=workshop, title="Agenda", url="https://example.org/agenda.pdf")
    SeriesOrganizerFactory(series=series)
    MilestoneFactory(series=series)
    RelatedLinkFactory(series=series, url="https://example.org/related")

    data = get_json(client, "s")

    got = data["series"]["workshops"][0]
    assert got["people"][0]["role"] == "moderator"
    assert got["people"][0]["person"]["name"] == "Ana Díaz"
    assert got["people"][0]["person"]["organization"]["acronym"] == "ILO"
    assert got["documents"] == [
        {
            "title": "Agenda",
            "kind": "agenda",
            "language": "en",
            "url": "https://example.org/agenda.pdf",
        }
    ]
    assert got["venue"] == "Room 6"
    assert data["series"]["related_links"][0]["url"] == "https://example.org/related"


def test_series_json_leaves_out_draft_workshops_even_for_staff(staff_client):
    series = SeriesFactory(slug="s")
    WorkshopFactory(series=series, title="Public")
    WorkshopFactory(series=series, title="Secret", status=Status.DRAFT)

    data = get_json(staff_client, "s")

    assert [w["title"] for w in data["series"]["workshops"]] == ["Public"]
    assert "Secret" not in json.dumps(data)


def test_draft_series_has_no_json(staff_client):
    SeriesFactory(slug="draft", status=Status.DRAFT)

    response = staff_client.get(json_url("draft"))

    assert response.status_code == 404


def test_series_json_may_be_read_by_other_sites(client, key_migration_issues):
    response = client.get(json_url())

    assert response["Access-Control-Allow-Origin"] == "*"
