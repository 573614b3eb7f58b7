"""Which series fields are entered per language (see organizations/translation.py)."""

from modeltranslation.translator import TranslationOptions, register, translator

from core.editorial.history import track_translated_fields

from .models import Milestone, RelatedLink, Series


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("title", "label", "summary", "audience")
    required_languages = ("en",)
    empty_values = {"title": None}
    # A new series is a "Workshop Series" in English. The other languages start empty, as
    # every translation does, not with that English default, which would pass as translated.
    field_options = {"label": {"default": {"default": None}, "en": {}}}


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)
    # NULL, not "": the per-language copies of "one title per series" must not count two
    # untranslated titles as the same title.
    empty_values = {"title": None}


@register(RelatedLink)
class RelatedLinkTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)
    empty_values = {"title": None}


# The revision history keeps every language, so a restore brings them back.
translator.register(Series.history.model, SeriesTranslationOptions)
track_translated_fields(Series)  # diffs and restores see every language

translator.register(Milestone.history.model, MilestoneTranslationOptions)
track_translated_fields(Milestone)  # diffs and restores see every language

translator.register(RelatedLink.history.model, RelatedLinkTranslationOptions)
track_translated_fields(RelatedLink)  # diffs and restores see every language
