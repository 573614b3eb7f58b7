from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path(
        "series/<slug:series_slug>/workshops/<slug:slug>/register/",
        views.register,
        name="register",
    ),
    path(
        "series/<slug:series_slug>/workshops/<slug:slug>/register/sent/",
        views.sent,
        name="sent",
    ),
    path("registration/confirm/<str:token>/", views.confirm, name="confirm"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("privacy/", views.privacy, name="privacy"),
]
