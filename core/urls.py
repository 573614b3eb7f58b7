from django.urls import path

from core import health, views
from core.wellknown import security_txt

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("readyz", health.readyz, name="readyz"),
]
