"""schema.org JSON-LD for the series page (an EventSeries), as plain dicts.

The template writes them with the `json_ld` filter (Django's json_script escaping);
no JSON is ever put together as text.
"""

from django.utils.translation import get_language

from core.text.summary import summary_text

CONTEXT = "https://schema.org"


def organization_ld(organization, absolute_url):
    data = {
        "@type": "Organization",
        "name": organization.name,
        "url": absolute_url(organization.get_absolute_url()),
    }
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if organization.website:
        data["sameAs"] = organization.website
    return data


def date_ld(day):
    return day.isoformat() if day else None


def event_series_ld(series, organizer_roles, workshops, absolute_url):
    """`workshops` are the published ones the page lists, in order."""
    data = {
        "@context": CONTEXT,
        "@type": "EventSeries",
        "name": str(series),
        "url": absolute_url(series.get_absolute_url()),
        # The page's language; a text without a translation is the English one.
        "inLanguage": get_language(),
        "organizer": [organization_ld(o.organization, absolute_url) for o in organizer_roles],
        "subEvent": [
            {
                "@type": "Event",
                "name": workshop.title,
                "url": absolute_url(workshop.get_absolute_url()),
                "startDate": date_ld(workshop.start_date),
                "endDate": date_ld(workshop.last_day),
            }
            for workshop in workshops
        ],
    }
    if series.summary:
        data["description"] = summary_text(series.summary, words=60)
    if workshops:
        data["startDate"] = date_ld(min(w.start_date for w in workshops))
        data["endDate"] = date_ld(max(w.last_day for w in workshops))
    if series.audience:
        data["audience"] = {"@type": "Audience", "audienceType": series.audience}
    return data
