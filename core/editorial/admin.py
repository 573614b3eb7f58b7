"""Admin pieces shared by the apps: URL fields, the record fieldset, a year filter and
Markdown fields with help and a preview.

What depends on publishing (the status badge, publish actions, the roles, restoring from
the history) is in publishing/admin.py. Nothing here imports from the apps; they import
from here.
"""

import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.editorial.views import markdown_preview_view
from core.editorial.widgets import MarkdownTextarea
from core.text.markup import MARKDOWN_HELP

# Staff paste addresses without a scheme ("www.iom.int"): take them as https, as Django 6.0
# will, instead of http with a deprecation warning. For every admin that edits a URLField.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

# When an object was created and last changed: read-only, folded away until wanted.
RECORD_FIELDSET = (
    _("Record"),
    {"fields": ["created_at", "updated_at"], "classes": ["collapse"]},
)


class YearListFilter(admin.SimpleListFilter):
    """Filters by the year of `date_field`; offers only the years that have objects.

    A year that is not a number, or is out of range, is refused the way the
    admin refuses any bad lookup: a redirect to the list with `?e=1`, not a 500.
    """

    title = _("year")
    parameter_name = "year"
    date_field = "start_date"

    def lookups(self, request, model_admin):
        dates = model_admin.model._default_manager.dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in dates]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        try:
            year = int(value)
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            raise IncorrectLookupParameters(f"Year out of range: {year}")
        return queryset.filter(**{f"{self.date_field}__year": year})


class MarkdownHelpMixin:
    """Markdown fields (named in `markdown_fields`) say which syntax they take and have a
    Preview button. On a ModelAdmin the mixin also serves the preview, at
    `<model>/markdown-preview/`; an inline uses its parent admin's (which needs the mixin).
    """

    markdown_fields = ()
    # Enter in a text field submits the form with its first submit button, which would be
    # the Preview button; the Save buttons on top come first and keep Enter saving.
    save_on_top = True

    def get_urls(self):
        opts = self.opts
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(markdown_preview_view(self)),
            name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
        )
        return [preview, *super().get_urls()]

    def markdown_preview_url(self):
        opts = getattr(self, "parent_model", self.model)._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_markdown_preview"
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A field entered per language (`summary_fr`) is Markdown when its source
        # field (`summary`) is.
        is_markdown = getattr(db_field, "translated_field", db_field).name in self.markdown_fields
        if is_markdown:
            kwargs["widget"] = MarkdownTextarea(preview_url=self.markdown_preview_url())
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and is_markdown:
            formfield.help_text = MARKDOWN_HELP
        return formfield


class LabelledInlineMixin:
    """Inline rows whose inputs each carry their column's name (`aria-label`): a tabular
    row's inputs have no label element, so a screen reader would announce "edit text"."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        def add_fields(formset_self, form, index):
            formset.add_fields(formset_self, form, index)
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs.setdefault("aria-label", str(field.label or name))

        return type(formset.__name__, (formset,), {"add_fields": add_fields})
