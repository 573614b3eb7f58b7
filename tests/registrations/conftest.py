import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from registrations.management.commands.send_mail_worker import send_due
from registrations.models import RegistrationSettings
from tests.factories import WorkshopFactory
from tests.registrations.smtp import SmtpServer


@pytest.fixture
def smtp(settings):
    """The site sends its mail over SMTP to a server on loopback, as in production."""
    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": settings.EMAIL_BACKEND}}
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def attachments_in_a_temporary_folder(settings, tmp_path):
    # The .ics attached to a confirmation is stored (django-post-office) until it is sent.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def no_rate_limit_left_over():
    # django-ratelimit counts in the cache; every test starts with none counted.
    cache.clear()


def open_workshop(**settings_fields):
    today = timezone.localdate()
    workshop = WorkshopFactory(
        start_date=today + datetime.timedelta(days=30), venue="Conference Room 1"
    )
    now = timezone.now()
    registration_settings = RegistrationSettings.objects.create(
        workshop=workshop,
        is_enabled=True,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=20),
        **settings_fields,
    )
    return registration_settings


def deliver():
    """What the worker does: sends every e-mail due."""
    return send_due()


def link(message, name):
    """The first link of the e-mail to the page `name` ("confirm" or the manage page)."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    pattern = r"https?://\S+/registration/confirm/\S+/" if name == "confirm" else None
    if pattern is None:
        pattern = r"https?://\S+/registration/(?!confirm/)\S+/"
    return re.search(pattern, body).group(0)


def form_data(**changes):
    data = {
        "name": "Amina Diallo",
        "email": "amina@example.org",
        "organization": "Permanent Mission of Senegal",
        "country": "SN",
        "job_title": "First Secretary",
        "accessibility_needs": "",
        "consent": "on",
        "website": "",
    }
    return {**data, **changes}
