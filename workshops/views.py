from django.shortcuts import get_object_or_404, render

from workshops.models import Workshop


def workshop_detail(request, series_slug, slug):
    visible = Workshop.objects.visible_to(request.user)
    workshop = get_object_or_404(
        visible.select_related("series").with_partners().with_people().with_documents(),
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
    }
    return render(request, "workshops/detail.html", context)
