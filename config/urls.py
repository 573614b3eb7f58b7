from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import urls as core_urls
from organizations.sitemaps import OrganizationSitemap
from series.sitemaps import SeriesSitemap
from workshops import site_views
from workshops.sitemaps import WorkshopSitemap

SITEMAPS = {
    "series": SeriesSitemap,
    "workshops": WorkshopSitemap,
    "organizations": OrganizationSitemap,
}

# What delegates read, in each of the six languages: English at the bare paths
# (/series/…), the other five under their prefix (/fr/series/…, /zh-hans/series/…).
# Feeds, calendars and the JSON data are here too, so each exists in every language.
urlpatterns = i18n_patterns(
    # The site's own pages across every series (workshops/site_views.py).
    path("", site_views.home, name="home"),
    path("schedule/", site_views.schedule, name="schedule"),
    path("calendar.ics", site_views.calendar, name="calendar"),
    path("feed/", site_views.SiteWorkshopsFeed(), name="feed"),
    path("series/", include("series.urls")),
    path("series/<slug:series_slug>/workshops/", include("workshops.urls")),
    # iCalendar files: routed by workshops, which builds them (docs/architecture.md).
    path("series/<slug:series_slug>/", include("workshops.calendar_urls")),
    path("search/", include("search.urls")),
    path("organizations/", include("organizations.urls")),
    path("", include(core_urls.page_urlpatterns)),
    # The registration form, the delegate's signed links and the privacy notice.
    path("", include("registrations.urls")),
    prefix_default_language=False,
)

# One address per site, whatever the language: the sitemap lists every language's pages,
# and the admin, probes and robots.txt have no language.
urlpatterns += [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("core.urls")),
    path(settings.ADMIN_URL, admin.site.urls),  # "admin/" unless ADMIN_URL says otherwise
]

# A database outage met in a middleware, before any view, gets the 503 page too.
handler500 = "core.infrastructure.middleware.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
