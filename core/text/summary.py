"""Plain text from staff's Markdown, for places that cannot show HTML: calendars, feeds,
meta descriptions, JSON-LD."""

import html

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.text.dates import date_range_text as date_range_text
from core.text.markup import render_markdown


def markdown_to_text(text):
    """Markdown rendered (so smart quotes and entities come out right), then stripped."""
    return html.unescape(strip_tags(render_markdown(text))).strip()


def summary_text(text, words=40):
    return Truncator(" ".join(markdown_to_text(text).split())).words(words)


def join_names(names):
    """ "UNU", "UNU and UNODC", "ILO, WHO and UNHCR"."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
