"""Search over published series, workshops, organizations and people.

`search` sits above every content app, so it may import all of them; nothing imports it.
Drafts never leave this module, whoever searches: staff find drafts in the admin.

Every language's column of a translated field is searched, whatever the reader's language,
and a workshop is also found by its partners' names and short names in every language
("UNHCR", "OIT", "Office of Legal Affairs").

It forgives. On PostgreSQL the words are matched with its full-text search, prose in its
own language's configuration (English, French, Spanish and Russian stemming: "labour"
finds "labour migration", "trafficked" finds "Trafficking"; Arabic and Chinese word for
word), names as written, and ranked; titles and names also match by trigram similarity
(pg_trgm's word similarity, search/migrations/0001), so "trafficing" finds "International
Trafficking in Human Beings". On SQLite the behaviour is simpler: every word must appear,
as a substring, in one of the searched fields (or a partner's name), sorted by title, and a
misspelling finds nothing by itself. On both, `did_you_mean` offers the query with each
unknown word replaced by the closest word of the site's public titles and names
("trafficing" -> "trafficking", "labor" -> "labour", "rosengartner" -> "Rosengärtner"),
read in one query. Each kind runs one query (people two more, for their workshops and
series), whatever the number of results. The first page of results shows the first few of
each kind and links to the pages of one kind (`search_kind`).
"""

import difflib
import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Greatest
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.pagination import RESULTS_PER_PAGE, paginate
from core.text.languages import SOURCE_LANGUAGE
from organizations.models import Organization, Person
from organizations.selectors import organizations_for_reader
from publishing.rules import public_q
from series.models import Series
from workshops.models import Participation, Workshop, WorkshopPartner

WORD = re.compile(r"\w+")
# More words than this only narrow the search to nothing, and each costs a condition.
MAX_WORDS = 10
# Per kind on the first page of results: as many as a page of one kind, which the
# page links to when a kind has more.
MAX_RESULTS = RESULTS_PER_PAGE
# PostgreSQL's text search configuration for prose in each language; names are "simple".
# Arabic and Chinese are matched word for word (no stemmer every PostgreSQL ships).
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian"}
# pg_trgm word similarity from which a title or a name counts as a match ("trafficing" and
# "Trafficking" score 0.6; unrelated words stay under 0.3).
TRIGRAM_THRESHOLD = 0.45
# difflib's ratio from which a known word is offered for an unknown one.
SUGGESTION_CUTOFF = 0.75


def query_words(query):
    """The words of a query, punctuation dropped: "“UNHCR”!!" -> ["UNHCR"]."""
    return WORD.findall(query)[:MAX_WORDS]


def _public_participation():
    # A function, not a constant: "published" compares publish-at times with now.
    return public_q(Workshop, "workshop__")


def _public_people_only():
    participations = Participation.objects.filter(_public_participation(), person=OuterRef("pk"))
    coordinated = Series.objects.published().filter(coordinator=OuterRef("pk"))
    return Person.objects.filter(Exists(participations) | Exists(coordinated))


def _public_people():
    return (
        _public_people_only()
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
    Prose is stemmed in its own language's configuration; names are matched as written."""
    registered = model in translator.get_registered_models()
    translated = translator.get_options_for_model(model).all_fields if registered else ()
    expanded = []
    for field, weight, stemmed in fields:
        if field not in translated:
            expanded.append((field, weight, _config(SOURCE_LANGUAGE, stemmed)))
            continue
        for code, _name in settings.LANGUAGES:
            column = build_localized_fieldname(field, code)
            expanded.append((column, weight, _config(code, stemmed)))
    return expanded


def _config(language, stemmed):
    return TEXT_SEARCH_CONFIGS.get(language, "simple") if stemmed else "simple"


def _columns(model, field):
    if model in translator.get_registered_models() and field in (
        translator.get_options_for_model(model).all_fields
    ):
        return [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]
    return [field]


ORGANIZATION_FIELDS = [("acronym", "A", False), ("name", "A", True)]


def _partner_match(words):
    """Workshops (as a subquery) one of whose partners the words name, in any language."""
    organizations = _in_every_language(Organization, ORGANIZATION_FIELDS)
    matching = _found(Organization.objects.all(), organizations, words).order_by()
    return Q(
        pk__in=WorkshopPartner.objects.filter(organization__in=matching.values("pk")).values(
            "workshop"
        )
    )


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
            Workshop.objects.published().select_related("series").with_partners(),
            _in_every_language(Workshop, [("title", "A", True), ("summary", "B", True)]),
        ),
        (
            "organizations",
            organizations_for_reader(AnonymousUser()),
            _in_every_language(Organization, ORGANIZATION_FIELDS),
        ),
        ("people", _public_people(), _in_every_language(Person, [("name", "A", False)])),
    ]


