from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import HTTPS_URL_FIELDS, RECORD_FIELDSET, PublishableAdminMixin, YearListFilter
from core.enums import Status
from workshops.models import Document, Participation, Workshop, WorkshopPartner


class WorkshopPartnerInline(admin.TabularInline):
    model = WorkshopPartner
    fields = ["organization", "role", "order"]
    autocomplete_fields = ["organization"]
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["person", "role", "order"]
    autocomplete_fields = ["person"]
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["title", "kind", "language", "file", "url", "order"]
    extra = 0


class WorkshopYearFilter(YearListFilter):
    date_field = "start_date"


@admin.register(Workshop)
class WorkshopAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["number", "title", "series", "start_date", "format", "status_badge"]
    list_display_links = ["number", "title"]
    list_filter = ["series", "status", WorkshopYearFilter, "format"]
    list_select_related = ["series"]
    search_fields = ["title", "partners__name", "partners__acronym"]
    date_hierarchy = "start_date"
    ordering = ["series__title", "number"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["series", "number", "title", "slug", "format"]}),
        (
            _("Publication"),
            {
                "fields": ["status"],
                "description": _(
                    "A workshop is public only when it and its series are both published. "
                    "Staff can preview drafts with “View on site”."
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

    def hidden_reason(self, obj):
        if obj.series.status != Status.PUBLISHED:
            return _("Hidden: its series is a draft.")
        return ""

    @admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["change"])
    def publish(self, request, queryset):
        super().publish(request, queryset)
        hidden = queryset.exclude(series__status=Status.PUBLISHED).count()
        if hidden:
            message = ngettext(
                "%(count)d of them stays hidden until its series is published.",
                "%(count)d of them stay hidden until their series is published.",
                hidden,
            ) % {"count": hidden}
            self.message_user(request, message, messages.WARNING)


@admin.register(WorkshopPartner)
class WorkshopPartnerAdmin(admin.ModelAdmin):
    list_display = ["organization", "role", "workshop", "order"]
    list_editable = ["order"]
    list_filter = ["role", "workshop__series"]
    list_select_related = ["organization", "workshop"]
    search_fields = ["organization__name", "organization__acronym", "workshop__title"]
    autocomplete_fields = ["workshop", "organization"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "workshop", "order"]
    list_editable = ["order"]
    list_filter = ["role", "workshop__series"]
    list_select_related = ["person", "workshop"]
    search_fields = ["person__name", "workshop__title"]
    autocomplete_fields = ["workshop", "person"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
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
