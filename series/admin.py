from django.contrib import admin
from django.db.models import Count, Max, Min
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.editorial.admin import (
    HTTPS_URL_FIELDS,
    RECORD_FIELDSET,
    LabelledInlineMixin,
    MarkdownHelpMixin,
)
from core.editorial.translation import (
    MissingTranslationFilter,
    TranslatedAdminMixin,
    TranslatedSearchMixin,
    TranslationStatusMixin,
)
from publishing.admin import HistoryAdmin, PartOfPublishableAdminMixin, PublishableAdminMixin
from series.models import Milestone, RelatedLink, Series, SeriesOrganizer


class SeriesOrganizerInline(LabelledInlineMixin, admin.TabularInline):
    model = SeriesOrganizer
    fields = ["organization", "role", "order"]
    autocomplete_fields = ["organization"]
    extra = 0


# Translated fields show one input per language, grouped per field:
# core/editorial/translation.py says how and why.
class RelatedLinkInline(LabelledInlineMixin, TranslatedAdminMixin, TranslationTabularInline):
    model = RelatedLink
    formfield_overrides = HTTPS_URL_FIELDS
    # RelatedLink points at Series twice: the series it belongs to and the one it links to.
    fk_name = "series"
    fields = ["title", "url", "target_series", "order"]
    autocomplete_fields = ["target_series"]
    extra = 0


class MilestoneInline(
    LabelledInlineMixin, MarkdownHelpMixin, TranslatedAdminMixin, TranslationStackedInline
):
    model = Milestone
    markdown_fields = ["description"]
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["title", ("start_date", "end_date"), "url", "description"]
    extra = 0


@admin.register(Series)
class SeriesAdmin(
    PublishableAdminMixin,
    MarkdownHelpMixin,
    TranslationStatusMixin,
    TranslatedAdminMixin,
    TranslationAdmin,
    HistoryAdmin,
):
    list_display = [
        "title",
        "label",
        "status_badge",
        "translation_languages",
        "featured",
        "workshop_count",
        "first_date",
        "last_date",
        "coordinator",
    ]
    list_filter = ["status", "featured", MissingTranslationFilter]
    list_select_related = ["coordinator"]
    search_fields = ["title", "slug", "label"]
    # The slug comes from the English title, whatever the editor's admin language.
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["coordinator"]
    readonly_fields = ["translation_status", "created_at", "updated_at"]
    markdown_fields = ["summary"]
    # By the English title: every series has one, whatever the editor's admin language.
    ordering = ["title_en"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "label", "translation_status"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "publish_at", "featured"],
                "description": _(
                    "Drafts are hidden from the public; staff can still preview them "
                    "with “View on site”. A series' workshops are public only while "
                    "the series is published. Only Publishers can publish, unpublish "
                    "or schedule."
                ),
            },
        ),
        (_("Summary report"), {"fields": ["summary", "audience", "coordinator"]}),
        RECORD_FIELDSET,
    ]
    inlines = [SeriesOrganizerInline, RelatedLinkInline, MilestoneInline]

    def get_queryset(self, request):
        # The counts and dates of every row in one query, not one query per row.
        return (
            super()
            .get_queryset(request)
            .annotate(
                workshop_count=Count("workshops"),
                first_date=Min("workshops__start_date"),
                last_date=Max(Coalesce("workshops__end_date", "workshops__start_date")),
            )
        )

    @admin.display(description=_("workshops"), ordering="workshop_count")
    def workshop_count(self, obj):
        return obj.workshop_count

    @admin.display(description=_("first workshop"), ordering="first_date")
    def first_date(self, obj):
        return obj.first_date

    @admin.display(description=_("last workshop"), ordering="last_date")
    def last_date(self, obj):
        return obj.last_date


@admin.register(SeriesOrganizer)
class SeriesOrganizerAdmin(PartOfPublishableAdminMixin, TranslatedSearchMixin, HistoryAdmin):
    parent_field = "series"
    list_display = ["organization", "series", "role", "order"]
    list_editable = ["order"]
    list_filter = ["series"]
    list_select_related = ["organization", "series"]
    search_fields = ["organization__name", "organization__acronym", "series__title", "role"]
    autocomplete_fields = ["series", "organization"]


@admin.register(RelatedLink)
class RelatedLinkAdmin(
    PartOfPublishableAdminMixin, TranslatedAdminMixin, TranslationAdmin, HistoryAdmin
):
    parent_field = "series"
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "series", "url", "target_series", "order"]
    list_editable = ["order"]
    list_filter = ["series"]
    list_select_related = ["series", "target_series"]
    search_fields = ["title", "url", "series__title", "target_series__title"]
    autocomplete_fields = ["series", "target_series"]
    fieldsets = [
        (None, {"fields": ["series", "title", "order"]}),
        (
            _("Where the link leads"),
            {
                "fields": ["url", "target_series"],
                "description": _("Either an external address or a series on this site."),
            },
        ),
    ]


@admin.register(Milestone)
class MilestoneAdmin(
    PartOfPublishableAdminMixin,
    MarkdownHelpMixin,
    TranslatedAdminMixin,
    TranslationAdmin,
    HistoryAdmin,
):
    parent_field = "series"
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "series", "start_date", "end_date"]
    list_filter = ["series"]
    list_select_related = ["series"]
    search_fields = ["title", "description", "series__title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["series"]
    fields = ["series", "title", ("start_date", "end_date"), "url", "description"]
    markdown_fields = ["description"]
