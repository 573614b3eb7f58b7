from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("<slug:slug>/", views.workshop_detail, name="detail"),
]
