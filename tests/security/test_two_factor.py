"""Optional two-factor sign-in (django-otp TOTP), switched on by ADMIN_REQUIRE_2FA."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.htmlsafety import unsafe_parts

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


@pytest.fixture
def device(admin_user):
    return TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, **fields):
    data = {"username": "admin", "password": "password", "next": INDEX} | fields
    return client.post(LOGIN, data)


def test_two_factor_off_password_alone_signs_in(client, admin_user, settings):
    settings.ADMIN_REQUIRE_2FA = False

    response = sign_in(client)

    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_two_factor_on_login_form_asks_for_the_code(client, settings):
    settings.ADMIN_REQUIRE_2FA = True

    response = client.get(LOGIN)

    html = response.content.decode()
    assert 'name="otp_token"' in html
    assert unsafe_parts(html) == []


def test_two_factor_on_password_alone_is_refused(client, device, settings):
    settings.ADMIN_REQUIRE_2FA = True

    response = sign_in(client)

    assert response.status_code == 200
    assert client.get(INDEX).status_code == 302


def test_two_factor_on_wrong_code_is_refused(client, device, settings):
    settings.ADMIN_REQUIRE_2FA = True
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = sign_in(client, otp_device=device.persistent_id, otp_token=wrong)

    assert response.status_code == 200
    assert "Invalid token" in response.content.decode()
    assert client.get(INDEX).status_code == 302


def test_two_factor_on_password_and_code_sign_in(client, device, settings):
    settings.ADMIN_REQUIRE_2FA = True

    response = sign_in(client, otp_device=device.persistent_id, otp_token=current_code(device))

    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_two_factor_on_session_without_a_code_is_sent_to_login(client, admin_user, settings):
    """A session that signed in before 2FA was switched on must confirm a code first."""
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(admin_user)

    response = client.get(INDEX)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_add_totp_device_prints_a_code_to_scan(admin_user):
    out = io.StringIO()

    call_command("add_totp_device", "admin", stdout=out)

    device = TOTPDevice.objects.get(user=admin_user)
    assert device.confirmed
    assert device.config_url in out.getvalue()
    assert "█" in out.getvalue() or "▀" in out.getvalue()


def test_add_totp_device_refuses_unknown_and_non_staff_users(django_user_model):
    django_user_model.objects.create_user("reader", password="long-enough-password")

    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("add_totp_device", "nobody")
    with pytest.raises(CommandError, match="not staff"):
        call_command("add_totp_device", "reader")


def test_totp_device_admin_config_page_needs_nothing_inline(staff_client, device):
    url = reverse("admin:otp_totp_totpdevice_config", args=[device.pk])

    response = staff_client.get(url)

    assert response.status_code == 200
    assert unsafe_parts(response.content.decode()) == []
