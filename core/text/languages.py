"""Which language a translated field is read in.

django-modeltranslation makes `workshop.title` read the reader's language, or English when
that language has no text yet. Pages, calendars and the JSON data say which it was, so
these helpers answer it for any object, translated or not.
"""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def is_translated_field(obj, field):
    try:
        return field in translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        return False


def shown_in_english(obj, field):
    """Whether the reader gets English for `field` because their language has no text yet."""
    language = get_language() or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE or obj is None or not is_translated_field(obj, field):
        return False
    if getattr(obj, build_localized_fieldname(field, language), None):
        return False
    return bool(getattr(obj, build_localized_fieldname(field, SOURCE_LANGUAGE), None))


def language_of(obj, field):
    """The language code of the text `obj.<field>` gives the current reader."""
    return SOURCE_LANGUAGE if shown_in_english(obj, field) else get_language() or SOURCE_LANGUAGE
