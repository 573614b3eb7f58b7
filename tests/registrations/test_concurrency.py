"""Capacity holds whatever arrives at once: 200 delegates confirm at the same moment, each in
a thread with its own database connection, for 50 seats with a waiting list. PostgreSQL
only: SQLite lets one writer in at a time, so there is no race to lose there."""

import threading

import pytest
from django.db import connection, connections

from registrations import services
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.registrations.conftest import open_workshop

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks under concurrency: PostgreSQL"
    ),
]

DELEGATES = 200
SEATS = 50


def _absolute(path):
    return f"http://testserver{path}"


def _at_once(count, work):
    """Runs work(n) in `count` threads released together; the errors they raised."""
    barrier = threading.Barrier(count)
    errors = []

    def run(number):
        try:
            barrier.wait(timeout=60)
            work(number)
        except Exception as error:  # every error counts as a failure of the test
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


def _register_and_confirm(registration_settings):
    def work(number):
        outcome = services.register(
            registration_settings,
            {
                "name": f"Delegate {number}",
                "email": f"delegate{number}@example.org",
                "organization": "Permanent Mission",
                "country": "GH",
            },
            "en",
            _absolute,
        )
        services.confirm(outcome.registration.token, _absolute)

    return work


def test_200_simultaneous_confirmations_fill_50_seats_and_queue_the_rest_in_order():
    registration_settings = open_workshop(capacity=SEATS, waiting_list=True)

    errors = _at_once(DELEGATES, _register_and_confirm(registration_settings))

    assert errors == []
    registrations = list(Registration.objects.order_by("position"))
    positions = [r.position for r in registrations]
    assert positions == list(range(1, DELEGATES + 1))  # no duplicate, no gap
    assert [r.status for r in registrations] == (
        [RegistrationStatus.CONFIRMED] * SEATS + [RegistrationStatus.WAITING] * (DELEGATES - SEATS)
    )
    # Arrival order: places were handed out in the order confirmations took the lock.
    times = [r.confirmed_at for r in registrations]
    assert times == sorted(times)
    assert len({r.email for r in registrations}) == DELEGATES


def test_simultaneous_cancellations_promote_the_waiting_list_in_order():
    registration_settings = open_workshop(capacity=SEATS, waiting_list=True)
    assert _at_once(DELEGATES, _register_and_confirm(registration_settings)) == []
    leaving = list(Registration.objects.filter(status=RegistrationStatus.CONFIRMED)[:20])

    errors = _at_once(len(leaving), lambda n: services.cancel(leaving[n], _absolute))

    assert errors == []
    confirmed = Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING).order_by("position")
    assert confirmed.count() == SEATS
    promoted = sorted(confirmed.filter(position__gt=SEATS).values_list("position", flat=True))
    assert promoted == list(range(SEATS + 1, SEATS + 21))  # the first twenty who waited
    assert [r.position for r in waiting][:1] == [SEATS + 21]
    assert waiting.count() == DELEGATES - SEATS - 20
