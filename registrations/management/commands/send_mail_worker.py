"""Sends the queued e-mails (django-post-office's queue), for ever or once.

    manage.py send_mail_worker          # runs until stopped, as a service next to gunicorn
    manage.py send_mail_worker --once   # sends what is due, then exits (cron, tests)

Several workers, on one server or many, may run at once: each takes the e-mails it sends
with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, so no e-mail is sent twice, and an
e-mail is marked sent in the same transaction. A failed e-mail is retried after
MAIL_RETRY_SECONDS, then after twice that, four times…, and given up after
MAIL_MAX_RETRIES tries (it stays in the admin's queue, marked failed, with its log).

We use django-post-office for the queue, its admin and its log, but not its own sender
(`send_queued_mail`): that one retries at a fixed interval and keeps several workers apart
only with a lock file, which does not reach another server.
"""

import datetime
import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone
from post_office.connections import connections
from post_office.models import STATUS, Email, Log

logger = logging.getLogger("registrations.mail")
BATCH = 50
# The longest wait between two tries of one e-mail, whatever the number of tries.
LONGEST_WAIT = datetime.timedelta(hours=6)


def retry_delay(tries):
    """After the n-th failed try: MAIL_RETRY_SECONDS × 2^(n-1), at most LONGEST_WAIT."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(0, tries - 1)
    return min(datetime.timedelta(seconds=seconds), LONGEST_WAIT)


def due(now):
    return Email.objects.filter(
        Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        status__in=[STATUS.queued, STATUS.requeued],
    )


def send_due(now=None):
    """Sends what is due now, one transaction per e-mail; (sent, failed) counts."""
    sent = failed = 0
    fixed_now = now
    tried = []  # one try per e-mail per pass, whatever its retry wait
    while True:
        now = fixed_now or timezone.now()
        with transaction.atomic():
            email = (
                due(now)
                .exclude(pk__in=tried)
                .select_for_update(skip_locked=True)
                .order_by("-priority", "created")
                .first()
            )
            if email is None:
                break
            tried.append(email.pk)
            if send_one(email, now):
                sent += 1
            else:
                failed += 1
    connections.close()
    return sent, failed


def send_one(email, now):
    try:
        email.dispatch(commit=False, disconnect_after_delivery=False)
    except Exception as error:  # whatever the mail server or the network did
        tries = (email.number_of_retries or 0) + 1
        email.number_of_retries = tries
        if tries > settings.MAIL_MAX_RETRIES:
            email.status = STATUS.failed
        else:
            email.status = STATUS.requeued
            email.scheduled_time = now + retry_delay(tries)
        email.save(update_fields=["status", "number_of_retries", "scheduled_time", "last_updated"])
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message=str(error),
            exception_type=type(error).__name__,
        )
        # The e-mail's number and the kind of error: no address, which is personal data.
        logger.warning("E-mail %s not sent (%s), try %s", email.pk, type(error).__name__, tries)
        # The server may have dropped the connection: open a new one for the next e-mail.
        connections.close()
        return False
    email.status = STATUS.sent
    email.save(update_fields=["status", "last_updated"])
    Log.objects.create(email=email, status=STATUS.sent, message="")
    return True


class Command(BaseCommand):
    help = "Sends the queued e-mails, retrying failures with growing waits."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due, then exit.")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds between two looks at the queue."
        )

    def handle(self, once=False, interval=2.0, **options):
        stopping = []
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *args: stopping.append(True))
        while True:
            try:
                sent, failed = send_due()
            except DatabaseError:
                # The database is away (a restart, a failover): wait, then try again.
                logger.warning("Mail queue unreachable; trying again")
                close_old_connections()
                sent = failed = 0
                if once:
                    raise
            if sent or failed:
                logger.info("Mail queue: %s sent, %s failed", sent, failed)
            if once or stopping:
                return
            close_old_connections()
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)
            if stopping:
                return
