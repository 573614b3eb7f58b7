"""The page you are reading, in each of the six languages.

    {% language_versions as versions %}

gives, for every language in settings.LANGUAGES, its code, its name in itself ("Français",
"العربية") and the address of this same page in it, query string included, so that the
language switcher and the `hreflang` alternates keep the reader where they are.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from core.infrastructure.addresses import site_path

register = template.Library()


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in the language itself, so that a reader finds their own
    bidi: bool
    path: str
    current: bool


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:  # the 500 page renders without a request
        return []
    path = site_path(request.get_full_path())
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        versions.append(
            LanguageVersion(
                code=code,
                name=info["name_local"],
                bidi=info["bidi"],
                path=translate_url(path, code),
                current=code == current,
            )
        )
    return versions
