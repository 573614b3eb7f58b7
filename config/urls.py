from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from series import views as series_views

urlpatterns = [
    path("", series_views.home, name="home"),
    path("series/", include("series.urls")),
    path("series/<slug:series_slug>/workshops/", include("workshops.urls")),
    path("organizations/", include("organizations.urls")),
    path("", include("core.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
