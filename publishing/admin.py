"""The admin side of publishing: the status badge, publish actions, the editorial roles
(Editors draft, Publishers publish) enforced on the server, and the revision history with
its restore. The rules themselves are publishing/permissions.py; these mixins apply them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.editorial.history import history_delta
from core.editorial.widgets import SiteZoneSplitDateTime
from core.text.timezones import format_site_datetime
from publishing.enums import Status
from publishing.models import PUBLISHING_FIELDS
from publishing.permissions import can_change, can_publish, can_restore
from publishing.rules import is_scheduled

PUBLISH_REFUSED = _(
    "Only Publishers can publish, unpublish or schedule. Save it as a draft and ask a "
    "Publisher to publish it."
)


class DraftsOnlyForm(forms.ModelForm):
    """Mixed into the admin form of a user who may not publish: a change of status or of
    the publish-at time is refused on its field, and nothing is saved."""

    def clean(self):
        cleaned_data = super().clean()
        for name in PUBLISHING_FIELDS:
            if name in self.fields and name in self.changed_data:
                self.add_error(name, PUBLISH_REFUSED)
        return cleaned_data


class PublishableAdminMixin:
    """For models with `status`, `publish_at`, an `is_published` property and a
    `publish_<model>` permission.

    Roles are enforced here, on the server: without the publish permission (Editors)
    the status and publish-at time cannot change, the publish actions are refused, and
    an object that is published (or scheduled) cannot be changed at all, because
    changing it would change the public site.

    `is_published` may ask more than the status (a workshop also needs its
    series published), so the badge tells staff when a published object is
    still hidden, and why (`hidden_reason`).
    """

    actions = ["publish", "unpublish"]
    publish_actions = ("publish", "unpublish")

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_change(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.has_publish_permission(request):
            return form
        return type(form.__name__, (DraftsOnlyForm, form), {})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Publish-at is entered in the site's time zone (settings.TIME_ZONE), named beside it.
        if db_field.name == "publish_at":
            kwargs["widget"] = SiteZoneSplitDateTime()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # Django drops actions a user may not run from the form and then says only "No
        # action selected"; an Editor who posts one anyway gets a refusal that says why.
        if (
            request.method == "POST"
            and request.POST.get("action") in self.publish_actions
            and not self.has_publish_permission(request)
        ):
            self.message_user(request, PUBLISH_REFUSED, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

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
        if is_scheduled(obj):
            return format_html(
                '<img src="{}" alt=""> {}<br><small>{}</small>',
                static("admin/img/icon-clock.svg"),
                _("Scheduled"),
                format_site_datetime(obj.publish_at),
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

    def _change_status(self, request, queryset, status):
        # A fresh queryset: the changelist's may carry annotations. Each object is saved,
        # not updated in bulk, so the revision history and the admin log record the change.
        selected = list(queryset.values_list("pk", flat=True))
        changed = self.model._default_manager.filter(pk__in=selected).exclude(status=status)
        count = 0
        for obj in changed:
            obj.status = status
            obj.save(update_fields=["status", "updated_at"])
            self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
            count += 1
        return count

    @admin.action(
        description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        count = self._change_status(request, queryset, Status.PUBLISHED)
        message = ngettext(
            "%(count)d %(items)s was published.",
            "%(count)d %(items)s were published.",
            count,
        ) % {"count": count, "items": model_ngettext(self.opts, count)}
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)

    @admin.action(
        description=_("Unpublish selected %(verbose_name_plural)s (back to draft)"),
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        count = self._change_status(request, queryset, Status.DRAFT)
        message = ngettext(
            "%(count)d %(items)s was unpublished and is now a draft.",
            "%(count)d %(items)s were unpublished and are now drafts.",
            count,
        ) % {"count": count, "items": model_ngettext(self.opts, count)}
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)


class PartOfPublishableAdminMixin:
    """For the admins of rows that belong to a series or workshop (`parent_field`):
    partners, speakers, documents, organizers, links, milestones.

    Editing them edits the parent's public page, so an Editor may not change, delete or
    add them once the parent is published, as on the parent's own change page.
    """

    parent_field = ""
    PARENT_PUBLISHED = _(
        "This is published: only Publishers can change it. Ask a Publisher, or unpublish first."
    )

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_change(request.user, getattr(obj, self.parent_field)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_change(request.user, getattr(obj, self.parent_field)):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The changelist's editable columns (order, kind) save through here without the change
        # form's checks; the changelist saves in one transaction, so refusing undoes them all.
        if not can_change(request.user, getattr(obj, self.parent_field)):
            raise PermissionDenied(self.PARENT_PUBLISHED)
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field, message, user = self.parent_field, self.PARENT_PUBLISHED, request.user

        def clean(form_self):
            cleaned_data = form.clean(form_self)
            parent = cleaned_data.get(field)
            if parent is not None and not can_change(user, parent):
                form_self.add_error(field, message)
            return cleaned_data

        return type(form.__name__, (form,), {"clean": clean})


class HistoryAdmin(SimpleHistoryAdmin):
    """Each object's history with the differences between versions (django-simple-history).

    Everyone who may view an object sees its history; only a user who may delete it
    (Publishers) may restore an earlier version, and the server refuses the others'
    POST, not only the button. Django's own admin log keeps its entries as well.
    """

    def has_restore_permission(self, request):
        return can_restore(request.user, self.model)

    def revert_disabled(self, request, obj=None):
        return not self.has_restore_permission(request) or super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_restore_permission(request):
            raise PermissionDenied
        existed = self.model._default_manager.filter(pk=object_id).exists()
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and not existed:
            restored = self.model._default_manager.filter(pk=object_id).first()
            if restored is not None:
                self.restore_related(request, restored)
        return response

    def restore_related(self, request, obj):
        """Bring back what was deleted with `obj` when a deleted object is restored."""

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple-history's own loop, comparing versions language by language (issue 5).
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = history_delta(
                    previous, current, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current
