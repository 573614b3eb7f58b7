"""The site's own pages across every series: the home page, the schedule, the calendar and
the feed. Each runs a fixed number of queries whatever the number of series, workshops or
partners. Drafts never leave this module: these pages show what readers see, to staff too.

They live in `workshops`, the top of the content apps, because they list workshops of every
series; series cards reach their organizers through `series.organizer_roles`.
"""

from django.db.models import Case, F, IntegerField, Prefetch, Q, Value, When

from core.pagination import WORKSHOPS_PER_PAGE, paginate
from organizations.models import Organization
from series.models import Series, SeriesOrganizer
from series.selectors import published_series_list
from workshops.models import Workshop

HOME_UPCOMING = 6  # the next workshops the home page shows; the schedule has the rest


def public_workshops():
    return Workshop.objects.published().select_related("series").with_partners()


def upcoming_workshops(today, limit=HOME_UPCOMING):
    """The next public workshops of every series, soonest first: two queries."""
    return list(public_workshops().upcoming(today)[:limit])


def series_cards():
    """Every published series with its dates, number of workshops and organizers, the
    featured one first: two queries."""
    return list(
        published_series_list()
        .prefetch_related(
            Prefetch(
                "organizer_roles",
                queryset=SeriesOrganizer.objects.select_related("organization"),
                to_attr="organizer_list",
            )
        )
        .order_by("-featured", F("last_date").desc(nulls_last=True), "title")
    )


def home_page(today):
    return {"upcoming": upcoming_workshops(today), "series_cards": series_cards()}


def schedule_choices():
    """What the schedule can be narrowed to: published series, years with a public
    workshop, organizations that organized or co-organized one. Three queries."""
    public = Workshop.objects.published()
    series = list(Series.objects.published().order_by("title"))
    years = sorted({day.year for day in public.dates("start_date", "year")}, reverse=True)
    organizations = list(
        Organization.objects.filter(
            Q(workshop_roles__workshop__in=public.values("pk"))
            | Q(series_roles__series__in=Series.objects.published().values("pk"))
        )
        .distinct()
        .order_by("name")
    )
    return series, years, organizations


def schedule_page(today, *, series=None, year=None, organization=None, page_number=None):
    """Upcoming workshops soonest first, then past ones latest first, one page at a time,
    narrowed by series, year and organization: a count, the page, its partners."""
    workshops = Workshop.objects.published().select_related("series").with_last_date()
    if series is not None:
        workshops = workshops.filter(series=series)
    if year is not None:
        workshops = workshops.filter(start_date__year=year)
    if organization is not None:
        workshops = workshops.filter(
            pk__in=Workshop.objects.filter(
                Q(partner_roles__organization=organization)
                | Q(series__organizer_roles__organization=organization)
            ).values("pk")
        )
    is_past = Case(
        When(last_date__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    workshops = workshops.annotate(is_past=is_past).order_by(
        "is_past",
        Case(When(is_past=0, then=F("start_date"))).asc(nulls_last=True),
        Case(When(is_past=1, then=F("start_date"))).desc(nulls_last=True),
        "series__title",
        "number",
    )
    page = paginate(workshops, WORKSHOPS_PER_PAGE, page_number)
    Workshop.objects.attach_partners(page.object_list)
    rows = list(page.object_list)
    return {
        "page": page,
        "upcoming": [w for w in rows if not w.is_past],
        "past": [w for w in rows if w.is_past],
    }
