from django.contrib.auth.models import AnonymousUser

from core.sitemaps import TranslatedSitemap
from organizations.selectors import organizations_for_reader


class OrganizationSitemap(TranslatedSitemap):
    """The organization pages the public can open: those with a published role."""

    def items(self):
        return organizations_for_reader(AnonymousUser()).order_by("pk")

    def lastmod(self, organization):
        return organization.updated_at
