"""`{% timeline workshops milestones described_by="workshop-list" %}`: the series timeline.

The workshops and milestones are the lists the page's selector already fetched; the
layout (`series.timeline`) reads them without a query, and
`templates/includes/timeline.svg.html` draws it. An empty series draws nothing.
"""

from django import template
from django.utils import timezone, translation

from series.timeline import build_timeline

register = template.Library()


@register.inclusion_tag("includes/timeline.svg.html")
def timeline(workshops, milestones=(), described_by=""):
    return {
        "timeline": build_timeline(
            workshops,
            milestones,
            timezone.localdate(),
            rtl=translation.get_language_bidi(),
        ),
        "described_by": described_by,
    }
