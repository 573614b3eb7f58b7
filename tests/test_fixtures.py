"""The shipped fixture carries the seed report's facts, loads idempotently by natural keys,
and a fixture with a broken record loads nothing and names the record."""

import datetime
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from simple_history.models import HistoricalChanges

from organizations.models import Organization
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer
from workshops.models import Workshop, WorkshopPartner

pytestmark = pytest.mark.django_db

FIXTURE = settings.BASE_DIR / "fixtures" / "key_migration_issues.json"
TIMESTAMP = "2026-11-27T00:00:00Z"

# The two paragraphs of the seed's "Series Summary Report", as written there (typographic
# quotes, em dashes, and the space before the semicolon after "delegates").
SUMMARY = (
    "International migration, or human mobility, is an issue that is gaining greater "
    "international attention. The UNITAR/UNFPA/IOM “Key Migration Issues” Workshop Series will "
    "stimulate critical thinking about migration and its various considerations and "
    "inter-linkages. This discussion will contribute to increasing New York-based delegates’ "
    "knowledge of international migration prior to key events in 2006, including the High "
    "Level Dialogue on International Migration and Development scheduled for 14-15 September "
    "2006. The series is all the more timely due to the many recommendations presented by the "
    "Global Commission on International Migration on 5 October 2005 when it presented to the "
    "Secretary-General its Final Report entitled “Migration in an Interconnected World: New "
    "Directions for Action”."
    "\n\n"
    "This series is organized by: UNITAR—as the lead training agency for UN government "
    "delegates ; UNFPA—as the leading UN entity responsible for population issues, as well as "
    "the main agent for increasing awareness of population and development issues; and IOM—as "
    "the principal organization addressing international migration and related aspects. In "
    "light of future policy discussions and with the presence of top migration experts, "
    "delegates will be able to strengthen their understanding of the evolution of migration "
    "policy, the many challenges and opportunities offered by migration, and its "
    "inter-linkages with other policy areas including those ties to the ICPD, MDGs, etc."
)


def load(path=FIXTURE):
    """With `load_content`, which checks each record and names a broken one."""
    call_command("load_content", str(path), verbosity=0)


def database_content():
    """Every row of every content model of our apps, with primary keys and timestamps.

    Not their history tables: loading a fixture writes no history (django-simple-history
    skips raw saves).
    """
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in ("organizations", "series", "workshops")
        for model in apps.get_app_config(app).get_models()
        if not issubclass(model, HistoricalChanges)
    }


def row_counts():
    return {label: len(rows) for label, rows in database_content().items()}


def dump(tmp_path, name="dump.json"):
    path = tmp_path / name
    call_command(
        "dumpdata",
        "organizations",
        "series",
        "workshops",
        natural_foreign=True,
        natural_primary=True,
        indent=2,
        output=str(path),
        verbosity=0,
    )
    return path


def workshop_record(**fields):
    return {
        "model": "workshops.workshop",
        "fields": {
            "series": ["key-migration-issues"],
            "number": 8,
            "title": "Migration and Development",
            "slug": "migration-and-development",
            "start_date": "2006-09-13",
            "time_zone": "America/New_York",
            "status": "draft",
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
            **fields,
        },
    }


