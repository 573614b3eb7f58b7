"""The workshop page's queries: six, whatever the number of partners, speakers, documents
or workshops in the series."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from series.models import SeriesOrganizer
from workshops.models import Workshop

# One-to-one rows that apps above workshops show on the workshop page (its registration
# settings), joined to the workshop's own row so they add no query. Those apps name them here
# when they start (AppConfig.ready); workshops imports none of them.
page_related = []


def _neighbour_number(siblings, comparison, order):
    return Subquery(
        siblings.filter(**{f"number__{comparison}": OuterRef("number")})
        .order_by(order)
        .values("number")[:1]
    )


def workshop_page(user, series_slug, slug):
    """The workshop with its series, partners, speakers, documents, the series' organizers
    (for the JSON-LD) and its previous and next visible workshops; 404 if not visible.

    The neighbours' numbers come with the workshop's own row (two subqueries), so both
    neighbours are then fetched in one query, not one each.
    """
    visible = Workshop.objects.visible_to(user)
    siblings = visible.filter(series=OuterRef("series"))
    workshop = get_object_or_404(
        visible.select_related("series", *page_related)
        .with_partners()
        .with_people()
        .with_documents()
        .prefetch_related(
            # For the JSON-LD: the series' agencies organize each of its workshops.
            Prefetch(
                "series__organizer_roles",
                queryset=SeriesOrganizer.objects.select_related("organization"),
                to_attr="organizer_list",
            )
        )
        .annotate(
            previous_number=_neighbour_number(siblings, "lt", "-number"),
            next_number=_neighbour_number(siblings, "gt", "number"),
        ),
        series__slug=series_slug,
        slug=slug,
    )
    numbers = [n for n in (workshop.previous_number, workshop.next_number) if n is not None]
    # No query at all when the workshop has no neighbour (an empty IN matches nothing).
    neighbours = {w.number: w for w in visible.filter(series=workshop.series, number__in=numbers)}
    for neighbour in neighbours.values():
        neighbour.series = workshop.series  # for its URL, without a query
    return {
        "workshop": workshop,
        "series": workshop.series,
        "previous_workshop": neighbours.get(workshop.previous_number),
        "next_workshop": neighbours.get(workshop.next_number),
    }
