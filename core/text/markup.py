"""Markdown written by staff, rendered to HTML that cannot carry script.

`markdown` turns the text into HTML; `nh3` (the Rust ammonia sanitiser) then keeps
only the tags and attributes below, so pasted <script>, event handlers and
javascript: links never reach a reader.
"""

from functools import lru_cache

import markdown
import nh3
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "ul",
    "table", "thead", "tbody", "tr", "th", "td",  # Markdown tables (a programme, a budget)
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# The help text of every Markdown field in the admin: what the allow-list above keeps.
MARKDOWN_HELP = _(
    "Markdown. Separate paragraphs with an empty line. *italic*, **bold**, "
    "[link text](https://example.org), lists with “- ” or “1. ”, headings with “## ”, "
    "quotes with “> ”. Other HTML is removed. “Preview” shows the text as readers will see it."
)


# The same text renders to the same HTML, and a page shows each text more than once (the
# page, its meta description, link previews, JSON-LD); the feed of a large series spent
# most of its time here (docs/benchmarks.md). Thread-safe; about a few megabytes at most.
@lru_cache(maxsize=4096)
def render_markdown(text):
    html = markdown.markdown(
        text or "", extensions=["sane_lists", "smarty", "tables"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
