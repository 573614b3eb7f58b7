"""The site's own pages across every series: home, schedule, calendar and feed
(queries in workshops/site_selectors.py)."""

import uuid

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.text.identifiers import NAMESPACE
from series.feeds import SeriesWorkshopsFeed
from workshops import site_selectors
from workshops.calendars import build_calendar, calendar_response
from workshops.site_forms import SiteScheduleFilterForm


def home(request):
    context = site_selectors.home_page(timezone.localdate()) | {"nav": "home"}
    return render(request, "home.html", context)


def schedule(request):
    series, years, organizations = site_selectors.schedule_choices()
    form = SiteScheduleFilterForm(
        request.GET, series=series, years=years, organizations=organizations
    )
    context = {"form": form, "nav": "schedule"}
    if not form.is_valid():
        return render(request, "workshops/site_schedule.html", context, status=400)
    filters = form.filters()
    context |= site_selectors.schedule_page(
        timezone.localdate(), **filters, page_number=request.GET.get("page")
    )
    context["filtered"] = any(value is not None for value in filters.values())
    return render(request, "workshops/site_schedule.html", context)


@require_safe
def calendar(request):
    """Every published workshop of the site, for one subscription to them all."""
    workshops = site_selectors.public_workshops().order_by("start_date", "series__title", "number")
    built = build_calendar(settings.SITE_NAME, workshops, request.build_absolute_uri)
    return calendar_response(built, "workshops.ics")


class SiteWorkshopsFeed(SeriesWorkshopsFeed):
    """The newest workshops of every series, as the series feeds write them (same entry
    ids, so a reader subscribed to both sees one workshop once)."""

    LIMIT = 100

    def get_object(self, request):
        return None

    def title(self, obj):
        return settings.SITE_NAME

    def subtitle(self, obj):
        return _("Workshops of every series, newest first.")

    def link(self, obj):
        return reverse("schedule")

    def feed_url(self, obj):
        return reverse("feed")

    def feed_guid(self, obj):
        # Fixed for ever, as the entries' ids are: a reader keeps the feed by this id.
        return uuid.uuid5(NAMESPACE, "site-feed").urn

    def items(self, obj):
        return site_selectors.public_workshops().order_by("-start_date", "-number")[: self.LIMIT]

    def item_title(self, workshop):
        return f"{workshop.title} — {workshop.series.title}"
