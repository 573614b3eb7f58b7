from django.urls import path

from series import api, feeds, views

app_name = "series"

urlpatterns = [
    path("", views.series_list, name="list"),
    path("<slug:slug>/", views.series_detail, name="detail"),
    path("<slug:slug>/schedule/", views.series_schedule, name="schedule"),
    path("<slug:slug>/feed/", feeds.SeriesWorkshopsFeed(), name="feed"),
    path("<slug:slug>.json", api.series_json, name="json"),
]
