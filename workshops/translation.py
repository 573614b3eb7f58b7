"""Which workshop fields are entered per language (see organizations/translation.py)."""

from modeltranslation.translator import TranslationOptions, register, translator

from core.editorial.history import track_translated_fields

from .models import Document, Workshop, WorkshopPartner


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


@register(WorkshopPartner)
class WorkshopPartnerTranslationOptions(TranslationOptions):
    fields = ("listed_as",)
    # No fallback: a list in French names the partner by its French short name, never by
    # the English "the UN Office of Legal Affairs".
    fallback_languages = {"default": ()}


# The revision history keeps every language, so a restore brings them back.
translator.register(Workshop.history.model, WorkshopTranslationOptions)
track_translated_fields(Workshop)  # diffs and restores see every language

translator.register(WorkshopPartner.history.model, WorkshopPartnerTranslationOptions)
track_translated_fields(WorkshopPartner)

translator.register(Document.history.model, DocumentTranslationOptions)
track_translated_fields(Document)  # diffs and restores see every language
