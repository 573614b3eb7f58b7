"""Search over published series, workshops, organizations and people.

`search` sits above every content app, so it may import all of them; nothing imports it.
Drafts never leave this module, whoever searches: staff find drafts in the admin.

Every language's column of a translated field is searched, whatever the reader's language.
On PostgreSQL the words are matched with its full-text search (English stemming for
English prose, none for names and translations) and ranked; on SQLite every word must
appear, as a substring, in one of the searched fields, and results are sorted by title. Either way
each kind runs one query (people two more, for their workshops and series), whatever
the number of results. The first page of results shows the first few of each kind and
links to the pages of one kind (`search_kind`).
"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.pagination import RESULTS_PER_PAGE, paginate
from core.text.languages import SOURCE_LANGUAGE
from organizations.models import Organization, Person
from organizations.selectors import organizations_for_reader
from publishing.rules import public_q
from series.models import Series
from workshops.models import Participation, Workshop

WORD = re.compile(r"\w+")
# More words than this only narrow the search to nothing, and each costs a condition.
MAX_WORDS = 10
# Per kind on the first page of results: as many as a page of one kind, which the
# page links to when a kind has more.
MAX_RESULTS = RESULTS_PER_PAGE


def query_words(query):
    """The words of a query, punctuation dropped: "“UNHCR”!!" -> ["UNHCR"]."""
    return WORD.findall(query)[:MAX_WORDS]


def _public_participation():
    # A function, not a constant: "published" compares publish-at times with now.
    return public_q(Workshop, "workshop__")


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


def _in_every_language(model, fields):
    """A translated field searched in each of its language columns: a reader of
    the French site finds a workshop by its English title too, and the other way round.
    Only English is stemmed; the other columns are matched word for word."""
    translated = translator.get_options_for_model(model).all_fields
    expanded = []
    for field, weight, stemmed in fields:
        if field not in translated:
            expanded.append((field, weight, stemmed))
            continue
        for code, _name in settings.LANGUAGES:
            column = build_localized_fieldname(field, code)
            expanded.append((column, weight, stemmed and code == SOURCE_LANGUAGE))
    return expanded


def _kinds():
    """(name, public queryset, [(field, weight, stemmed)]) for each kind of result."""
    return [
        (
            "series",
            Series.objects.published(),
            _in_every_language(Series, [("title", "A", True), ("summary", "B", True)]),
        ),
        (
            "workshops",
            Workshop.objects.published().select_related("series"),
            _in_every_language(Workshop, [("title", "A", True), ("summary", "B", True)]),
        ),
        (
            "organizations",
            organizations_for_reader(AnonymousUser()),
            _in_every_language(Organization, [("acronym", "A", False), ("name", "A", True)]),
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


def _found(queryset, fields, words):
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, fields, words)
    return _fallback_search(queryset, fields, words)


def search(words):
    """{"series": […], "workshops": […], "organizations": […], "people": […], "total": n}.

    Each list holds at most MAX_RESULTS; `more` names the kinds that had more.
    """
    results = {"total": 0, "more": []}
    for name, queryset, fields in _kinds():
        rows = list(_found(queryset, fields, words)[: MAX_RESULTS + 1])
        if len(rows) > MAX_RESULTS:
            results["more"].append(name)
            rows = rows[:MAX_RESULTS]
        results[name] = rows
        results["total"] += len(rows)
    return results


def search_kind(words, kind, page_number):
    """One page of the results of one kind ("series", "workshops", "organizations",
    "people"), ranked as `search()` ranks them: a count and the page, two queries (people
    two more). A page number that is not a page of the results is a 404."""
    queryset, fields = {name: (qs, fields) for name, qs, fields in _kinds()}[kind]
    return paginate(_found(queryset, fields, words), RESULTS_PER_PAGE, page_number)
