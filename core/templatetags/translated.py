"""Translated content with an honest English fallback.

django-modeltranslation gives every translated field a column per language and makes
`workshop.title` read the reader's language, or English when that column is empty. That is
right for a page's <title> and for feeds, but a page must say where it shows English:

    {{ workshop|translated:"title" }}        the text; English wrapped in <span lang="en">
    {% translated_markdown workshop "summary" %}
                                             Markdown rendered; English in <div lang="en">
    {% fallback_notice workshop "title" "summary" %}
                                             the page's one notice, near its top: "This
                                             page is not yet fully available in français;
                                             its untranslated parts are shown in English."

`lang="en"` makes screen readers pronounce the English as English; `dir="ltr"` keeps it
left to right inside an Arabic page.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from core.text.languages import SOURCE_LANGUAGE, shown_in_english
from core.text.markup import render_markdown

register = template.Library()


@register.filter
def translated(obj, field):
    value = getattr(obj, field, "") if obj is not None else ""
    if shown_in_english(obj, field):
        return format_html('<span lang="{}" dir="ltr">{}</span>', SOURCE_LANGUAGE, value)
    return value


def notice():
    language = get_language_info(get_language())["name_translated"]
    return format_html(
        '<p class="fallback-notice">{}</p>',
        _(
            "This page is not yet fully available in %(language)s; "
            "its untranslated parts are shown in English."
        )
        % {"language": language},
    )


@register.simple_tag
def fallback_notice(obj, *fields):
    if any(shown_in_english(obj, field) for field in fields):
        return notice()
    return ""


@register.simple_tag
def translated_markdown(obj, field):
    # Safe to mark: render_markdown sanitises with an allow-list (core/text/markup.py).
    html = mark_safe(render_markdown(getattr(obj, field, "")))
    if not html or not shown_in_english(obj, field):
        return html
    # The page says once, near its top, that parts are in English (`fallback_notice`).
    return format_html('<div lang="{}" dir="ltr">{}</div>', SOURCE_LANGUAGE, html)
