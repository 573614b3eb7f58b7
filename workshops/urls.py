from django.urls import path

from workshops import downloads, views

app_name = "workshops"

urlpatterns = [
    path("<slug:slug>/", views.workshop_detail, name="detail"),
    path("<slug:slug>/documents/<int:pk>/", downloads.document_download, name="document"),
]