def _postgres_search(queryset, fields, words, extra):
    text = " ".join(words)
    vector = None
    query = None
    for field, weight, config in fields:
        part = SearchVector(field, weight=weight, config=config)
        vector = part if vector is None else vector + part
        # A query per configuration, so "Trafficking" finds "trafficked" in prose while
        # a name or an acronym is matched as written.
        part_query = SearchQuery(text, search_type="plain", config=config)
        query = part_query if query is None else query | part_query
    # Titles and names also match when they are close enough (a misspelling).
    similarities = [
        TrigramWordSimilarity(text, field) for field, weight, _config in fields if weight == "A"
    ]
    similarity = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, query), similarity=similarity)
        .filter(Q(document=query) | Q(similarity__gte=TRIGRAM_THRESHOLD) | extra)
        .order_by("-rank", "-similarity", "pk")
    )


def _fallback_search(queryset, fields, words, extra):
    condition = Q()
    for word in words:
        any_field = Q()
        for field, _weight, _config in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return queryset.filter(condition | extra).order_by(fields[0][0], "pk")


def _found(queryset, fields, words, extra=None):
    # Q(pk__in=[]) matches nothing, so without `extra` only the words decide.
    extra = extra if extra is not None else Q(pk__in=[])
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, fields, words, extra)
    return _fallback_search(queryset, fields, words, extra)


def _extra(name, words):
    return _partner_match(words) if name == "workshops" else None


def search(words):
    """{"series": […], "workshops": […], "organizations": […], "people": […], "total": n}.

    Each list holds at most MAX_RESULTS; `more` names the kinds that had more.
    """
    results = {"total": 0, "more": []}
    for name, queryset, fields in _kinds():
        rows = list(_found(queryset, fields, words, _extra(name, words))[: MAX_RESULTS + 1])
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
    return paginate(
        _found(queryset, fields, words, _extra(kind, words)), RESULTS_PER_PAGE, page_number
    )


def vocabulary():
    """Every word of the public titles and names, in every language: one query (a UNION)."""
    sources = [
        (Series.objects.published(), Series, ["title"]),
        (Workshop.objects.published(), Workshop, ["title"]),
        (organizations_for_reader(AnonymousUser()), Organization, ["name", "acronym"]),
        (_public_people_only(), Person, ["name"]),
    ]
    parts = [
        queryset.order_by().values_list(column, flat=True)
        for queryset, model, fields in sources
        for field in fields
        for column in _columns(model, field)
    ]
    names = parts[0].union(*parts[1:])
    words = {}
    for name in names:
        for word in WORD.findall(name or ""):
            words.setdefault(word.lower(), word)
    return words


def did_you_mean(words, known):
    """The query with each word the site does not know replaced by the closest one it
    knows, or "" when every word is known or nothing is close."""
    corrected, changed = [], False
    for word in words:
        lower = word.lower()
        if lower in known or word.isdigit():
            corrected.append(word)
            continue
        close = difflib.get_close_matches(lower, known, n=1, cutoff=SUGGESTION_CUTOFF)
        if close:
            corrected.append(known[close[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""