def write_fixture(tmp_path, records):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def test_fixture_workshops_are_the_seven_of_the_report(key_migration_issues):
    workshops = Workshop.objects.select_related("series").order_by("number")

    assert [
        (
            w.series.slug,
            w.number,
            w.title,
            w.slug,
            w.start_date,
            w.end_date,
            w.start_time,
            w.end_time,
            w.format,
            w.venue,
            w.time_zone,
            w.status,
        )
        for w in workshops
    ] == [
        (
            "key-migration-issues",
            1,
            "International Trafficking in Human Beings",
            "international-trafficking-in-human-beings",
            datetime.date(2005, 10, 18),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
        (
            "key-migration-issues",
            2,
            "Labour Migration",
            "labour-migration",
            datetime.date(2006, 3, 15),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
        (
            "key-migration-issues",
            3,
            "Contributions of Diasporas",
            "contributions-of-diasporas",
            datetime.date(2006, 5, 11),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
        (
            "key-migration-issues",
            4,
            "HIV, AIDS and Migration",
            "hiv-aids-and-migration",
            datetime.date(2006, 5, 26),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
        (
            "key-migration-issues",
            5,
            "Regional Consultative Processes",
            "regional-consultative-processes",
            datetime.date(2006, 6, 20),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
        (
            "key-migration-issues",
            6,
            "Migration and Human Rights",
            "migration-and-human-rights",
            datetime.date(2006, 6, 27),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
        (
            "key-migration-issues",
            7,
            "Irregular Migration",
            "irregular-migration",
            datetime.date(2006, 8, 30),
            None,
            None,
            None,
            "",
            "",
            "America/New_York",
            "published",
        ),
    ]


def test_fixture_workshop_partners_are_those_the_report_names(key_migration_issues):
    partners = WorkshopPartner.objects.select_related("workshop", "organization").order_by(
        "workshop__number", "order"
    )

    assert [(p.workshop.number, p.order, p.organization.acronym, p.role) for p in partners] == [
        (1, 1, "UNU", "organized_with"),
        (1, 2, "UNODC", "organized_with"),
        (2, 1, "ILO", "organized_with"),
        (4, 1, "WHO", "organized_with"),
        (6, 1, "OLA", "organized_with"),
        (7, 1, "UNHCR", "organized_with"),
    ]


def test_fixture_series_carries_the_summary_report(key_migration_issues):
    series = Series.objects.get(slug="key-migration-issues")

    assert (
        series.title,
        series.label,
        series.status,
        series.featured,
        series.audience,
        series.summary,
    ) == (
        "Key Migration Issues",
        "Workshop Series",
        "published",
        True,
        "New York-based delegates",
        SUMMARY,
    )


def test_fixture_coordinator_is_sarah_rosengartner(key_migration_issues):
    coordinator = Series.objects.get(slug="key-migration-issues").coordinator

    assert (
        coordinator.name,
        coordinator.slug,
        coordinator.position,
        coordinator.organization,
    ) == ("Sarah Rosengärtner", "sarah-rosengartner", "Coordinator", None)


def test_fixture_organizers_have_the_report_roles_in_order(key_migration_issues):
    organizers = SeriesOrganizer.objects.filter(series__slug="key-migration-issues")

    assert [(o.order, o.organization.acronym, o.role) for o in organizers] == [
        (1, "UNITAR", "as the lead training agency for UN government delegates"),
        (
            2,
            "UNFPA",
            "as the leading UN entity responsible for population issues, as well as the main "
            "agent for increasing awareness of population and development issues",
        ),
        (
            3,
            "IOM",
            "as the principal organization addressing international migration and related aspects",
        ),
    ]


def test_fixture_organizations_are_what_they_were_then_without_invented_details(
    key_migration_issues,
):
    organizations = Organization.objects.order_by("slug")

    assert [(o.slug, o.acronym, o.name) for o in organizations] == [
        ("ilo", "ILO", "International Labour Organization"),
        ("iom", "IOM", "International Organization for Migration"),
        ("ola", "OLA", "United Nations Office of Legal Affairs"),
        ("unfpa", "UNFPA", "United Nations Population Fund"),
        ("unhcr", "UNHCR", "Office of the United Nations High Commissioner for Refugees"),
        ("unitar", "UNITAR", "United Nations Institute for Training and Research"),
        ("unodc", "UNODC", "United Nations Office on Drugs and Crime"),
        ("unu", "UNU", "United Nations University"),
        ("who", "WHO", "World Health Organization"),
    ]
    # IOM joined the UN system only in 2016: in 2005–2006 it was an intergovernmental body.
    assert {o.slug for o in organizations if o.kind == "igo"} == {"iom"}
    assert {(o.kind, o.website, o.description) for o in organizations if o.slug != "iom"} == {
        ("un", "", "")
    }


def test_fixture_milestones_are_the_two_events_of_the_report(key_migration_issues):
    milestones = Milestone.objects.filter(series__slug="key-migration-issues")

    assert [(m.title, m.start_date, m.end_date, m.description, m.url) for m in milestones] == [
        (
            "Global Commission on International Migration presents its Final Report “Migration "
            "in an Interconnected World: New Directions for Action”",
            datetime.date(2005, 10, 5),
            None,
            "The Global Commission on International Migration presented to the Secretary-General "
            "its Final Report, with many recommendations.",
            "",
        ),
        (
            "High Level Dialogue on International Migration and Development",
            datetime.date(2006, 9, 14),
            datetime.date(2006, 9, 15),
            "",
            "",
        ),
    ]


def test_fixture_related_link_points_to_a_draft_series(key_migration_issues):
    link = RelatedLink.objects.select_related("series", "target_series").get()

    assert (
        link.series.slug,
        link.title,
        link.url,
        link.order,
        link.target_series.slug,
        link.target_series.title,
        link.target_series.label,
        link.target_series.status,
        link.target_series.summary,
        link.target_series.featured,
    ) == (
        "key-migration-issues",
        "Migration and Development Series",
        "",
        1,
        "migration-and-development",
        "Migration and Development",
        "Series",
        "draft",
        "",
        False,
    )


def test_fixture_row_counts():
    load()

    assert row_counts() == {
        "organizations.Organization": 9,
        "organizations.Person": 1,
        "series.Series": 2,
        "series.SeriesOrganizer": 3,
        "series.RelatedLink": 1,
        "series.Milestone": 2,
        "workshops.Workshop": 7,
        "workshops.WorkshopPartner": 6,
        "workshops.Participation": 0,
        "workshops.Document": 0,
    }


def test_fixture_loaded_twice_changes_nothing():
    load()
    before = database_content()

    load()

    assert database_content() == before


def test_djangos_loaddata_finds_the_fixture_by_name_and_twice_leaves_seven_workshops():
    """`manage.py loaddata key_migration_issues`, as any Django user would type it: Django's
    own command (not shadowed), the fixture found in FIXTURE_DIRS, natural keys matching the
    rows of the first load on the second."""
    call_command("loaddata", "key_migration_issues", verbosity=0)
    before = database_content()

    call_command("loaddata", "key_migration_issues", verbosity=0)

    assert Workshop.objects.count() == 7
    assert database_content() == before


def test_loaddata_is_djangos_own_command():
    from django.core.management import get_commands, load_command_class
    from django.core.management.commands.loaddata import Command as DjangoLoaddata

    app = get_commands()["loaddata"]
    assert app != "core"
    assert issubclass(load_command_class(app, "loaddata").__class__, DjangoLoaddata)


def test_fixture_reloaded_over_staff_edits_updates_the_same_rows():
    load()
    workshop = Workshop.objects.get(slug="labour-migration")
    workshop.title = "Labour Migration (edited)"
    workshop.save()
    organization = Organization.objects.get(slug="ilo")
    organization.website = "https://www.ilo.org/"
    organization.save()
    added = Workshop.objects.create(
        series=workshop.series,
        number=8,
        title="Added by staff",
        slug="added-by-staff",
        start_date=datetime.date(2006, 9, 13),
    )
    counts = row_counts()

    load()

    assert row_counts() == counts
    assert Workshop.objects.get(pk=workshop.pk).title == "Labour Migration"
    assert Organization.objects.get(pk=organization.pk).website == ""
    assert Workshop.objects.get(pk=added.pk).title == "Added by staff"


def test_fixture_is_what_dumpdata_writes(tmp_path):
    load()

    path = dump(tmp_path)

    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(
        FIXTURE.read_text(encoding="utf-8")
    )


def test_fixture_round_trips_through_dumpdata_and_a_flushed_database(tmp_path):
    load()
    first = dump(tmp_path, "first.json")
    call_command("flush", interactive=False, verbosity=0)

    load(first)

    second = dump(tmp_path, "second.json")
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


# Each broken fixture first changes a row and adds one, so that a partial load would show.
VALID_CHANGES = [
    {
        "model": "organizations.organization",
        "fields": {
            "name": "United Nations Development Programme",
            "acronym": "UNDP",
            "slug": "undp",
            "kind": "un",
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
        },
    },
    workshop_record(number=2, title="Labour Migration (changed)", slug="labour-migration"),
]

BROKEN_RECORDS = {
    "unknown organization": (
        {
            "model": "workshops.workshoppartner",
            "fields": {
                "workshop": ["key-migration-issues", "labour-migration"],
                "organization": ["unknown"],
                "role": "organized_with",
                "order": 2,
            },
        },
        'Could not load workshops.workshoppartner {"workshop": ["key-migration-issues", '
        '"labour-migration"], "organization": ["unknown"], "role": "organized_with", '
        '"order": 2}: organization: there is no organizations.Organization ["unknown"] in the '
        "database or earlier in the fixture.",
    ),
    "bad date": (
        workshop_record(start_date="2006-02-30"),
        'Could not load workshops.workshop {"series": ["key-migration-issues"], "number": 8, '
        '"title": "Migration and Development", "slug": "migration-and-development", '
        '"start_date": "2006-02-30", "time_zone": "America/New_York", "status": "draft", '
        f'"created_at": "{TIMESTAMP}", "updated_at": "{TIMESTAMP}"}}: start_date: '
        "“2006-02-30” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
    ),
    "duplicate workshop number": (
        workshop_record(number=3),
        'Could not load workshops.Workshop ["key-migration-issues", "migration-and-development"] '
        "“3. Migration and Development”: number: This series already has a workshop with this "
        "number.",
    ),
    "end before start": (
        workshop_record(end_date="2006-09-12"),
        'Could not load workshops.Workshop ["key-migration-issues", "migration-and-development"] '
        "“8. Migration and Development”: end_date: The end date cannot be before the date.",
    ),
    "time zone not in the database": (
        workshop_record(time_zone="America/Manhattan"),
        'Could not load workshops.Workshop ["key-migration-issues", "migration-and-development"] '
        "“8. Migration and Development”: time_zone: “America/Manhattan” is not a time zone name "
        "such as America/New_York or Europe/Geneva.",
    ),
    "unknown organization of a person": (
        {
            "model": "organizations.person",
            "fields": {
                "name": "A Speaker",
                "slug": "a-speaker",
                "organization": ["unknown"],
                "created_at": TIMESTAMP,
                "updated_at": TIMESTAMP,
            },
        },
        'Could not load organizations.Person ["a-speaker"] “A Speaker”: organization: there is '
        'no organizations.Organization ["unknown"] in the database or earlier in the fixture.',
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("record", "message"), list(BROKEN_RECORDS.values()), ids=list(BROKEN_RECORDS)
)
def test_fixture_with_broken_record_names_it_and_loads_nothing(tmp_path, record, message):
    load()
    before = database_content()
    path = write_fixture(tmp_path, [*VALID_CHANGES, record])

    with pytest.raises(CommandError) as excinfo:
        load(path)

    assert str(excinfo.value) == f"Problem installing fixture '{path}': {message}"
    assert database_content() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "record",
    [workshop_record(number=3), workshop_record(end_date="2006-09-12")],
    ids=["duplicate workshop number", "end before start"],
)
def test_fixture_record_refused_by_database_is_named_and_loads_nothing(
    tmp_path, monkeypatch, record
):
    # Without validation the database's own constraint refuses the record. On PostgreSQL
    # that aborts the transaction: the record must still be named, and nothing kept.
    monkeypatch.setattr(Workshop, "full_clean", lambda self, *args, **kwargs: None)
    load()
    before = database_content()
    path = write_fixture(tmp_path, [*VALID_CHANGES, record])
    number = record["fields"]["number"]

    with pytest.raises(CommandError) as excinfo:
        load(path)

    prefix, _, database_message = str(excinfo.value).partition("”: ")
    assert prefix == (
        f"Problem installing fixture '{path}': Could not load workshops.Workshop "
        f'["key-migration-issues", "migration-and-development"] '
        f"“{number}. Migration and Development"
    )
    assert database_message != ""
    assert database_content() == before
