import pytest

URL = "/.well-known/security.txt"


def test_security_txt_names_contact_and_expiry_from_settings(client, settings):
    settings.SECURITY_CONTACT = "security@unitar.org"
    settings.SECURITY_TXT_EXPIRES = "2027-06-30"

    response = client.get(URL, secure=True)

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Contact: mailto:security@unitar.org\n"
        "Expires: 2027-06-30T23:59:59Z\n"
        "Preferred-Languages: en\n"
        "Canonical: https://testserver/.well-known/security.txt\n"
    )


def test_security_txt_keeps_a_web_address_contact(client, settings):
    settings.SECURITY_CONTACT = "https://unitar.org/report-a-vulnerability"
    settings.SECURITY_TXT_EXPIRES = "2027-01-01T12:00:00+01:00"

    lines = client.get(URL).content.decode().splitlines()

    assert lines[:2] == [
        "Contact: https://unitar.org/report-a-vulnerability",
        "Expires: 2027-01-01T11:00:00Z",
    ]


@pytest.mark.parametrize(
    ("contact", "expires"),
    [("", ""), ("security@unitar.org", ""), ("", "2027-06-30"), ("a@b.org", "June 2027")],
)
def test_security_txt_without_settings_in_production_is_404(client, settings, contact, expires):
    settings.SECURITY_CONTACT = contact
    settings.SECURITY_TXT_EXPIRES = expires

    response = client.get(URL)

    assert response.status_code == 404


def test_security_txt_in_debug_has_a_local_contact_and_near_expiry(client, settings):
    settings.DEBUG = True
    settings.SECURITY_CONTACT = ""
    settings.SECURITY_TXT_EXPIRES = ""

    text = client.get(URL).content.decode()

    assert text.startswith("Contact: mailto:security@localhost\nExpires: 20")
