"""What a page tells search engines and link previews: absolute URLs and JSON-LD."""

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe

from core.infrastructure.addresses import absolute_uri
from core.text.summary import summary_text

register = template.Library()

_JSON_SCRIPT_OPEN = '<script type="application/json">'
_JSON_SCRIPT_CLOSE = "</script>"


@register.simple_tag(takes_context=True)
def absolute_url(context, path, scheme=""):
    """https://host/path for the current request; `scheme="webcal"` for a subscription link."""
    request = context.get("request")
    if request is None:  # the 500 page renders without a request
        return ""
    url = absolute_uri(request, path)
    if scheme and url.startswith("http"):
        url = scheme + url[url.index(":") :]
    return url


@register.filter
def plain_summary(markdown_text, words=40):
    return summary_text(markdown_text, words)


@register.filter
def json_ld(data):
    """<script type="application/ld+json"> with Django's json_script escaping.

    json_script escapes <, > and & (so a title containing "</script>" cannot end the
    element) but only writes type="application/json"; this keeps its escaped payload and
    changes the type. A data block, not a script: a strict Content-Security-Policy allows it.
    """
    element = json_script(data, encoder=DjangoJSONEncoder)
    if not (element.startswith(_JSON_SCRIPT_OPEN) and element.endswith(_JSON_SCRIPT_CLOSE)):
        raise ValueError(f"json_script's output changed: {element[:60]!r}")
    payload = element[len(_JSON_SCRIPT_OPEN) : -len(_JSON_SCRIPT_CLOSE)]
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
