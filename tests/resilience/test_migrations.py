import pytest

from tests.resilience.servers import BASE_DIR, manage

pytestmark = pytest.mark.resilience

APPS = ["organizations", "series", "workshops"]
TABLES = [
    "organizations_organization",
    "organizations_person",
    "series_series",
    "workshops_workshop",
    "workshops_participation",
    "auth_group",
]


def _counts(postgres, database):
    return {
        table: postgres.query(database, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES
    }


def test_latest_migrations_run_forwards_on_a_copy_of_the_fixture_database(postgres, site):
    # A copy of the database as a deployment finds it: the shipped series loaded.
    postgres.create_database("fixture_copy", template="site")
    environment = {**site, "DATABASE_URL": postgres.url("fixture_copy")}
    before = _counts(postgres, "fixture_copy")
    # Each app back to the migration before its latest, with the data in place, so that the
    # latest migrations run forwards on real rows as the next deployment will run them.
    for app in APPS:
        names = sorted(path.stem for path in (BASE_DIR / app / "migrations").glob("0*.py"))
        if len(names) > 1:
            manage(environment, "migrate", app, names[-2], "--noinput")

    manage(environment, "migrate", "--noinput")

    manage(environment, "migrate", "--check")
    assert _counts(postgres, "fixture_copy") == before
    assert before["workshops_workshop"] == 7
