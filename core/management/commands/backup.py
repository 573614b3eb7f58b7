import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from core.infrastructure.backups import write_backup


class Command(BaseCommand):
    help = (
        "Writes a complete backup, every database row (with natural keys) and every uploaded "
        "file, to one .tar.gz file, by default backups/backup-<UTC time>.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="file to write (default: a timestamped file in backups/)"
        )

    def handle(self, *args, **options):
        output = options["output"] or (
            settings.BASE_DIR
            / "backups"
            / f"backup-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}.tar.gz"
        )
        manifest = write_backup(output)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {sum(manifest['rows'].values())} rows, "
                f"{len(manifest['files'])} files."
            )
        )
