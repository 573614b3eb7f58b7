from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from series import selectors
from series.forms import ScheduleFilterForm
from series.structured_data import event_series_ld


def series_list(request):
    page = selectors.published_series_page(request.GET.get("page"))
    context = {"page": page, "series_list": page.object_list, "nav": "series"}
    return render(request, "series/list.html", context)


def series_detail(request, slug):
    series = get_object_or_404(selectors.series_for_reader(request.user), slug=slug)
    context = selectors.summary_report(series, request.user) | {"nav": "series"}
    context["json_ld"] = event_series_ld(
        series, context["organizer_roles"], context["workshops"], request.build_absolute_uri
    )
    return render(request, "series/detail.html", context)


def series_schedule(request, slug):
    series = get_object_or_404(selectors.series_for_reader(request.user), slug=slug)
    form = ScheduleFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "series/schedule.html",
            {"series": series, "form": form, "nav": "series"},
            status=400,
        )
    context = selectors.schedule(
        series,
        request.user,
        timezone.localdate(),
        year=form.cleaned_data["year"],
        page_number=request.GET.get("page"),
    )
    if form.cleaned_data["year"] is not None and not (
        context["workshops"] or context["milestones"]
    ):
        # A year with nothing in it is no page of the schedule: a 404, never kept.
        raise Http404(_("There is no such page."))
    context |= {"form": form, "nav": "series"}
    return render(request, "series/schedule.html", context)
