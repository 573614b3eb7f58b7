"""The page-shaped queries of the series pages: each runs a fixed number of queries.

Series sits below workshops, so it reaches workshops only through the reverse
relation `series.workshops`, whose queryset methods (`visible_to`, `with_partners`)
come from the workshops app without this module importing it.
"""

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce

from core.pagination import SERIES_PER_PAGE, WORKSHOPS_PER_PAGE, paginate
from publishing.rules import published_q
from series.models import Series


def series_for_reader(user):
    return Series.objects.visible_to(user).select_related("coordinator")


def published_series_list():
    # The series is public already: its workshops' own status and time decide.
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


def published_series_page(page_number):
    """One page of the published series, two queries (a count and the page)."""
    return paginate(published_series_list(), SERIES_PER_PAGE, page_number)


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


def schedule(series, user, today, year=None, page_number=None):
    """Upcoming workshops soonest first, then past ones latest first, each grouped by year,
    one page of them at a time; and for the timeline every workshop (of that year) in date
    order with the milestones. Four queries whatever the size: series (the caller's),
    workshops, the page's partners, milestones.

    Every workshop is fetched once, for the timeline, which shows the whole series; the
    page is cut from that list (no count query) and only its rows get their partners.
    A page number that is not a page of the schedule is a 404.
    """
    workshops = series.workshops.visible_to(user).order_by("start_date", "number")
    milestones = series.milestones.all()
    if year is not None:
        workshops = workshops.filter(start_date__year=year)
        milestones = milestones.filter(Q(start_date__year=year) | Q(end_date__year=year))
    workshops = list(workshops)
    upcoming = [w for w in workshops if w.last_day >= today]
    past = [w for w in reversed(workshops) if w.last_day < today]
    page = paginate(upcoming + past, WORKSHOPS_PER_PAGE, page_number)
    series.workshops.attach_partners(page.object_list)
    listed = set(page.object_list)
    return {
        "series": series,
        "workshops": workshops,
        "milestones": list(milestones),
        "page": page,
        "has_upcoming": bool(upcoming),
        "has_past": bool(past),
        "upcoming_by_year": group_by_year([w for w in upcoming if w in listed]),
        "past_by_year": group_by_year([w for w in past if w in listed]),
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
