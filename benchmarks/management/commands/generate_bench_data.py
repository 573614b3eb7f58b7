import time

from django.core.management.base import BaseCommand, CommandError

from organizations.models import Organization
from series.models import Series
from workshops.models import Workshop


class Command(BaseCommand):
    help = (
        "Fills the database with a large made-up data set for `make bench`: at --scale 1, "
        "100 series, 5,000 workshops, 1,000 organizations and 2,000 people, the same for the "
        "same --seed. Refuses a database that already has content unless --allow-existing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (1).")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 is the size above; 0.1 a tenth of it."
        )
        parser.add_argument(
            "--allow-existing",
            action="store_true",
            help="Add to a database that has content (the benchmark adds to the shipped "
            "series). Never on a real site: the made-up series are published.",
        )

    def handle(self, *args, seed, scale, allow_existing, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        existing = {
            "series": Series.objects.count(),
            "workshops": Workshop.objects.count(),
            "organizations": Organization.objects.count(),
        }
        if any(existing.values()) and not allow_existing:
            found = ", ".join(f"{count} {name}" for name, count in existing.items())
            raise CommandError(
                f"This database already has content ({found}). The generator publishes "
                "made-up series: run it on an empty database, or pass --allow-existing if "
                "this one is a throwaway."
            )
        try:
            # factory-boy is a development dependency (requirements-dev.txt): a production
            # install has no use for made-up data and does not have it.
            from benchmarks.data import generate
        except ImportError as error:
            raise CommandError(
                f"{error}. The generator needs the development dependencies: "
                "pip install -r requirements-dev.txt (make venv installs them)."
            ) from error
        started = time.monotonic()
        made = generate(seed, scale, log=lambda line: self.stdout.write(f"  {line}"))
        summary = ", ".join(f"{count} {label}" for label, count in made.items())
        self.stdout.write(
            self.style.SUCCESS(f"Generated in {time.monotonic() - started:.1f} s: {summary}.")
        )
