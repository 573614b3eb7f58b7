import pytest
from django.core.management import call_command


@pytest.fixture
def key_migration_issues(db):
    """The series as a fresh install has it: the shipped fixture, loaded."""
    call_command("loaddata", "fixtures/key_migration_issues.json", verbosity=0)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client
