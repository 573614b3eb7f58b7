"""Markdown written by staff, rendered to HTML that cannot carry script.

`markdown-it-py` (CommonMark) turns the text into HTML; `nh3` (the Rust ammonia sanitiser)
then keeps only the tags and attributes below, so pasted <script>, event handlers and
javascript: links never reach a reader.

Why markdown-it-py and not Python-Markdown: CommonMark's parsing algorithm is linear in
the length of the text, and markdown-it-py follows it (delimiter runs matched with a stack,
link labels bounded, nesting capped at `maxNesting`). Python-Markdown's regular
expressions backtrack: 8,000 characters of "[" or "<a " took it over 20 seconds, and the
time grew with the square of the length or worse (docs/benchmarks.md). The shipped
content renders to the same HTML with both.
"""

from functools import lru_cache

import nh3
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

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


# CommonMark, plus tables, smart quotes, and dashes and ellipses (Python-Markdown's
# "smarty"). Raw HTML is parsed, then nh3 keeps what the allow-list allows. Thread-safe:
# each render keeps its state to itself; the options are never changed after this line.
_PARSER = MarkdownIt("commonmark", {"typographer": True, "maxNesting": 20}).enable(
    ["table", "smartquotes", "replacements"]
)


# The same text renders to the same HTML, and a page shows each text more than once (the
# page, its meta description, link previews, JSON-LD); the feed of a large series spent
# most of its time here (docs/benchmarks.md). Thread-safe; about a few megabytes at most.
@lru_cache(maxsize=4096)
def render_markdown(text):
    html = _PARSER.render(text or "").rstrip("\n")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
