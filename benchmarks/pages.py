"""The benchmark's helper inside Django, run by benchmarks/run.py with the app server's
environment (a separate process, so that run.py itself needs no database settings):

    python benchmarks/pages.py pick NAME STATIC_DIR [URLS] # the pages to measure, and twins
    python benchmarks/pages.py profile URL OUT SECONDS  # pyinstrument, SECONDS of requests

`pick` chooses the largest of each page type (the published series with the most public
workshops; its richest workshop; the organization in the most workshops), or takes the
URLs given as JSON ({"summary": "/series/…/", …}), renders each
once through Django's test client, the whole middleware stack included, and writes the
response's bytes to STATIC_DIR/bench/NAME-<page>.<ext>: a static file of exactly the
same size, for whitenoise to serve beside it. Prints the pages as JSON.
"""

import json
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from organizations.models import Organization  # noqa: E402
from publishing.rules import public_q, published_q  # noqa: E402
from series.models import Series  # noqa: E402
from workshops.models import Workshop  # noqa: E402

HOST = "127.0.0.1"
# The page types, in its order, with the extension of their static twin.
PAGE_TYPES = [
    ("summary", "summary report", "html"),
    ("schedule", "schedule", "html"),
    ("workshop", "workshop", "html"),
    ("organization", "organization", "html"),
    ("feed", "feed", "xml"),
    ("calendar", "calendar", "ics"),
    ("json", "JSON", "json"),
]


def largest():
    series = (
        Series.objects.published()
        .annotate(size=Count("workshops", filter=published_q("workshops__")))
        .order_by("-size", "pk")
        .first()
    )
    workshop = (
        series.workshops.published()
        .annotate(
            size=Count("participations", distinct=True)
            + Count("documents", distinct=True)
            + Count("partner_roles", distinct=True)
        )
        .order_by("-size", "number")
        .first()
    )
    organization = (
        Organization.objects.annotate(
            size=Count(
                "workshop_roles",
                filter=public_q(Workshop, "workshop_roles__workshop__"),
            )
        )
        .order_by("-size", "pk")
        .first()
    )
    return series, workshop, organization


def urls():
    series, workshop, organization = largest()
    return {
        "summary": reverse("series:detail", kwargs={"slug": series.slug}),
        "schedule": reverse("series:schedule", kwargs={"slug": series.slug}),
        "workshop": workshop.get_absolute_url(),
        "organization": organization.get_absolute_url(),
        "feed": reverse("series:feed", kwargs={"slug": series.slug}),
        "calendar": reverse("calendars:series", kwargs={"series_slug": series.slug}),
        "json": reverse("series:json", kwargs={"slug": series.slug}),
    }


def pick(name, static_dir, given=None):
    client = Client(HTTP_HOST=HOST)
    folder = pathlib.Path(static_dir) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    found = json.loads(given) if given else urls()
    for key, label, extension in PAGE_TYPES:
        response = client.get(found[key])
        if response.status_code != 200:
            raise SystemExit(f"{found[key]} answered {response.status_code}, not 200")
        content = b"".join(response) if response.streaming else response.content
        twin = folder / f"{name}-{key}.{extension}"
        twin.write_bytes(content)
        pages.append(
            {
                "key": key,
                "label": label,
                "url": found[key],
                "bytes": len(content),
                "static_url": f"/static/bench/{twin.name}",
            }
        )
    print(json.dumps(pages))


def profile(url, out, seconds):
    """Requests `url` for about `seconds` (at least twice) under pyinstrument."""
    from pyinstrument import Profiler

    client = Client(HTTP_HOST=HOST)
    client.get(url)  # first request: templates, URL resolver, connection
    profiler = Profiler(interval=0.001)
    profiler.start()
    started, count = time.monotonic(), 0
    while count < 2 or time.monotonic() - started < seconds:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        count += 1
    profiler.stop()
    print(f"{count} requests")
    pathlib.Path(out + ".txt").write_text(
        profiler.output_text(unicode=True, color=False, show_all=False)
    )
    pathlib.Path(out + ".html").write_text(profiler.output_html())


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "pick":
        pick(*arguments)
    elif command == "profile":
        profile(arguments[0], arguments[1], float(arguments[2]))
    else:
        raise SystemExit(__doc__)
