from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    # The Sitemap line must be an absolute URL (sitemaps.org), so it comes from the request.
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request):
    """The process answers; touches no database, so a load balancer can tell it from an outage."""
    return JsonResponse({"status": "ok"})


def accessibility_statement(request):
    return render(
        request,
        "core/accessibility.html",
        {"contact": settings.ACCESSIBILITY_CONTACT, "nav": "accessibility"},
    )
