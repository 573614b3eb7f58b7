from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.editorial.admin import (
    HTTPS_URL_FIELDS,
    RECORD_FIELDSET,
    LabelledInlineMixin,
    MarkdownHelpMixin,
    YearListFilter,
)
from core.editorial.translation import (
    MissingTranslationFilter,
    TranslatedAdminMixin,
    TranslatedSearchMixin,
    TranslationStatusMixin,
)
from core.editorial.widgets import SearchableSelect
from core.text.timezones import venue_time_zone_choices
from publishing.admin import HistoryAdmin, PartOfPublishableAdminMixin, PublishableAdminMixin
from publishing.permissions import can_import
from publishing.rules import is_public, is_scheduled, published_q
from workshops.editorial import deleted_workshops, duplicate_workshop, restore_deleted_children
from workshops.models import Document, Participation, Workshop, WorkshopPartner
from workshops.resources import WorkshopResource


class WorkshopPartnerInline(LabelledInlineMixin, admin.TabularInline):
    model = WorkshopPartner
    fields = ["organization", "role", "order"]
    autocomplete_fields = ["organization"]
    extra = 0


class ParticipationInline(LabelledInlineMixin, admin.TabularInline):
    model = Participation
    fields = ["person", "role", "order"]
    autocomplete_fields = ["person"]
    extra = 0


# Translated fields show one input per language, grouped per field:
# core/editorial/translation.py says how and why.
class DocumentInline(LabelledInlineMixin, TranslatedAdminMixin, TranslationTabularInline):
    model = Document
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["title", "kind", "language", "file", "url", "order"]
    extra = 0


class WorkshopYearFilter(YearListFilter):
    date_field = "start_date"


@admin.register(Workshop)
class WorkshopAdmin(
    PublishableAdminMixin,
    MarkdownHelpMixin,
    ImportExportMixin,
    TranslationStatusMixin,
    TranslatedAdminMixin,
    TranslationAdmin,
    HistoryAdmin,
):
    list_display = [
        "number",
        "title",
        "series",
        "start_date",
        "format",
        "status_badge",
        "translation_languages",
    ]
    list_display_links = ["number", "title"]
    list_filter = ["series", "status", WorkshopYearFilter, "format", MissingTranslationFilter]
    list_select_related = ["series"]
    search_fields = ["title", "partners__name", "partners__acronym"]
    date_hierarchy = "start_date"
    ordering = ["series__title_en", "number"]  # English: every series has a title in it
    # The slug comes from the English title, whatever the editor's admin language.
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["translation_status", "created_at", "updated_at"]
    markdown_fields = ["summary"]
    actions = ["publish", "unpublish", "duplicate"]
    # Spreadsheets (django-import-export): CSV and XLSX only, rows matched on series + number.
    resource_classes = [WorkshopResource]
    formats = [CSV, XLSX]
    change_list_template = "admin/workshops/workshop/change_list.html"
    fieldsets = [
        (None, {"fields": ["series", "number", "title", "slug", "format", "translation_status"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "publish_at"],
                "description": _(
                    "A workshop is public only when it and its series are both published. "
                    "Staff can preview drafts with “View on site”. Only Publishers can "
                    "publish, unpublish or schedule."
                ),
            },
        ),
        (
            _("Date, time and venue"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    ("start_time", "end_time"),
                    "time_zone",
                    "venue",
                ],
                "description": _("Times are the local times at the venue."),
            },
        ),
        (_("Summary"), {"fields": ["summary"]}),
        RECORD_FIELDSET,
    ]
    inlines = [WorkshopPartnerInline, ParticipationInline, DocumentInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The venue's zone is chosen from the IANA list, searchable, not typed.
        if db_field.name == "time_zone":
            return forms.ChoiceField(
                choices=venue_time_zone_choices(),
                label=db_field.verbose_name,
                initial=db_field.default,
                help_text=_("Type to search: a city or region, such as Zurich or New York."),
                validators=db_field.validators,
                widget=SearchableSelect(),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def hidden_reason(self, obj):
        if is_public(obj.series):
            return ""
        if is_scheduled(obj.series):
            return _("Hidden: its series is scheduled for later.")
        return _("Hidden: its series is a draft.")

    @admin.action(
        description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        super().publish(request, queryset)
        hidden = queryset.exclude(published_q("series__")).count()
        if hidden:
            message = ngettext(
                "%(count)d of them stays hidden until its series is published.",
                "%(count)d of them stay hidden until their series is published.",
                hidden,
            ) % {"count": hidden}
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Duplicate selected workshops as new drafts"), permissions=["add"])
    def duplicate(self, request, queryset):
        copies = [duplicate_workshop(workshop) for workshop in queryset.select_related("series")]
        message = ngettext(
            "%(count)d workshop was duplicated as a draft: %(copies)s.",
            "%(count)d workshops were duplicated as drafts: %(copies)s.",
            len(copies),
        ) % {"count": len(copies), "copies": ", ".join(str(copy) for copy in copies)}
        self.message_user(request, message, messages.SUCCESS)

    def has_import_permission(self, request):
        return can_import(request.user, self.model)

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing on confirm too, should the data have changed since the preview.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_urls(self):
        urls = [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_view),
                name="workshops_workshop_deleted",
            )
        ]
        return urls + super().get_urls()

    def deleted_view(self, request):
        """Deleted workshops, each linking to its history, where a Publisher restores it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Deleted workshops"),
            "records": deleted_workshops(),
            "can_restore": self.has_restore_permission(request),
        }
        return TemplateResponse(request, "admin/workshops/workshop/deleted.html", context)

    def restore_related(self, request, obj):
        restore_deleted_children(obj)


@admin.register(WorkshopPartner)
class WorkshopPartnerAdmin(PartOfPublishableAdminMixin, TranslatedSearchMixin, HistoryAdmin):
    parent_field = "workshop"
    list_display = ["organization", "role", "workshop", "order"]
    list_editable = ["order"]
    list_filter = ["role", "workshop__series"]
    list_select_related = ["organization", "workshop"]
    search_fields = ["organization__name", "organization__acronym", "workshop__title"]
    autocomplete_fields = ["workshop", "organization"]


@admin.register(Participation)
class ParticipationAdmin(PartOfPublishableAdminMixin, TranslatedSearchMixin, HistoryAdmin):
    parent_field = "workshop"
    list_display = ["person", "role", "workshop", "order"]
    list_editable = ["order"]
    list_filter = ["role", "workshop__series"]
    list_select_related = ["person", "workshop"]
    search_fields = ["person__name", "workshop__title"]
    autocomplete_fields = ["workshop", "person"]


@admin.register(Document)
class DocumentAdmin(
    PartOfPublishableAdminMixin, TranslatedAdminMixin, TranslationAdmin, HistoryAdmin
):
    parent_field = "workshop"
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "kind", "language", "workshop", "order"]
    list_editable = ["kind", "order"]
    list_filter = ["kind", "language", "workshop__series"]
    list_select_related = ["workshop"]
    search_fields = ["title", "url", "workshop__title"]
    autocomplete_fields = ["workshop"]
    fieldsets = [
        (None, {"fields": ["workshop", "title", "kind", "language", "order"]}),
        (
            _("The document itself"),
            {
                "fields": ["file", "url"],
                "description": _("Upload a file or give a web address, not both."),
            },
        ),
    ]
