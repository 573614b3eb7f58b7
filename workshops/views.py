from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from series.models import SeriesOrganizer
from workshops.models import Workshop
from workshops.structured_data import event_ld


def workshop_detail(request, series_slug, slug):
    visible = Workshop.objects.visible_to(request.user)
    workshop = get_object_or_404(
        visible.select_related("series")
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
        ),
        series__slug=series_slug,
        slug=slug,
    )
    siblings = visible.filter(series=workshop.series).select_related("series")
    context = {
        "workshop": workshop,
        "series": workshop.series,
        "nav": "series",
        "previous_workshop": siblings.filter(number__lt=workshop.number)
        .order_by("-number")
        .first(),
        "next_workshop": siblings.filter(number__gt=workshop.number).order_by("number").first(),
        "json_ld": event_ld(workshop, workshop.series.organizer_list, request.build_absolute_uri),
    }
    return render(request, "workshops/detail.html", context)
