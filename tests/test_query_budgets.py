"""Every public page, feed, calendar and JSON view runs a fixed number of queries.

One site is built at the size of the shipped series (7 workshops, 9 organizations, …) and
at 30 times that size, spread so that each measured page has 30 times the rows to show;
every public URL must run exactly the queries in QUERIES at both sizes, and QUERIES must
stay within the issue's BUDGETS. docs/architecture.md says what each query is for.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.pagination import ORGANIZATIONS_PER_PAGE, WORKSHOPS_PER_PAGE
from organizations.selectors import organizations_for_reader
from tests.factories import (
    DocumentFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RelatedLinkFactory,
    SeriesFactory,
    SeriesOrganizerFactory,
    WorkshopFactory,
    WorkshopPartnerFactory,
)

pytestmark = pytest.mark.django_db

# The issue's ceilings; a page without one must still not grow with the data.
BUDGETS = {
    "home": 6,
    "site schedule": 6,
    "summary report": 6,
    "schedule": 6,
    "workshop": 6,
    "organization list": 5,
    "organization": 5,
}

# What each page runs today, exactly: a change here is a decision, not an accident.
QUERIES = {
    "home": 4,  # upcoming workshops with their series, their partners, series, organizers
    "site schedule": 6,  # the filters' series, years, organizations; a count, the page,
    # the page's partners
    "site schedule, page 2": 6,
    "site schedule, one series": 6,
    "site calendar": 2,  # workshops with their series, partners
    "site feed": 2,
    "series list": 2,  # a count and the page
    "summary report": 6,  # series, workshops, partners, organizers, links, milestones
    "schedule": 4,  # series, workshops, the page's partners, milestones
    "schedule, page 2": 4,
    "workshop": 6,  # workshop, partners, speakers, documents, organizers, both neighbours
    "organization list": 2,  # a count and the page
    "organization": 3,  # organization, its series, its workshops
    "search": 8,  # the site's words (one UNION, for "Did you mean"), series, workshops,
    # their partners, organizations, people, their workshops, their series
    "search, one kind": 5,  # the site's words, a count and the page of people, their
    # workshops, their series
    "feed": 3,  # series, workshops, partners
    "series calendar": 3,  # series, workshops, partners
    "workshop calendar": 2,  # workshop with its series, partners
    "series JSON": 8,  # series, workshops, partners, people, documents, organizers, links,
    # milestones: one per kind of row the open data holds
    "sitemap": 3,  # series, workshops, organizations (each listed once per language)
    "robots.txt": 0,
    "accessibility statement": 0,
    "summary report, in French": 6,
    "workshop, in Arabic": 6,
}


def _saved(factory, rows):
    """Build rows with a factory (its sequences and defaults) and insert them at once."""
    model = factory._meta.model
    return model.objects.bulk_create([factory.build(**row) for row in rows])


def build_site(scale):
    """The shipped series' shape times `scale`: 7 workshops (half of them upcoming), 9
    organizations, 3 organizers, 2 milestones, 1 link and 2 series per unit; the workshop
    "middle" has 2 partners, 2 speakers and 2 documents per unit; the organization
    "measured" partners every workshop. Everything is named "Migration …" for search."""
    today = timezone.localdate()
    lead = OrganizationFactory(slug="measured", name="Migration lead agency")
    organizations = _saved(
        OrganizationFactory, [{"name": f"Migration office {n}"} for n in range(9 * scale - 1)]
    )
    coordinator = PersonFactory(name="Migration coordinator")
    series = SeriesFactory(
        slug="measured", title="Migration measured", featured=True, coordinator=coordinator
    )
    other_series = _saved(
        SeriesFactory, [{"title": f"Migration series {n}"} for n in range(2 * scale - 1)]
    )

    count = 7 * scale
    workshops = _saved(
        WorkshopFactory,
        [
            {
                "series": series,
                "number": n + 1,
                "title": f"Migration workshop {n}",
                "start_date": today + datetime.timedelta(days=14 * (n - count // 2)),
            }
            for n in range(count)
        ]
        + [{"series": other, "number": 1} for other in other_series],
    )
    middle = workshops[count // 2]
    middle.slug = "middle"
    middle.save(update_fields=["slug"])

    partners = [{"workshop": w, "organization": lead} for w in workshops]
    partners += [
        {"workshop": w, "organization": organizations[n % len(organizations)]}
        for n, w in enumerate(workshops)
        if w != middle
    ]
    partners += [{"workshop": middle, "organization": o} for o in organizations[: 2 * scale - 1]]
    _saved(WorkshopPartnerFactory, partners)

    people = _saved(PersonFactory, [{"name": f"Migration expert {n}"} for n in range(2 * scale)])
    _saved(ParticipationFactory, [{"workshop": middle, "person": p} for p in people])
    _saved(DocumentFactory, [{"workshop": middle} for _ in range(2 * scale)])

    organizers = [lead, *organizations[: 3 * scale - 1]]
    _saved(SeriesOrganizerFactory, [{"series": series, "organization": o} for o in organizers])
    _saved(
        MilestoneFactory,
        [
            {"series": series, "start_date": today + datetime.timedelta(days=30 * (n - scale))}
            for n in range(2 * scale)
        ],
    )
    _saved(RelatedLinkFactory, [{"series": series} for _ in range(scale)])
    return series


def _urls():
    search = reverse("search:results")
    return {
        "home": reverse("home"),
        "site schedule": reverse("schedule"),
        "site schedule, page 2": reverse("schedule") + "?page=2",
        "site schedule, one series": reverse("schedule") + "?series=measured",
        "site calendar": reverse("calendar"),
        "site feed": reverse("feed"),
        "series list": reverse("series:list"),
        "summary report": reverse("series:detail", args=["measured"]),
        "schedule": reverse("series:schedule", args=["measured"]),
        "schedule, page 2": reverse("series:schedule", args=["measured"]) + "?page=2",
        "workshop": reverse("workshops:detail", args=["measured", "middle"]),
        "organization list": reverse("organizations:list"),
        "organization": reverse("organizations:detail", args=["measured"]),
        "search": f"{search}?q=migration",
        "search, one kind": f"{search}?q=migration&kind=people",
        "feed": reverse("series:feed", args=["measured"]),
        "series calendar": reverse("calendars:series", args=["measured"]),
        "workshop calendar": reverse("calendars:workshop", args=["measured", "middle"]),
        "series JSON": reverse("series:json", args=["measured"]),
        "sitemap": reverse("sitemap"),
        "robots.txt": reverse("robots-txt"),
        "accessibility statement": reverse("accessibility"),
        # Translated content fields are columns of the same rows: no query more per language.
        "summary report, in French": _in("fr", "series:detail", "measured"),
        "workshop, in Arabic": _in("ar", "workshops:detail", "measured", "middle"),
    }


def _in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def uncached(settings):
    """Every request renders: a page served from a cache would run no query at all, so
    the page cache's middleware (core/infrastructure/cache.py, which has tests of its own) is
    left out."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.startswith("core.infrastructure.cache.")
    ]
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in settings.CACHES
    }
    yield
    caches.close_all()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.mark.parametrize("scale", [1, 30])
