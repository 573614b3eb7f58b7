"""`{% timeline workshops milestones described_by="workshop-list" %}`: the series timeline.

The workshops and milestones are the lists the page's selector already fetched; the
layout (`series.timeline`) reads them without a query, and
`templates/includes/timeline.svg.html` draws it. An empty series draws nothing.
"""

from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext

from series.timeline import build_timeline

register = template.Library()


@register.inclusion_tag("includes/timeline.svg.html")
def timeline(workshops, milestones=(), described_by=""):
    layout = build_timeline(
        workshops, milestones, timezone.localdate(), rtl=translation.get_language_bidi()
    )
    if layout is not None:
        # Per-mark text is built here, once per mark, rather than by {% blocktranslate %}
        # in the template loop: with 200 workshops that halves the rendering time.
        workshop_title = gettext("Workshop %(number)s: %(title)s, %(date)s")
        urls = workshop_urls([mark.item for mark in layout.workshops])
        for mark, url in zip(layout.workshops, urls, strict=True):
            mark.url = url
            mark.tooltip = workshop_title % {
                "number": mark.number,
                "title": mark.title,
                "date": mark.date_text,
            }
        milestone_title = gettext("%(title)s, %(date)s (context, not part of the series)")
        for mark in layout.milestones:
            mark.url = mark.item.url
            mark.tooltip = milestone_title % {"title": mark.title, "date": mark.date_text}
    return {"timeline": layout, "described_by": described_by}


def workshop_urls(workshops):
    """Each workshop's get_absolute_url(), without resolving 200 URLs one by one.

    reverse() costs about 20 µs; a long series spent a third of its timeline on it. The
    pages of one series' workshops differ only in their last segment, the slug, so one
    URL gives the others. The shortcut is checked against a second workshop's own URL
    and not taken when they differ (workshops of several series, another URL scheme).
    """
    if len(workshops) < 3 or len({w.series_id for w in workshops}) > 1:
        return [w.get_absolute_url() for w in workshops]
    first, second = workshops[0], workshops[1]
    first_url = first.get_absolute_url()
    suffix = f"{first.slug}/"
    prefix = first_url.removesuffix(suffix)
    if not first_url.endswith(suffix) or second.get_absolute_url() != f"{prefix}{second.slug}/":
        return [w.get_absolute_url() for w in workshops]
    return [f"{prefix}{w.slug}/" for w in workshops]
