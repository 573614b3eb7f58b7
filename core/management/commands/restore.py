from django.core.management.base import BaseCommand

from core.infrastructure.backups import restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup written by `backup` into an empty, migrated database and the file "
        "storage; --force deletes every row of a database that is not empty first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup, a .tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete everything in a database that is not empty, then restore",
        )

    def handle(self, *args, **options):
        manifest = restore_backup(options["file"], force=options["force"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {options['file']} (made {manifest['created']}): "
                f"{sum(manifest['rows'].values())} rows, {len(manifest['files'])} files."
            )
        )
