from django import forms
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
