from core.sitemaps import TranslatedSitemap
from workshops.models import Workshop


class WorkshopSitemap(TranslatedSitemap):
    """Published workshops of published series only."""

    def items(self):
        return Workshop.objects.published().select_related("series").order_by("pk")

    def lastmod(self, workshop):
        return workshop.updated_at
