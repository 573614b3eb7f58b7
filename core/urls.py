from django.urls import path

from core import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
]
