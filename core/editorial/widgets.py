from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime, get_select2_language
from django.utils.html import format_html
from django.utils.translation import gettext as _


class MarkdownTextarea(forms.Textarea):
    """A textarea with a "Preview" button that shows the rendered text in a new tab.

    No JavaScript (the site's content security policy allows none inline): the button
    submits the form to the preview view with `formaction`, which renders the one field
    it names and saves nothing.
    """

    def __init__(self, preview_url, attrs=None):
        super().__init__(attrs)
        self.preview_url = preview_url

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<p><button type="submit" class="button" formaction="{}" formtarget="_blank" '
            'formnovalidate name="_markdown_preview" value="{}">{}</button></p>',
            textarea,
            self.preview_url,
            name,
            _("Preview"),
        )


class SiteZoneSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs with the site's time zone named beside them, each
    input named for screen readers (the field's label belongs to the pair)."""

    def __init__(self, attrs=None, labels=("", "")):
        super().__init__(attrs)
        for widget, label in zip(self.widgets, labels, strict=True):
            if label:
                widget.attrs["aria-label"] = label

    def render(self, name, value, attrs=None, renderer=None):
        from core.text.timezones import site_zone_note

        return format_html(
            '{}<p class="help timezone-note">{}</p>',
            super().render(name, value, attrs, renderer),
            site_zone_note(),
        )


class SearchableSelect(forms.Select):
    """A long select (the IANA time zones) that staff filter by typing: Select2, which the
    admin ships for its autocomplete fields, started by a static script of ours (no inline
    script). Without script it is a plain select, which also finds an entry by typing."""

    @property
    def media(self):
        language = get_select2_language()
        i18n = (f"admin/js/vendor/select2/i18n/{language}.js",) if language else ()
        return forms.Media(
            js=(
                "admin/js/vendor/jquery/jquery.min.js",
                "admin/js/vendor/select2/select2.full.min.js",
                *i18n,
                "admin/js/jquery.init.js",
                "js/admin-searchable-select.js",
            ),
            css={
                "screen": (
                    "admin/css/vendor/select2/select2.min.css",
                    "admin/css/autocomplete.css",
                )
            },
        )

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "searchable-select", **(attrs or {})}, choices)
        self.attrs["lang"] = "en"  # IANA names are English whatever the admin's language
