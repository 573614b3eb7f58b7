"""What staff may type into a text field, and what every output strips from older rows.

Control characters are invisible, nobody means to type them, and they break the formats the
site writes: XML (the Atom feed) may not contain most of them, openpyxl refuses them in a
spreadsheet, iCalendar forbids them. They arrive by pasting from a word processor or a PDF,
or in an imported spreadsheet. Single-line text takes none; text that spans lines keeps the
tab, the line feed and the carriage return that browsers send.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C1 controls, DEL, the two noncharacters XML forbids, lone surrogates (no UTF-8 output can
# encode them); then the C0 controls, all of them or all but tab, line feed and return.
_OTHERS = "\x7f-\x9f\ufffe\uffff\ud800-\udfff"
CONTROL_IN_LINE = re.compile(f"[\x00-\x1f{_OTHERS}]")
CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHERS}]")


def without_control_characters(text, multiline=True):
    """`text` with the characters an input would refuse removed: for outputs that meet rows
    stored before the check existed."""
    pattern = CONTROL_IN_TEXT if multiline else CONTROL_IN_LINE
    return pattern.sub("", text)


def check_text(value, multiline):
    """A ValidationError naming the first control character in `value` and where it is."""
    match = (CONTROL_IN_TEXT if multiline else CONTROL_IN_LINE).search(value)
    if match:
        raise ValidationError(
            _(
                "This text contains an invisible control character (%(code)s) at character "
                "%(position)s. Delete it, or paste the text again as plain text."
            ),
            code="control_character",
            params={"code": f"U+{ord(match.group()):04X}", "position": match.start() + 1},
        )
    if multiline and len(value) > settings.TEXT_MAX_LENGTH:
        raise ValidationError(
            _(
                "This text has %(length)s characters; at most %(limit)s are allowed. "
                "Shorten it, or link to a document instead."
            ),
            code="too_long",
            params={"length": len(value), "limit": settings.TEXT_MAX_LENGTH},
        )


class CleanTextMixin:
    """Every text field of the model refuses control characters, and long text (Markdown
    included) is bounded by TEXT_MAX_LENGTH: in the admin, in imports, wherever
    `full_clean()` runs. Translated copies (`title_fr`) are checked like their source."""

    def clean_fields(self, exclude=None):
        # Imported here: the settings import core/editorial/spreadsheets.py, which imports
        # this module, before Django is set up.
        from django.db import models

        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if field.name in (exclude or ()) or field.name in errors:
                continue
            if not isinstance(field, models.CharField | models.TextField):
                continue
            value = getattr(self, field.attname)
            if not isinstance(value, str):
                continue
            try:
                check_text(value, multiline=isinstance(field, models.TextField))
            except ValidationError as error:
                errors[field.name] = [error]
        if errors:
            raise ValidationError(errors)
