"""django-axes: five failed sign-ins for one username from one address pause that pair."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


def sign_in(client, password, username="admin", address=ATTACKER, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, times, **kwargs):
    return [sign_in(client, "wrong-password", **kwargs).status_code for _ in range(times)]


def test_login_four_failures_still_get_the_form_back(client, admin_user):
    statuses = fail(client, 4)

    response = sign_in(client, "wrong-password")
    assert statuses == [200] * 4
    assert response.status_code == 429  # the fifth failure locks


def test_login_sixth_attempt_refused_even_with_the_right_password(client, admin_user):
    fail(client, 5)

    response = sign_in(client, "password")

    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed sign-ins: a wrong password was given for this account 5 times" in html
    assert "sign-in is paused: try again in 15 minutes" in html
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_login_lockout_is_per_username_and_address(client, admin_user, django_user_model):
    django_user_model.objects.create_superuser("editor", "", "editor-password")
    fail(client, 5)

    from_elsewhere = sign_in(client, "password", address=COLLEAGUE)
    client.logout()
    other_user_same_address = sign_in(client, "editor-password", username="editor")

    # Both get in: a 302 to the admin index.
    assert (from_elsewhere.status_code, other_user_same_address.status_code) == (302, 302)


def test_login_cool_off_ends_after_fifteen_minutes(client, admin_user):
    fail(client, 5)
    # Let sixteen minutes pass for the attempts on record.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )

    response = sign_in(client, "password")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_login_cool_off_not_over_after_fourteen_minutes(client, admin_user):
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=14)
    )

    response = sign_in(client, "password")

    assert response.status_code == 429


def test_login_cool_off_is_configurable(client, admin_user, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=60)
    fail(client, 5)

    response = sign_in(client, "password")

    assert "try again in 60 minutes" in response.content.decode()
    assert response["Retry-After"] == "3600"


def test_login_success_clears_earlier_failures(client, admin_user):
    fail(client, 4)
    sign_in(client, "password")
    client.logout()

    statuses = fail(client, 4)

    assert statuses == [200] * 4


def test_login_behind_proxy_counts_the_address_the_proxy_saw(client, admin_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker writes X-Forwarded-For; the proxy appends the address it saw.
    for forged in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]:
        sign_in(
            client,
            "wrong-password",
            address="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"{forged}, {ATTACKER}",
        )

    attacker = sign_in(
        client, "password", address="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ATTACKER}"
    )
    colleague = sign_in(client, "password", address="192.0.2.1", HTTP_X_FORWARDED_FOR=COLLEAGUE)

    assert (attacker.status_code, colleague.status_code) == (429, 302)


def test_one_address_trying_many_usernames_is_paused(client, admin_user, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    statuses = [
        sign_in(client, "wrong-password", username=f"user{number}").status_code
        for number in range(8)
    ]

    refused = sign_in(client, "password")  # the right password, from that address
    from_elsewhere = sign_in(client, "password", address=COLLEAGUE)

    assert statuses == [200] * 8  # eight failures, then the pause
    assert refused.status_code == 429
    assert "Too many failed sign-ins from your address" in refused.content.decode()
    assert from_elsewhere.status_code == 302


def test_forwarded_addresses_count_only_from_a_listed_proxy(client, admin_user, settings):
    """Rotating X-Forwarded-For straight at gunicorn does not spread the failures around."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    statuses = [
        sign_in(client, "wrong-password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(5)
    ]

    assert statuses == [200] * 4 + [429]
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_the_deploy_check_warns_when_forwarded_addresses_are_trusted_from_anyone(settings):
    from django.core.checks import run_checks

    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = []
    warned = [m.id for m in run_checks(include_deployment_checks=True)]
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    quiet = [m.id for m in run_checks(include_deployment_checks=True)]

    assert "core.W001" in warned
    assert "core.W001" not in quiet
