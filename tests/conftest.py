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


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """Tests run with the production static storage (hashed names from a manifest),
    so templates that name a missing static file fail here, not in production.
    Collected once by the main process; xdist workers reuse it."""
    if hasattr(config, "workerinput"):
        return
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production's PBKDF2 is slow on purpose; tests that log users in need none of that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
