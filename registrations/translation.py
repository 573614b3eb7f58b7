"""Which registration texts staff enter per language (see workshops/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import PrivacyNotice, Question


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("label", "options")
    required_languages = ("en",)
    empty_values = {"label": None}


@register(PrivacyNotice)
class PrivacyNoticeTranslationOptions(TranslationOptions):
    fields = ("body",)
