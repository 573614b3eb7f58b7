"""The page-shaped queries of the series pages: each runs a fixed number of queries.

Series sits below workshops, so it reaches workshops only through the reverse
relation `series.workshops`, whose queryset methods (`visible_to`, `with_partners`)
come from the workshops app without this module importing it.
"""

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce

from core.publishing import published_q
from series.models import Series


def series_for_reader(user):
    return Series.objects.visible_to(user).select_related("coordinator")


def featured_series(user):
    """The series the home page shows: the featured one, else the most recent published."""
    return (
        series_for_reader(user)
        # Published and due, for staff too: the home page shows what readers see.
        .filter(published_q())
        .order_by("-featured", "-created_at", "pk")
        .first()
    )


def published_series_list():
    public_workshops = published_q("workshops__")
    return (
        Series.objects.published()
        .annotate(
            workshop_count=Count("workshops", filter=public_workshops),
            first_date=Min("workshops__start_date", filter=public_workshops),
            last_date=Max(
                Coalesce("workshops__end_date", "workshops__start_date"), filter=public_workshops
            ),
        )
        .order_by("-last_date", "title")
    )


def summary_report(series, user):
    """Everything the summary report shows, in five queries whatever the size."""
    workshops = list(series.workshops.visible_to(user).with_partners().order_by("number"))
    return {
        "series": series,
        "organizer_roles": list(series.organizer_roles.select_related("organization")),
        "related_links": list(series.related_links.select_related("target_series")),
        "milestones": list(series.milestones.all()),
        "workshops": workshops,
        "first_date": min((w.start_date for w in workshops), default=None),
        "last_date": max((w.last_day for w in workshops), default=None),
    }


def schedule(series, user, today, year=None):
    """Upcoming workshops soonest first, then past ones latest first, each grouped by year;
    all of them in date order and the milestones (of that year) for the timeline."""
    workshops = series.workshops.visible_to(user).with_partners().order_by("start_date", "number")
    milestones = series.milestones.all()
    if year is not None:
        workshops = workshops.filter(start_date__year=year)
        milestones = milestones.filter(Q(start_date__year=year) | Q(end_date__year=year))
    workshops = list(workshops)
    upcoming, past = [], []
    for workshop in workshops:
        (upcoming if workshop.last_day >= today else past).append(workshop)
    past.reverse()
    return {
        "series": series,
        "workshops": workshops,
        "milestones": list(milestones),
        "upcoming_by_year": group_by_year(upcoming),
        "past_by_year": group_by_year(past),
        "year": year,
    }


def group_by_year(workshops):
    """[(2006, [workshop, …]), (2005, […])] keeping the order it was given."""
    groups = []
    for workshop in workshops:
        if not groups or groups[-1][0] != workshop.start_date.year:
            groups.append((workshop.start_date.year, []))
        groups[-1][1].append(workshop)
    return groups
