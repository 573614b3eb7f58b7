import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.core.test_settings import manage, production_key

pytestmark = pytest.mark.django_db

PRINT_ADMIN_URL = "from django.urls import reverse; print(reverse('admin:index'))"


def test_admin_url_defaults_to_admin():
    result = manage(
        "shell", "-c", PRINT_ADMIN_URL, SECRET_KEY=production_key(), ALLOWED_HOSTS="example.org"
    )

    assert result.stdout.strip().splitlines()[-1] == "/admin/", result.stderr


def test_admin_url_comes_from_the_environment():
    result = manage(
        "shell",
        "-c",
        PRINT_ADMIN_URL,
        SECRET_KEY=production_key(),
        ALLOWED_HOSTS="example.org",
        ADMIN_URL="/staff-7f3a/",
    )

    assert result.stdout.strip().splitlines()[-1] == "/staff-7f3a/", result.stderr


def test_admin_url_that_is_empty_refuses_to_start():
    result = manage("check", SECRET_KEY=production_key(), ALLOWED_HOSTS="a.org", ADMIN_URL="/")

    assert result.returncode != 0
    assert "ADMIN_URL is empty" in result.stderr


def test_production_with_two_factor_and_throttling_settings_passes_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=production_key(),
        ALLOWED_HOSTS="example.org",
        ADMIN_REQUIRE_2FA="true",
        ADMIN_URL="staff/",
        AXES_COOLOFF_MINUTES="30",
        TRUSTED_PROXY_COUNT="1",
        TRUSTED_PROXIES="10.0.0.0/8",
        SECURE_PROXY_SSL_HEADER="true",
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Tr0ub4dor&3", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("493027718265", "This password is entirely numeric."),
        ("delegate-unitar", "The password is too similar to the username."),
    ],
)
def test_password_validators_refuse_weak_passwords(django_user_model, password, message):
    user = django_user_model(username="delegate-unitar")

    with pytest.raises(ValidationError) as excinfo:
        validate_password(password, user)

    assert message in excinfo.value.messages


def test_password_validators_accept_a_long_passphrase(django_user_model):
    user = django_user_model(username="delegate-unitar")

    assert validate_password("correct horse battery staple", user) is None
