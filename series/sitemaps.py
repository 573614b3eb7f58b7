from core.sitemaps import TranslatedSitemap
from series.models import Series


class SeriesSitemap(TranslatedSitemap):
    """Published series only: a draft's address must not reach search engines."""

    def items(self):
        return Series.objects.published().order_by("pk")

    def lastmod(self, series):
        return series.updated_at
