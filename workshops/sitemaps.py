from django.contrib.sitemaps import Sitemap

from workshops.models import Workshop


class WorkshopSitemap(Sitemap):
    """Published workshops of published series only."""

    def items(self):
        return Workshop.objects.published().select_related("series").order_by("pk")

    def lastmod(self, workshop):
        return workshop.updated_at
