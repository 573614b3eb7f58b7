"""The admin side of publishing: the status badge, publish actions, the editorial roles
(Editors draft, Publishers publish) enforced on the server, and the revision history with
its restore. The rules themselves are publishing/permissions.py; these mixins apply them.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.editorial.history import history_delta
from core.editorial.widgets import SiteZoneSplitDateTime
from core.text.timezones import format_site_datetime
from publishing.enums import Status
from publishing.models import PUBLISHING_FIELDS, Proposal, ProposalStatus
from publishing.permissions import (
    can_change,
    can_publish,
    can_restore,
    can_review,
    needs_review,
)
from publishing.proposals import ProposedForms, decide, propose
from publishing.rules import is_public, is_scheduled

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


class ReviewedChangesMixin:
    """Editors propose, Publishers decide (publishing/proposals.py).

    A user who may not publish an object that readers can see (`needs_review`) still gets
    its change form, but what they save becomes a proposal: nothing of the object, its
    inline rows or its history changes until a Publisher approves. Every other way to
    save the object (a changelist's editable columns) is refused on the server.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is not None and needs_review(request.user, obj):
            if request.method == "POST" and any(request.FILES.values()):
                self.message_user(request, FILES_NOT_PROPOSED, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            request.proposing = True
            if request.method == "GET":
                self.message_user(request, PROPOSAL_NOTICE, messages.INFO)
            extra_context = {**(extra_context or {}), "proposing": True}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if getattr(request, "proposing", False):
            request.proposal = propose(request, obj)
            return
        if change and needs_review(request.user, obj):
            raise PermissionDenied(PROPOSAL_NOTICE)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "proposing", False):
            super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "proposing", False):
            return []  # nothing was saved, so the formsets list no saved rows
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if not getattr(request, "proposing", False):
            return super().log_change(request, obj, message)
        return None

    def response_change(self, request, obj):
        proposal = getattr(request, "proposal", None)
        if proposal is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "Your change to “%(object)s” was sent to the Publishers for review. Readers "
                "see the published version until a Publisher approves it."
            )
            % {"object": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:publishing_proposal_change", args=[proposal.pk])
        )


FILES_NOT_PROPOSED = _(
    "This is published, so your change will be reviewed by a Publisher; files cannot wait "
    "for review. Propose the change without the file, and send the file to a Publisher."
)
PROPOSAL_NOTICE = _(
    "Readers see this. What you save here is sent to the Publishers as a proposal, and the "
    "site keeps the published version until one of them approves it."
)


class PublishableAdminMixin(ReviewedChangesMixin):
    """For models with `status`, `publish_at`, an `is_published` property and a
    `publish_<model>` permission.

    Roles are enforced here, on the server: without the publish permission (Editors)
    the status and publish-at time cannot change, the publish actions are refused, and
    a change to an object that is published (or scheduled) becomes a proposal that a
    Publisher approves or rejects (`ReviewedChangesMixin`), because changing it would
    change the public site.

    `is_published` may ask more than the status (a workshop also needs its
    series published), so the badge tells staff when a published object is
    still hidden, and why (`hidden_reason`).
    """

    actions = ["publish", "unpublish"]
    publish_actions = ("publish", "unpublish")

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.has_publish_permission(request):
            return form
        return type(form.__name__, (DraftsOnlyForm, form), {})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Publish-at is entered in the site's time zone (settings.TIME_ZONE), named beside it.
        if db_field.name == "publish_at":
            kwargs["widget"] = SiteZoneSplitDateTime(
                labels=(_("Publish at: date"), _("Publish at: time"))
            )
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


def is_publishable(obj):
    return hasattr(obj, "status") and hasattr(obj, "publish_at")


def field_label(field):
    """ "Title (French)" for a translated column, the field's own name otherwise."""
    source = getattr(field, "translated_field", field)
    code = getattr(field, "language", None)
    label = capfirst(source.verbose_name)
    return f"{label} ({dict(settings.LANGUAGES)[code]})" if code else label


