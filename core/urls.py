from django.urls import path
from django.views.decorators.cache import never_cache

from core import views
from core.infrastructure import health
from core.infrastructure.wellknown import security_txt

# Machine addresses: one per site, never under a language prefix.
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Never cached: a probe must reach the process itself, not a copy held by a proxy.
    path("healthz", never_cache(views.healthz), name="healthz"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("readyz", health.readyz, name="readyz"),
]

# Pages people read: config/urls.py serves them under each language prefix.
page_urlpatterns = [
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]
