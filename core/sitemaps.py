from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """Every page once per language, each entry listing the other five as hreflang alternates,
    and English as x-default: search engines send each reader to their language."""

    i18n = True
    alternates = True
    x_default = True