def value_label(field, value):
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


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
        current = self.model._default_manager.filter(pk=object_id).first()
        existed = current is not None
        if request.method == "GET":
            extra_context = {
                **(extra_context or {}),
                **self.revert_preview(current, object_id, version_id),
            }
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and not existed:
            restored = self.model._default_manager.filter(pk=object_id).first()
            if restored is not None:
                self.restore_related(request, restored)
                self.message_user(
                    request,
                    _("“%(object)s” was restored: it exists again as it was in that version.")
                    % {"object": restored},
                    messages.SUCCESS,
                )
        return response

    def revert_preview(self, current, object_id, version_id):
        """What reverting to `version_id` would change against the current version, and
        whether it would take the object off the public site."""
        records = self.model.history.filter(**{self.model._meta.pk.attname: object_id})
        version = records.filter(history_id=version_id).first()
        latest = records.first()
        if version is None or latest is None or current is None:
            return {"revert_restores": current is None}
        delta = history_delta(version, latest)
        changes = [
            (field_label(self.model._meta.get_field(change.field)), *values)
            for change in delta.changes
            for values in [
                [
                    value_label(self.model._meta.get_field(change.field), change.old),
                    value_label(self.model._meta.get_field(change.field), change.new),
                ]
            ]
        ]
        unpublishes = (
            is_publishable(current) and current.is_published and not is_public(version.instance)
        )
        return {"revert_changes": changes, "revert_unpublishes": unpublishes}

    def restore_related(self, request, obj):
        """Bring back what was deleted with `obj` when a deleted object is restored."""

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple-history's own loop, comparing versions language by language.
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = history_delta(
                    previous, current, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Proposals: Publishers see all and decide on them from the review page; an Editor
    sees their own, with the decision and its reason. Nobody adds, edits or deletes one:
    they are kept as the record of who proposed what and who decided."""

    list_display = ["__str__", "kind", "author", "created_at", "status", "reviewer", "reason"]
    list_filter = ["status", "content_type"]
    list_select_related = ["content_type", "author", "reviewer"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if not request.user.is_staff:
            return False
        if obj is None:
            return True
        return obj.author_id == request.user.pk or self.may_review(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def may_review(self, request, proposal):
        return can_review(request.user, proposal.content_type.model_class())

    def reviewable_models(self, request):
        return [
            model
            for model, model_admin in self.admin_site._registry.items()
            if isinstance(model_admin, ReviewedChangesMixin) and can_review(request.user, model)
        ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        models = self.reviewable_models(request)
        if not models:
            return queryset.filter(author=request.user)
        types = ContentType.objects.get_for_models(*models).values()
        return queryset.filter(Q(content_type__in=types) | Q(author=request.user))

    def index_badge(self, request):
        """The index's name for proposals: with the number waiting, for those who decide."""
        models = self.reviewable_models(request)
        if not models:
            return _("My proposals")
        types = ContentType.objects.get_for_models(*models).values()
        waiting = Proposal.objects.pending().filter(content_type__in=types).count()
        return ngettext(
            "Proposals: %(count)d waiting for review",
            "Proposals: %(count)d waiting for review",
            waiting,
        ) % {"count": waiting}

    @admin.display(description=_("kind"))
    def kind(self, proposal):
        return capfirst(proposal.content_type.model_class()._meta.verbose_name)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: the difference field by field, approve, or reject with a reason."""
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None or not self.has_view_permission(request, proposal):
            raise PermissionDenied
        may_decide = proposal.status == ProposalStatus.PENDING and self.may_review(
            request, proposal
        )
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            return self.decide_view(request, proposal)
        try:
            proposed = ProposedForms(request, proposal)
        except ObjectDoesNotExist:
            proposed = None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(proposal),
            "proposal": proposal,
            "target_opts": proposal.content_type.model_class()._meta,
            "proposed": proposed,
            "changes": proposed.changes()
            if proposed and proposal.status == ProposalStatus.PENDING
            else [],
            "errors": proposed.errors() if proposed and not proposed.valid else [],
            "may_decide": may_decide,
            "proposed_at": format_site_datetime(proposal.created_at),
            "decided_at": format_site_datetime(proposal.reviewed_at)
            if proposal.reviewed_at
            else "",
        }
        return TemplateResponse(request, "admin/publishing/proposal/review.html", context)

    def decide_view(self, request, proposal):
        if "_approve" in request.POST:
            proposed = ProposedForms(request, proposal)
            if not proposed.valid:
                self.message_user(request, PROPOSAL_NO_LONGER_APPLIES, messages.ERROR)
                return HttpResponseRedirect(request.path)
            proposed.save(request.user)
            self.message_user(
                request,
                _("The change to “%(object)s” is approved and now public.")
                % {"object": proposal.object_repr},
                messages.SUCCESS,
            )
        else:
            reason = request.POST.get("reason", "").strip()
            if not reason:
                self.message_user(request, REASON_NEEDED, messages.ERROR)
                return HttpResponseRedirect(request.path)
            decide(proposal, request.user, ProposalStatus.REJECTED, reason)
            self.message_user(
                request,
                _("The change to “%(object)s” is rejected; its author sees your reason.")
                % {"object": proposal.object_repr},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:publishing_proposal_changelist")
        )


PROPOSAL_NO_LONGER_APPLIES = _(
    "This proposal no longer applies to the published version (see the errors below). "
    "Reject it with a reason, and the author can propose again."
)
REASON_NEEDED = _("Say why you reject it: the author will read your reason.")
