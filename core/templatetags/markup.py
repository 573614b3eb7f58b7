from django import template
from django.utils.safestring import mark_safe

from core.text.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    # Safe to mark: render_markdown sanitises with an allow-list.
    return mark_safe(render_markdown(text))
