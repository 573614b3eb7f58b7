"""Open data: a series as JSON, schema version 1 (documented in docs/data.md).

Read-only and public. Drafts never appear, whoever asks: a series that is a draft is a
404, a draft workshop is left out. The workshops come through the reverse relation
`series.workshops`, so this module does not import the workshops app.

A new field can be added without changing `SCHEMA_VERSION`; renaming, removing or
changing the meaning of one needs version 2 (and a new path beside this one).
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.text.languages import SOURCE_LANGUAGE
from series.models import Series

SCHEMA_VERSION = 1


def _date(value):
    return value.isoformat() if value else None


def _time(value):
    return value.strftime("%H:%M") if value else None


def organization_data(organization, absolute_url):
    return {
        "slug": organization.slug,
        "name": organization.name,
        "acronym": organization.acronym,
        "kind": organization.kind,
        "website": organization.website or None,
        "url": absolute_url(organization.get_absolute_url()),
    }


def person_data(person, absolute_url):
    organization = person.organization
    return {
        "slug": person.slug,
        "name": person.name,
        "position": person.position,
        "organization": organization_data(organization, absolute_url) if organization else None,
    }


def workshop_data(workshop, absolute_url):
    series_slug = workshop.series.slug
    return {
        "number": workshop.number,
        "slug": workshop.slug,
        "title": workshop.title,
        "url": absolute_url(workshop.get_absolute_url()),
        "calendar_url": absolute_url(
            reverse(
                "calendars:workshop", kwargs={"series_slug": series_slug, "slug": workshop.slug}
            )
        ),
        "format": workshop.format or None,
        "start_date": _date(workshop.start_date),
        "end_date": _date(workshop.last_day),
        "start_time": _time(workshop.start_time),
        "end_time": _time(workshop.end_time),
        "time_zone": workshop.time_zone,
        "venue": workshop.venue,
        "summary": workshop.summary,
        "partners": [
            {
                "role": partner.role,
                "role_label": str(partner.get_role_display()),
                "organization": organization_data(partner.organization, absolute_url),
            }
            for partner in workshop.partner_list
        ],
        "people": [
            {
                "role": participation.role,
                "role_label": str(participation.get_role_display()),
                "person": person_data(participation.person, absolute_url),
            }
            for participation in workshop.participation_list
        ],
        "documents": [
            {
                "title": document.title,
                "kind": document.kind,
                "language": document.language,
                "url": absolute_url(document.href),
            }
            for document in workshop.document_list
        ],
        "updated_at": workshop.updated_at.isoformat(),
    }


def series_document(series, absolute_url):
    """The whole JSON document of a published series, in eight queries whatever its size."""
    workshops = list(
        series.workshops.published()
        .select_related("series")
        .with_partners()
        .with_people()
        .with_documents()
        .order_by("number")
    )
    organizer_roles = series.organizer_roles.select_related("organization")
    related_links = series.related_links.select_related("target_series")
    coordinator = series.coordinator
    return {
        "version": SCHEMA_VERSION,
        "url": absolute_url(reverse("series:json", kwargs={"slug": series.slug})),
        # The same data exists under each language prefix (/fr/series/…/data.json):
        # texts are in `language`, or in `fallback_language` where not translated yet.
        "language": get_language(),
        "fallback_language": SOURCE_LANGUAGE,
        "series": {
            "slug": series.slug,
            "title": series.title,
            "label": series.label,
            "url": absolute_url(series.get_absolute_url()),
            "calendar_url": absolute_url(
                reverse("calendars:series", kwargs={"series_slug": series.slug})
            ),
            "feed_url": absolute_url(reverse("series:feed", kwargs={"slug": series.slug})),
            "summary": series.summary,
            "audience": series.audience,
            "coordinator": person_data(coordinator, absolute_url) if coordinator else None,
            "first_date": _date(min((w.start_date for w in workshops), default=None)),
            "last_date": _date(max((w.last_day for w in workshops), default=None)),
            "organizers": [
                {
                    "role": organizer.role,
                    "organization": organization_data(organizer.organization, absolute_url),
                }
                for organizer in organizer_roles
            ],
            "milestones": [
                {
                    "title": milestone.title,
                    "start_date": _date(milestone.start_date),
                    "end_date": _date(milestone.end_date or milestone.start_date),
                    "description": milestone.description,
                    "url": milestone.url or None,
                }
                for milestone in series.milestones.all()
            ],
            "related_links": [
                {"title": link.title, "url": _related_link_url(link, absolute_url)}
                for link in related_links
            ],
            "updated_at": series.updated_at.isoformat(),
            "workshops": [workshop_data(workshop, absolute_url) for workshop in workshops],
        },
    }


def _related_link_url(link, absolute_url):
    if link.url:
        return link.url
    # A link to a draft series has no public address yet, as on the page.
    if link.target_series.is_published:
        return absolute_url(link.target_series.get_absolute_url())
    return None


@require_safe
def series_json(request, slug):
    series = get_object_or_404(
        Series.objects.published().select_related("coordinator__organization"), slug=slug
    )
    response = JsonResponse(
        series_document(series, request.build_absolute_uri),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    # Open data: other sites may read it from their own pages' scripts.
    response["Access-Control-Allow-Origin"] = "*"
    return response
