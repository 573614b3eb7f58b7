"""The Atom feed of a series' workshops, newest first (Django's syndication framework).

The series app reaches its workshops through the reverse relation `series.workshops`,
whose queryset methods come from the workshops app without importing it. Drafts never
reach the feed, whoever asks.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.text.identifiers import stable_uuid
from core.text.summary import date_range_text, join_names, summary_text
from core.text.validation import without_control_characters
from series.models import Series


def _xml_safe(value):
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    """Django's Atom feed without the characters XML forbids. Inputs refuse them now, but a
    row stored before (a vertical tab in an acronym) made the feed a 500 in every language."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *(_xml_safe(arg) for arg in args), **{k: _xml_safe(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *(_xml_safe(arg) for arg in args), **{k: _xml_safe(v) for k, v in kwargs.items()}
        )


class SeriesWorkshopsFeed(Feed):
    feed_type = XmlSafeAtom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Series.objects.published(), slug=slug)

    def title(self, series):
        return str(series)

    def subtitle(self, series):
        return _("Workshops of the %(series)s, newest first.") % {"series": series}

    def link(self, series):
        return series.get_absolute_url()

    def feed_url(self, series):
        return reverse("series:feed", kwargs={"slug": series.slug})

    def feed_guid(self, series):
        return stable_uuid(series).urn

    def items(self, series):
        return (
            series.workshops.published()
            .select_related("series")
            .with_partners()
            .order_by("-start_date", "-number")
        )

    def item_title(self, workshop):
        return f"{workshop.number}. {workshop.title}"

    def item_description(self, workshop):
        # Plain text: Atom readers show it as the entry's summary.
        parts = [date_range_text(workshop.start_date, workshop.end_date) + "."]
        parts += [
            f"{role[:1].upper()}{role[1:]} {join_names(o.list_name for o in orgs)}."
            for role, orgs in workshop.partner_groups()
        ]
        if workshop.summary:
            parts.append(summary_text(workshop.summary, words=80))
        # Django's Atom feed declares the summary type="html", so readers parse it as HTML:
        # escaped, a name or a summary that contains markup is shown, never run.
        return escape(" ".join(parts))

    def item_guid(self, workshop):
        return stable_uuid(workshop).urn

    item_guid_is_permalink = False

    def item_pubdate(self, workshop):
        return workshop.created_at

    def item_updateddate(self, workshop):
        return workshop.updated_at
