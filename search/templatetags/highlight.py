"""Matched words in <mark>, the rest escaped."""

import re

from django import template
from django.utils.html import escape, format_html_join

from core.text.summary import markdown_to_text

register = template.Library()


def _stem(word):
    # PostgreSQL matches by stem ("trafficked" finds "Trafficking"); dropping the last two
    # letters of a long word marks those words too. Short words are kept whole.
    return word[:-2] if len(word) >= 6 else word


def _pattern(words):
    # Longest first, so "migration" wins over "migr"; \w* marks the whole word a stem matched.
    stems = sorted({_stem(w) for w in words}, key=len, reverse=True)
    alternatives = "|".join(re.escape(stem) for stem in stems)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


@register.filter
def highlight(text, words):
    text = str(text or "")
    if not words:
        return escape(text)
    pairs, last = [], 0
    for match in _pattern(words).finditer(text):
        pairs.append((text[last : match.start()], match[0]))
        last = match.end()
    # format_html_join escapes each piece; no mark_safe (tests/security/test_mark_safe.py).
    return format_html_join("", "{}<mark>{}</mark>", pairs) + escape(text[last:])


@register.filter
def excerpt(markdown_text, words, size=30):
    """About `size` words of the plain text around the first match, with "…" where cut."""
    tokens = markdown_to_text(markdown_text).split()
    if not tokens:
        return ""
    start = 0
    if words:
        pattern = _pattern(words)
        start = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
        start = max(0, start - size // 3)
    end = start + size
    text = " ".join(tokens[start:end])
    return ("… " if start else "") + text + (" …" if end < len(tokens) else "")
