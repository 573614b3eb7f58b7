"""Admin pieces shared by the apps: the status badge, publish actions, a year filter.

Nothing here imports from the apps; they import from here.
"""

import datetime

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import model_ngettext
from django.db import models
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.enums import Status

# Staff paste addresses without a scheme ("www.iom.int"): take them as https, as Django 6.0
# will, instead of http with a deprecation warning. For every admin that edits a URLField.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

# When an object was created and last changed: read-only, folded away until wanted.
RECORD_FIELDSET = (
    _("Record"),
    {"fields": ["created_at", "updated_at"], "classes": ["collapse"]},
)


class PublishableAdminMixin:
    """For models with a `status` field and an `is_published` property.

    `is_published` may ask more than the status (a workshop also needs its
    series published), so the badge tells staff when a published object is
    still hidden, and why (`hidden_reason`).
    """

    actions = ["publish", "unpublish"]

    def hidden_reason(self, obj):
        """Why an object whose own status is published is still hidden, if anything."""
        return ""

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.status != Status.PUBLISHED:
            return format_html(
                '<img src="{}" alt=""> {}',
                static("admin/img/icon-no.svg"),
                obj.get_status_display(),
            )
        reason = "" if obj.is_published else self.hidden_reason(obj)
        if reason:
            return format_html(
                '<img src="{}" alt=""> {}<br><small>{}</small>',
                static("admin/img/icon-alert.svg"),
                obj.get_status_display(),
                reason,
            )
        return format_html(
            '<img src="{}" alt=""> {}', static("admin/img/icon-yes.svg"), obj.get_status_display()
        )

    def _change_status(self, queryset, status):
        # A fresh queryset: the changelist's may carry annotations that an UPDATE cannot take.
        selected = list(queryset.values_list("pk", flat=True))
        return (
            self.model._default_manager.filter(pk__in=selected)
            .exclude(status=status)
            # update() skips auto_now, so the timestamp is set here.
            .update(status=status, updated_at=timezone.now())
        )

    @admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._change_status(queryset, Status.PUBLISHED)
        message = ngettext(
            "%(count)d %(items)s was published.",
            "%(count)d %(items)s were published.",
            count,
        ) % {"count": count, "items": model_ngettext(self.opts, count)}
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)

    @admin.action(
        description=_("Unpublish selected %(verbose_name_plural)s (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        count = self._change_status(queryset, Status.DRAFT)
        message = ngettext(
            "%(count)d %(items)s was unpublished and is now a draft.",
            "%(count)d %(items)s were unpublished and are now drafts.",
            count,
        ) % {"count": count, "items": model_ngettext(self.opts, count)}
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)


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
