"""Mail waits in the database and the worker sends it: a mail server that goes away loses
nothing, and once it is back every e-mail arrives exactly once."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone
from post_office.models import STATUS, Email

from registrations import services
from registrations.management.commands.send_mail_worker import retry_delay, send_due
from tests.registrations.conftest import open_workshop

pytestmark = pytest.mark.django_db


def _absolute(path):
    return f"http://testserver{path}"


def _register(registration_settings, number):
    return services.register(
        registration_settings,
        {"name": f"Delegate {number}", "email": f"d{number}@example.org", "country": "GH"},
        "en",
        _absolute,
    )


def test_mail_queued_while_the_server_is_down_goes_out_once_it_is_back(smtp, settings, caplog):
    settings.MAIL_RETRY_SECONDS = 30
    registration_settings = open_workshop()
    _register(registration_settings, 1)
    assert send_due() == (1, 0)
    smtp.stop()  # the mail server goes away mid-run
    _register(registration_settings, 2)
    _register(registration_settings, 3)

    with caplog.at_level(logging.WARNING):
        assert send_due() == (0, 2)

    waiting = Email.objects.filter(status=STATUS.requeued)
    assert waiting.count() == 2
    assert all(email.number_of_retries == 1 for email in waiting)
    assert send_due() == (0, 0)  # not due again before its backoff is over
    # The log says which e-mail failed and why, never to whom (the test's own SMTP server,
    # aiosmtpd's "mail.log", does log addresses).
    site_log = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    assert site_log
    assert not any("@example.org" in line for line in site_log)
    smtp.start()  # back, on the same port
    later = timezone.now() + datetime.timedelta(seconds=31)
    assert send_due(now=later) == (2, 0)
    assert send_due(now=later) == (0, 0)
    recipients = sorted(rcpt for rcpts, _message in smtp.messages for rcpt in rcpts)
    assert recipients == ["d1@example.org", "d2@example.org", "d3@example.org"]
    assert Email.objects.filter(status=STATUS.sent).count() == 3


def test_retries_wait_twice_as_long_each_time_up_to_a_limit(settings):
    settings.MAIL_RETRY_SECONDS = 60

    waits = [retry_delay(tries).total_seconds() for tries in (1, 2, 3, 4)]

    assert waits == [60, 120, 240, 480]
    assert retry_delay(40) == datetime.timedelta(hours=6)


def test_an_e_mail_is_given_up_after_the_last_try(settings, smtp):
    settings.MAIL_MAX_RETRIES = 1
    registration_settings = open_workshop()
    _register(registration_settings, 1)
    smtp.stop()

    send_due()
    send_due(now=timezone.now() + datetime.timedelta(days=1))

    assert Email.objects.get().status == STATUS.failed
    smtp.start()


def test_the_worker_command_sends_the_queue_once(smtp):
    registration_settings = open_workshop()
    _register(registration_settings, 1)

    call_command("send_mail_worker", "--once")
    call_command("send_mail_worker", "--once")

    assert len(smtp.messages) == 1