def test_public_pages_run_the_same_queries_at_any_size(client, uncached, scale):
    build_site(scale)
    urls = _urls()
    if scale == 1:
        del urls["schedule, page 2"]  # one page holds 7 workshops
        del urls["site schedule, page 2"]

    measured = {}
    for name, url in urls.items():
        response, measured[name] = _queries(client, url)
        assert response.status_code == 200, name

    assert measured == {name: QUERIES[name] for name in urls}


@pytest.mark.parametrize("scale", [1, 30])
def test_measured_pages_show_every_row_of_the_larger_site(client, uncached, scale):
    build_site(scale)
    urls = _urls()

    def html(name):
        return client.get(urls[name]).content.decode()

    assert html("summary report").count('class="workshop-item"') == 7 * scale
    assert html("schedule").count('class="workshop-item"') == min(7 * scale, WORKSHOPS_PER_PAGE)
    public = organizations_for_reader(AnonymousUser()).count()
    assert public >= 8 * scale
    cards = html("organization list").count('<li class="card">')
    assert cards == min(public, ORGANIZATIONS_PER_PAGE)
    workshop = html("workshop")
    assert f"Migration expert {2 * scale - 1}" in workshop
    assert workshop.count('class="document') >= 2 * scale
    assert html("organization").count("Migration workshop") == 7 * scale
    assert html("feed").count("<entry>") == 7 * scale
    # The site's pages list the workshops of every series: 7 of the measured one and one
    # of each other series per unit.
    site_total = 7 * scale + 2 * scale - 1
    assert html("site calendar").count("BEGIN:VEVENT") == site_total
    assert html("site schedule").count('<li class="event') == min(site_total, WORKSHOPS_PER_PAGE)
    assert html("site schedule, one series").count('<li class="event') == min(
        7 * scale, WORKSHOPS_PER_PAGE
    )
    assert html("home").count('<li class="event') == min(4 * scale, 6)  # the upcoming half
    assert html("series calendar").count("BEGIN:VEVENT") == 7 * scale
    assert len(json.loads(html("series JSON"))["series"]["workshops"]) == 7 * scale
    assert "/series/measured/workshops/workshop-" in html("sitemap")


def test_query_counts_stay_within_the_issue_budgets():
    over = {name: QUERIES[name] for name, budget in BUDGETS.items() if QUERIES[name] > budget}

    assert over == {}
