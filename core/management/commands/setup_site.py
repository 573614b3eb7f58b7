import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

FIXTURE = "key_migration_issues"
LOCAL_ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "First-run setup, safe to repeat: loads the shipped series when the database has none "
        "and, with DEBUG on, creates a local admin account and prints its password once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="The local server's port, for the sign-in address.",
        )

    def handle(self, *args, **options):
        self.port = options["port"]
        with transaction.atomic():
            self.load_series()
            self.create_local_admin()

    def load_series(self):
        # Looked up by name: core sits below the apps and imports none of them.
        Series = apps.get_model("series", "Series")
        # Only into an empty site: loading again would overwrite what staff have edited.
        count = Series.objects.count()
        if count:
            self.stdout.write(f"Site data already loaded ({count} series); nothing loaded.")
            return
        # Found in FIXTURE_DIRS (fixtures/), checked record by record.
        call_command("load_content", FIXTURE, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {Series.objects.count()} series from fixtures/{FIXTURE}.json."
            )
        )

    def create_local_admin(self):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists; none created.")
            return
        if not settings.DEBUG:
            # A generated password printed to a production log is a leaked password.
            self.stdout.write(
                "No admin account yet. DEBUG is off, so none is generated: "
                "run `python manage.py createsuperuser`."
            )
            return
        if User.objects.filter(username=LOCAL_ADMIN_USERNAME).exists():
            self.stdout.write(
                self.style.WARNING(
                    f"A user named {LOCAL_ADMIN_USERNAME!r} exists but is no superuser; "
                    "run `python manage.py createsuperuser` with another name."
                )
            )
            return
        password = secrets.token_urlsafe(16)
        User.objects.create_superuser(username=LOCAL_ADMIN_USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS("Created a local admin account. Its password is shown only once:")
        )
        self.stdout.write(f"    username: {LOCAL_ADMIN_USERNAME}")
        self.stdout.write(f"    password: {password}")
        self.stdout.write(f"    sign in at http://127.0.0.1:{self.port}/{settings.ADMIN_URL}")
