"""Personal data stays with staff who may see it: never in anonymous pages, feeds, the
open-data JSON, calendars, the page cache or the logs; removed after the retention period or
at the delegate's request, leaving the counts."""

import datetime
import json
import logging
import pickle
import urllib.parse

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.registrations.conftest import deliver, form_data, link, open_workshop

pytestmark = pytest.mark.django_db

NAME = "Zyxwvut Qoppa"
EMAIL = "zyxwvut.qoppa@example.org"


def _register_url(workshop):
    return reverse(
        "registrations:register",
        kwargs={"series_slug": workshop.series.slug, "slug": workshop.slug},
    )


def _public_pages(workshop):
    series = workshop.series.slug
    return [
        reverse("home"),
        reverse("series:list"),
        reverse("series:detail", args=[series]),
        reverse("series:schedule", args=[series]),
        reverse("series:feed", args=[series]),
        reverse("series:json", args=[series]),
        reverse("calendars:series", args=[series]),
        reverse("calendars:workshop", args=[series, workshop.slug]),
        workshop.get_absolute_url(),
        reverse("sitemap"),
        reverse("registrations:privacy"),
        _register_url(workshop),
    ]


def _register_and_confirm(client, smtp, workshop):
    client.post(_register_url(workshop), form_data(name=NAME, email=EMAIL, job_title=NAME))
    deliver()
    confirm = urllib.parse.urlsplit(link(smtp.messages[-1][1], "confirm")).path
    client.post(confirm)
    deliver()
    return Registration.objects.get(email=EMAIL)


def test_personal_data_never_reaches_anonymous_pages_feeds_json_or_the_cache(client, smtp):
    workshop = open_workshop().workshop
    _register_and_confirm(client, smtp, workshop)
    client.cookies.clear()

    responses = {path: client.get(path) for path in _public_pages(workshop)}

    search = client.get(reverse("search:results"), {"q": "Qoppa"}).content.decode()

    for path, response in responses.items():
        assert response.status_code == 200, path
        body = response.content.decode()
        assert NAME not in body, path
        assert EMAIL not in body, path
    assert "Nothing published matches" in search
    stored = pickle.dumps(dict(caches["default"]._cache))
    assert EMAIL.encode() not in stored
    assert NAME.encode() not in stored


def test_registering_never_invalidates_the_page_cache(client, smtp):
    workshop = open_workshop(capacity=5).workshop
    assert client.get(workshop.get_absolute_url())["X-Page-Cache"] == "miss"

    _register_and_confirm(client, smtp, workshop)
    client.cookies.clear()
    registration = Registration.objects.get()
    client.post(registration.manage_url(), {"action": "cancel"})
    client.cookies.clear()

    assert client.get(workshop.get_absolute_url())["X-Page-Cache"] == "hit"
    # The live count is on the registration page, never cached.
    register_page = client.get(_register_url(workshop))
    assert "5 seats left." in register_page.content.decode()
    assert "no-cache" in register_page["Cache-Control"]


def test_the_logs_carry_no_personal_data(client, smtp, caplog):
    workshop = open_workshop().workshop

    with caplog.at_level(logging.DEBUG):
        registration = _register_and_confirm(client, smtp, workshop)
        client.post(registration.manage_url(), {"action": "cancel"})
        deliver()

    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # the test server's
    text = "\n".join(record.getMessage() for record in ours)
    assert text  # requests were logged
    assert EMAIL not in text
    assert NAME not in text


def test_a_delegate_downloads_and_deletes_their_data_from_the_e_mail_link(client, smtp):
    registration_settings = open_workshop(capacity=1)
    workshop = registration_settings.workshop
    registration = _register_and_confirm(client, smtp, workshop)
    manage = urllib.parse.urlsplit(link(smtp.messages[-1][1], "manage")).path

    data = json.loads(client.get(manage + "?download=json").content)
    erased = client.post(manage, {"action": "erase"})

    assert data["email"] == EMAIL
    assert data["name"] == NAME
    assert "Your data is deleted" in erased.content.decode()
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.job_title) == ("", "", "")
    assert registration.status == RegistrationStatus.CANCELLED  # the seat is free again
    assert not Email.objects.filter(to__icontains=EMAIL).exists()
    assert client.get(manage).status_code == 404


def test_retention_removes_personal_data_after_the_period_and_keeps_the_counts(
    client, smtp, settings
):
    settings.REGISTRATION_RETENTION_DAYS = 90
    workshop = open_workshop().workshop
    _register_and_confirm(client, smtp, workshop)
    Registration.objects.filter(pk=Registration.objects.get().pk).update(attended=True)

    workshop.start_date = timezone.localdate() - datetime.timedelta(days=90)
    workshop.save()
    call_command("purge_registrations")
    assert Registration.objects.get().email == EMAIL  # the 90th day is still kept

    workshop.start_date = timezone.localdate() - datetime.timedelta(days=91)
    workshop.save()
    call_command("purge_registrations")

    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.organization) == ("", "", "")
    assert registration.erased_at is not None
    counts = Registration.objects.filter(workshop=workshop).counts()
    assert (counts["confirmed"], counts["attended"]) == (1, 1)
    assert not Email.objects.filter(to__icontains=EMAIL).exists()
