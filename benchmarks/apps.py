from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """Holds the benchmark's data generator (`generate_bench_data`); no models, no URLs.

    An installed app only because Django finds management commands in installed apps.
    It sits at the top of the import order beside `search`: it imports the content apps
    and nothing imports it."""

    name = "benchmarks"
    verbose_name = _("Benchmarks")
