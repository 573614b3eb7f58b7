"""How a page names an organization: `{% listed_name organization %}`.

In a list the name is the one staff chose for that context (a workshop partner's
`listed_as`: "the UN Office of Legal Affairs"), else the short name in the reader's language
(ILO, OIT in French) with the full name as its expansion, else the full name. A short or
full name shown in English on another language's page is marked `lang="en"`.
"""

from django import template
from django.utils.html import format_html

from core.templatetags.translated import translated

register = template.Library()


@register.simple_tag
def listed_name(organization):
    listed = getattr(organization, "listed_as", "")
    if listed:
        return listed
    if organization.acronym:
        return format_html(
            '<abbr title="{}">{}</abbr>', organization.name, translated(organization, "acronym")
        )
    return translated(organization, "name")
