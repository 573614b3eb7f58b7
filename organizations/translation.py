"""Which organization fields are entered per language (django-modeltranslation).

Each field gets a column per language (`name_fr`, `name_ar`, …) on the same row, so a
translated page costs no extra query. English (`name_en`) is the source every other
language falls back to.
"""

from modeltranslation.translator import TranslationOptions, register, translator

from core.editorial.history import track_translated_fields

from .models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "description")
    # The name is required in English only; an empty name in another language means
    # "not translated yet" and is stored as NULL, not "".
    required_languages = ("en",)
    empty_values = {"name": None}


# The revision history keeps every language, so a restore brings them back.
translator.register(Organization.history.model, OrganizationTranslationOptions)
track_translated_fields(Organization)  # diffs and restores see every language
