from django import forms
from django.contrib import admin
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationAdmin

from core.editorial.admin import HTTPS_URL_FIELDS, RECORD_FIELDSET, MarkdownHelpMixin
from core.editorial.translation import TranslatedAdminMixin, TranslatedSearchMixin
from organizations.models import Organization, Person
from organizations.resources import OrganizationResource
from publishing.admin import HistoryAdmin, ReviewedChangesMixin


class OrganizationForm(forms.ModelForm):
    """The slug follows the acronym as staff type it; left empty, it comes from acronym or name.

    No `Meta`: the admin builds the form's model and fields from its fieldsets.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The last part of the organization's address on this site. "
                "Left empty, it is made from the acronym, or from the name if there is none."
            )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            # The admin's form has the name per language; the slug follows English.
            name = cleaned_data.get("name_en") or cleaned_data.get("name")
            acronym = cleaned_data.get("acronym_en") or cleaned_data.get("acronym")
            source = acronym or name or ""
            cleaned_data["slug"] = slugify(source)[
                : Organization._meta.get_field("slug").max_length
            ]
        return cleaned_data


@admin.register(Organization)
class OrganizationAdmin(
    ReviewedChangesMixin,
    MarkdownHelpMixin,
    ExportMixin,
    TranslatedAdminMixin,
    TranslationAdmin,
    HistoryAdmin,
):
    form = OrganizationForm
    markdown_fields = ["description"]
    # Export to CSV or XLSX (django-import-export); slugs identify organizations.
    resource_classes = [OrganizationResource]
    formats = [CSV, XLSX]
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "acronym", "kind"]
    list_editable = ["kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["acronym"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind"]}),
        (_("About the organization"), {"fields": ["website", "logo", "description"]}),
        RECORD_FIELDSET,
    ]


@admin.register(Person)
class PersonAdmin(ReviewedChangesMixin, TranslatedSearchMixin, HistoryAdmin):
    list_display = ["name", "position", "organization"]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organization"]
    search_fields = ["name", "position", "organization__name", "organization__acronym"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug"]}),
        (_("Position"), {"fields": ["position", "organization"]}),
        RECORD_FIELDSET,
    ]
