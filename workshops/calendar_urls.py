"""The calendar files, under /series/<slug>/: their views need the workshop model, which the
series app may not import, so both are routed from here (namespace `calendars`)."""

from django.urls import path

from workshops import calendars

app_name = "calendars"

urlpatterns = [
    path("calendar.ics", calendars.series_calendar, name="series"),
    path("workshops/<slug:slug>/event.ics", calendars.workshop_event, name="workshop"),
]
