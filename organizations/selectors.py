"""The organization pages' queries.

Organizations sit below series and workshops in the import order, so they reach
the series they organize and the workshops they co-organize through their reverse
relations (`series_roles`, `workshop_roles`), never by importing those apps.
"""

from django.db.models import Exists, OuterRef

from core.pagination import ORGANIZATIONS_PER_PAGE, paginate
from organizations.models import Organization
from publishing.permissions import can_preview_drafts
from publishing.rules import public_through_q


# Functions, not constants: "published" compares publish-at times with now.
def public_series_role():
    return public_through_q(Organization.series_roles.rel.related_model, "series")


def public_workshop_role():
    return public_through_q(Organization.workshop_roles.rel.related_model, "workshop")


def _previews_roles(user):
    """Staff who may preview both draft series and draft workshops see every role."""
    roles = (
        Organization.series_roles.rel.related_model,
        Organization.workshop_roles.rel.related_model,
    )
    return all(
        can_preview_drafts(user, role._meta.get_field(field).related_model)
        for role, field in zip(roles, ("series", "workshop"), strict=True)
    )


def organizations_for_reader(user):
    """Staff see every organization; the public only those with a published series or workshop.

    A partner named only on a draft must not leak before the draft is published.
    """
    if _previews_roles(user):
        return Organization.objects.all()
    series_roles = Organization.series_roles.rel.related_model.objects
    workshop_roles = Organization.workshop_roles.rel.related_model.objects
    return Organization.objects.filter(
        Exists(series_roles.filter(public_series_role(), organization=OuterRef("pk")))
        | Exists(workshop_roles.filter(public_workshop_role(), organization=OuterRef("pk")))
    )


def organization_list_page(user, page_number):
    """One page of the organizations, two queries (a count and the page)."""
    return paginate(organizations_for_reader(user), ORGANIZATIONS_PER_PAGE, page_number)


def organization_page(organization, user):
    """The series an organization organizes and the workshops it co-organized, two queries."""
    series_roles = organization.series_roles.select_related("series").order_by("series__title")
    workshop_roles = organization.workshop_roles.select_related("workshop__series").order_by(
        "-workshop__start_date", "workshop__number"
    )
    if not _previews_roles(user):
        series_roles = series_roles.filter(public_series_role())
        workshop_roles = workshop_roles.filter(public_workshop_role())
    return {
        "organization": organization,
        "series_roles": list(series_roles),
        "workshop_roles": list(workshop_roles),
    }
