"""Removes delegates' personal data REGISTRATION_RETENTION_DAYS after their workshop ended.

Run it daily from a scheduler (cron, a systemd timer, the platform's scheduled job):

    0 3 * * *  cd /srv/workshops && .venv/bin/python manage.py purge_registrations

Each registration keeps its status, arrival and attendance, so the counts stay; the name,
e-mail address, organization, title, accessibility needs and answers go, with the e-mails
sent to those addresses. Running it twice removes nothing more.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from registrations import services
from registrations.models import Registration


class Command(BaseCommand):
    help = "Removes personal data of registrations once their retention period is over."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many, and remove nothing."
        )

    def handle(self, dry_run=False, **options):
        last_kept_day = timezone.localdate() - datetime.timedelta(
            days=settings.REGISTRATION_RETENTION_DAYS
        )
        due = (
            Registration.objects.filter(erased_at__isnull=True)
            .annotate(last_day=Coalesce(F("workshop__end_date"), F("workshop__start_date")))
            .filter(last_day__lt=last_kept_day)
        )
        count = due.count()
        if not dry_run:
            for registration in due.iterator():
                services.erase(registration)
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(
            f"Registrations: {verb} the personal data of {count} registration(s) of workshops "
            f"that ended before {last_kept_day.isoformat()}."
        )
