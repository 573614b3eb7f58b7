"""Which workshop fields are entered per language (issue 5; see organizations/translation.py)."""

from modeltranslation.translator import TranslationOptions, register, translator

from core.editorial.history import track_translated_fields

from .models import Document, Workshop


@register(Workshop)
class WorkshopTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("en",)
    empty_values = {"title": None}


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)
    empty_values = {"title": None}


# The revision history (issue 4) keeps every language, so a restore brings them back.
translator.register(Workshop.history.model, WorkshopTranslationOptions)
track_translated_fields(Workshop)  # diffs and restores see every language

translator.register(Document.history.model, DocumentTranslationOptions)
track_translated_fields(Document)  # diffs and restores see every language
