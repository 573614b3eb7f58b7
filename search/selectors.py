"""Search over published series, workshops, organizations and people.

`search` sits above every content app, so it may import all of them; nothing imports it.
Drafts never leave this module, whoever searches: staff find drafts in the admin.

On PostgreSQL the words are matched with its full-text search (English stemming for
prose, no stemming for names) and ranked; on SQLite every word must appear, as a
substring, in one of the searched fields, and results are sorted by title. Either way
each kind runs one query (people two more, for their workshops and series), whatever
the number of results.
"""

import re

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q

from core.publishing import published_q
from organizations.models import Person
from organizations.selectors import organizations_for_reader
from series.models import Series
from workshops.models import Participation, Workshop

WORD = re.compile(r"\w+")
# More words than this only narrow the search to nothing, and each costs a condition.
MAX_WORDS = 10
# Per kind: enough for this site's content; the page says when there are more.
MAX_RESULTS = 25


def query_words(query):
    """The words of a query, punctuation dropped: "“UNHCR”!!" -> ["UNHCR"]."""
    return WORD.findall(query)[:MAX_WORDS]


def _public_participation():
    # A function, not a constant: "published" compares publish-at times with now.
    return published_q("workshop__") & published_q("workshop__series__")


def _public_people():
    participations = Participation.objects.filter(_public_participation(), person=OuterRef("pk"))
    coordinated = Series.objects.published().filter(coordinator=OuterRef("pk"))
    return (
        Person.objects.filter(Exists(participations) | Exists(coordinated))
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(_public_participation())
                .select_related("workshop__series")
                .order_by("workshop__start_date", "workshop__number"),
                to_attr="public_participations",
            ),
            Prefetch(
                "coordinated_series",
                queryset=Series.objects.published(),
                to_attr="public_series",
            ),
        )
    )


def _kinds():
    """(name, public queryset, [(field, weight, stemmed)]) for each kind of result."""
    return [
        ("series", Series.objects.published(), [("title", "A", True), ("summary", "B", True)]),
        (
            "workshops",
            Workshop.objects.published().select_related("series"),
            [("title", "A", True), ("summary", "B", True)],
        ),
        (
            "organizations",
            organizations_for_reader(AnonymousUser()),
            [("acronym", "A", False), ("name", "A", True)],
        ),
        ("people", _public_people(), [("name", "A", False)]),
    ]


def _postgres_search(queryset, fields, words):
    text = " ".join(words)
    vector = None
    query = None
    for field, weight, stemmed in fields:
        config = "english" if stemmed else "simple"
        part = SearchVector(field, weight=weight, config=config)
        vector = part if vector is None else vector + part
        # A query per configuration, so "Trafficking" finds "trafficked" in prose while
        # a name or an acronym is matched as written.
        part_query = SearchQuery(text, search_type="plain", config=config)
        query = part_query if query is None else query | part_query
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)
        .order_by("-rank", "pk")
    )


def _fallback_search(queryset, fields, words):
    condition = Q()
    for word in words:
        any_field = Q()
        for field, _weight, _stemmed in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return queryset.filter(condition).order_by(fields[0][0], "pk")


def search(words):
    """{"series": […], "workshops": […], "organizations": […], "people": […], "total": n}.

    Each list holds at most MAX_RESULTS; `more` names the kinds that had more.
    """
    use_postgres = connection.vendor == "postgresql"
    results = {"total": 0, "more": []}
    for name, queryset, fields in _kinds():
        if use_postgres:
            found = _postgres_search(queryset, fields, words)
        else:
            found = _fallback_search(queryset, fields, words)
        rows = list(found[: MAX_RESULTS + 1])
        if len(rows) > MAX_RESULTS:
            results["more"].append(name)
            rows = rows[:MAX_RESULTS]
        results[name] = rows
        results["total"] += len(rows)
    return results
