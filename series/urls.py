from django.urls import path

from series import views

app_name = "series"

urlpatterns = [
    path("", views.series_list, name="list"),
    path("<slug:slug>/", views.series_detail, name="detail"),
    path("<slug:slug>/schedule/", views.series_schedule, name="schedule"),
]
