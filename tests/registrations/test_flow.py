"""A delegate registers, confirms from the e-mail and cancels from the e-mail; the mail goes
over real SMTP to a server the test starts on loopback."""

import urllib.parse

import pytest
from django.urls import reverse

from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.editorial import login_as
from tests.registrations.conftest import deliver, form_data, link, open_workshop

pytestmark = pytest.mark.django_db


def _register_url(registration_settings, language=None):
    path = reverse(
        "registrations:register",
        kwargs={
            "series_slug": registration_settings.workshop.series.slug,
            "slug": registration_settings.workshop.slug,
        },
    )
    return f"/{language}{path}" if language else path


def _path(url):
    return urllib.parse.urlsplit(url).path


def test_register_confirm_and_cancel_by_the_links_in_the_e_mails(client, smtp):
    registration_settings = open_workshop(capacity=10)

    response = client.post(_register_url(registration_settings), form_data())
    assert response.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.PENDING
    assert smtp.messages == []  # the page does not wait on the mail server
    assert deliver() == (1, 0)
    [request_mail] = smtp.to("amina@example.org")
    assert "Confirm your registration" in request_mail["Subject"]

    confirm_path = _path(link(request_mail, "confirm"))
    page = client.get(confirm_path)
    assert "Confirm my registration" in page.content.decode()
    done = client.post(confirm_path)
    assert "You are registered" in done.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    deliver()
    confirmed_mail = smtp.to("amina@example.org")[1]
    [attachment] = list(confirmed_mail.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert "BEGIN:VEVENT" in str(attachment.get_content())

    again = client.post(confirm_path)
    assert "This link has been used" in again.content.decode()

    manage_path = _path(link(confirmed_mail, "manage"))
    cancelled = client.post(manage_path, {"action": "cancel"})
    assert "Your registration is cancelled" in cancelled.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    deliver()
    assert "cancelled" in smtp.to("amina@example.org")[2]["Subject"]


def test_every_e_mail_is_in_the_language_the_delegate_used(client, smtp):
    registration_settings = open_workshop()

    client.post(_register_url(registration_settings, "fr"), form_data())
    deliver()

    [message] = smtp.messages
    assert message[1]["Subject"].startswith("Confirmez votre inscription")
    assert "/fr/registration/confirm/" in link(message[1], "confirm")


def test_registering_twice_shows_the_same_page_and_e_mails_the_rest(client, smtp):
    registration_settings = open_workshop()

    first = client.post(_register_url(registration_settings), form_data())
    second = client.post(_register_url(registration_settings), form_data(email="AMINA@example.org"))
    deliver()

    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    subjects = [message["Subject"] for message in smtp.to("amina@example.org")]
    assert subjects[0].startswith("Confirm your registration")
    assert smtp.messages[1][1]["Subject"].startswith("You are already registered")


def test_bad_input_lists_each_error_at_the_top_linking_to_its_field(client):
    registration_settings = open_workshop()

    response = client.post(
        _register_url(registration_settings), form_data(email="not-an-address", consent="")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert '<a href="#id_email">Enter an e-mail address like name@example.org</a>' in html
    assert '<a href="#id_consent">Tick the box to agree' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert Registration.objects.count() == 0


def test_the_honeypot_stores_nothing_and_says_the_same(client, smtp):
    registration_settings = open_workshop()

    response = client.post(_register_url(registration_settings), form_data(website="http://x"))
    deliver()

    assert response.status_code == 302
    assert Registration.objects.count() == 0
    assert smtp.messages == []


def test_too_many_registrations_from_one_address_are_refused_clearly(client, settings):
    settings.REGISTRATION_RATE_PER_ADDRESS = "2/h"
    registration_settings = open_workshop()

    for number in range(2):
        client.post(_register_url(registration_settings), form_data(email=f"d{number}@example.org"))
    refused = client.post(_register_url(registration_settings), form_data(email="d9@example.org"))

    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert Registration.objects.count() == 2


def test_too_many_registrations_for_one_e_mail_address_are_refused(client, settings):
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    registration_settings = open_workshop()

    for _number in range(2):
        client.post(_register_url(registration_settings), form_data())
    refused = client.post(_register_url(registration_settings), form_data())

    assert refused.status_code == 429


def test_drafts_and_past_workshops_take_no_registration(client):
    registration_settings = open_workshop()
    workshop = registration_settings.workshop
    workshop.status = "draft"
    workshop.save()

    assert client.get(_register_url(registration_settings)).status_code == 404

    workshop.status = "published"
    workshop.start_date = workshop.start_date.replace(year=2005)
    workshop.save()
    page = client.get(_register_url(registration_settings))
    assert "Registration for this workshop is closed." in page.content.decode()
    assert client.post(_register_url(registration_settings), form_data()).status_code == 200
    assert Registration.objects.count() == 0


def test_a_tampered_or_expired_confirmation_link_is_refused(client, settings, smtp):
    registration_settings = open_workshop()
    client.post(_register_url(registration_settings), form_data())
    deliver()
    confirm_path = _path(link(smtp.messages[0][1], "confirm"))

    assert client.get(confirm_path[:-3] + "xx/").status_code == 404
    settings.REGISTRATION_CONFIRM_HOURS = -1
    expired = client.post(confirm_path)
    assert expired.status_code == 404
    assert "This link has expired" in expired.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_the_workshop_page_says_until_when_registration_is_open(client, settings):
    registration_settings = open_workshop()

    html = client.get(registration_settings.workshop.get_absolute_url()).content.decode()

    assert "Registration is open until" in html
    # The site's time zone, named (New York by default), in which staff entered the time.
    city = settings.TIME_ZONE.rsplit("/", 1)[-1].replace("_", " ")
    assert f"({city} time)." in html
    assert "seats left" not in html


@pytest.mark.parametrize(
    ("language", "senegal"),
    [
        ("ar", "السنغال"),
        ("zh-hans", "塞内加尔"),
        ("fr", "Sénégal"),
        ("ru", "Сенегал"),
        ("es", "Senegal"),
    ],
)
def test_the_form_names_the_countries_in_the_reader_s_language(client, language, senegal):
    registration_settings = open_workshop()

    html = client.get(_register_url(registration_settings, language)).content.decode()

    assert f'<option value="SN">{senegal}</option>' in html
    assert html.count("<option value=") == 249 + 1  # ISO 3166-1, and "choose a country"


def test_more_seats_move_the_waiting_list_up_in_order(
    client, smtp, django_capture_on_commit_callbacks
):
    registration_settings = open_workshop(capacity=1)
    for number in range(3):
        outcome = services.register(
            registration_settings,
            {"name": f"Delegate {number}", "email": f"w{number}@example.org", "country": "SN"},
            "en",
            lambda path: f"http://testserver{path}",
        )
        services.confirm(outcome.registration.token, lambda path: f"http://testserver{path}")
    login_as(client, "registrar")
    change = reverse(
        "admin:registrations_registrationsettings_change", args=[registration_settings.pk]
    )
    data = {
        "workshop": registration_settings.workshop.pk,
        "is_enabled": "on",
        "opens_at_0": registration_settings.opens_at.strftime("%Y-%m-%d"),
        "opens_at_1": "00:00:00",
        "closes_at_0": registration_settings.closes_at.strftime("%Y-%m-%d"),
        "closes_at_1": "23:00:00",
        "capacity": "2",
        "waiting_list": "on",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
    }

    with django_capture_on_commit_callbacks(execute=True):  # the promotion runs on commit
        response = client.post(change, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "w0@example.org": RegistrationStatus.CONFIRMED,
        "w1@example.org": RegistrationStatus.CONFIRMED,  # first in the queue
        "w2@example.org": RegistrationStatus.WAITING,
    }
    deliver()
    assert smtp.to("w1@example.org")[-1]["Subject"].startswith("A seat is yours")


@pytest.mark.parametrize("questions", [1, 12])
def test_the_form_runs_the_same_queries_whatever_the_number_of_questions(
    client, django_assert_num_queries, questions
):
    registration_settings = open_workshop(capacity=40)
    for number in range(questions):
        registration_settings.questions.create(label=f"Question {number}")

    # The settings with their workshop and series, the questions, the count of seats taken.
    with django_assert_num_queries(3):
        response = client.get(_register_url(registration_settings))

    assert response.status_code == 200
    assert response.content.decode().count('name="question_') == questions
