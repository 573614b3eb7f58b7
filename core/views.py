from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request):
    """The process answers; touches no database, so a load balancer can tell it from an outage."""
    return JsonResponse({"status": "ok"})
