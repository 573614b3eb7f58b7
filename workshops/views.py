from django.shortcuts import render

from workshops import selectors
from workshops.structured_data import event_ld


def workshop_detail(request, series_slug, slug):
    context = selectors.workshop_page(request.user, series_slug, slug) | {"nav": "series"}
    workshop = context["workshop"]
    context["json_ld"] = event_ld(
        workshop, workshop.series.organizer_list, request.build_absolute_uri
    )
    return render(request, "workshops/detail.html", context)
