"""Finds what a browser could run in a page: the one judge for the XSS corpus and the CSP tests.

`unsafe_parts(html)` parses the page as a browser's tokenizer would (attribute values
unescaped, so `&#106;avascript:` is `javascript:`) and lists every script, event handler,
inline style, dangerous element and script-carrying URL it finds. An empty list means
nothing in the page can execute or restyle it under the site's Content-Security-Policy.
"""

import re
from html.parser import HTMLParser

# Elements that run or embed code, or change how the page's URLs resolve. Inline <svg> is
# not among them: the site draws its timeline that way, and what could make an SVG run
# (event handlers, <script>, script URLs) is looked for in it as everywhere else.
DANGEROUS_ELEMENTS = {
    "applet", "base", "embed", "frame", "frameset", "iframe", "object", "style", "template",
    "portal", "foreignobject",
}  # fmt: skip
URL_ATTRIBUTES = {
    "action", "background", "cite", "data", "formaction", "href", "icon", "manifest",
    "poster", "src", "srcset", "xlink:href", "ping",
}  # fmt: skip
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# <script> that holds data a browser never runs (JSON-LD, json_script).
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# Where the site's own scripts come from: static files, and the admin's translation catalogue.
SCRIPT_SOURCES = ("/static/", "/admin/jsi18n/")
# Browsers drop ASCII tabs, newlines and control characters from URLs before reading them.
URL_NOISE = re.compile(r"[\x00-\x20]")


def script_url(value):
    return URL_NOISE.sub("", value or "").lower().startswith(SCRIPT_SCHEMES)


class _Finder(HTMLParser):
    def __init__(self, allow_forms):
        super().__init__(convert_charrefs=True)
        self.allow_forms = allow_forms
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in DANGEROUS_ELEMENTS:
            self.found.append(f"<{tag}> element")
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            src = attributes.get("src") or ""
            if kind not in DATA_SCRIPT_TYPES and not src.startswith(SCRIPT_SOURCES):
                self.found.append(f"<script> not from the site's scripts: {attrs}")
        if tag in {"form", "button", "input", "textarea", "select"} and not self.allow_forms:
            self.found.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in attributes:
            self.found.append(f"<meta http-equiv>: {attrs}")
        if tag == "link" and (attributes.get("rel") or "").lower() in {"import", "preload"}:
            self.found.append(f"<link rel={attributes['rel']}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event handler {name}= on <{tag}>")
            elif name in {"style", "srcdoc"}:
                self.found.append(f"{name}= attribute on <{tag}>")
            elif (name in URL_ATTRIBUTES or name in {"values", "to", "from"}) and script_url(value):
                self.found.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def unsafe_parts(html, *, allow_forms=True):
    """Everything in `html` that could run script or inject style; [] when there is none."""
    finder = _Finder(allow_forms)
    finder.feed(html)
    finder.close()
    return finder.found
