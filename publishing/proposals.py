"""Editors propose, Publishers decide: a change to public content by someone who may not
publish it is kept as a `Proposal`, and readers see the published version until a
Publisher approves it.

The proposal is the admin change form as the Editor sent it. The review page and the
approval build that same form (and its inline formsets) again, through the object's own
ModelAdmin, as the Publisher: the difference shown is what the form would change, and
approving saves exactly that, validated as any save is, with the history and the admin
log recording it. Files are not proposed: an upload waits for a Publisher's own edit.
"""

import copy

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import transaction
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.forms.formsets import all_valid
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import localize
from django.utils.translation import gettext as _

from publishing.models import PUBLISHING_FIELDS, Proposal, ProposalStatus

# What the browser posts besides the fields: not part of a change.
NOT_DATA = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_markdown_preview"}


def proposal_data(post):
    return {key: values for key, values in post.lists() if key not in NOT_DATA}


def propose(request, obj):
    return Proposal.objects.create(
        content_type_id=_content_type(obj).pk,
        object_id=str(obj.pk),
        # The name readers know it by: `obj` already carries the proposed values.
        object_repr=str(type(obj)._default_manager.get(pk=obj.pk))[:300],
        data=proposal_data(request.POST),
        author=request.user,
    )


def _content_type(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj)


class ProposedForms:
    """The object's change form and inline formsets filled with the proposal, as the
    reviewing user's admin builds them. Nothing is saved until `save()`."""

    def __init__(self, request, proposal):
        self.proposal = proposal
        model = proposal.content_type.model_class()
        self.model_admin = admin.site._registry[model]
        self.obj = model._default_manager.get(pk=proposal.object_id)
        self.request = self._replay_request(request)
        fieldsets = self.model_admin.get_fieldsets(self.request, self.obj)
        form_class = self.model_admin.get_form(
            self.request, self.obj, change=True, fields=flatten_fieldsets(fieldsets)
        )
        self.form = form_class(self.request.POST, self.request.FILES, instance=self.obj)
        valid = self.form.is_valid()
        self.new_object = (
            self.model_admin.save_form(self.request, self.form, change=True)
            if (valid)
            else self.form.instance
        )
        self.formsets, _inlines = self.model_admin._create_formsets(
            self.request, self.new_object, change=True
        )
        self.valid = all_valid(self.formsets) and valid

    def _replay_request(self, request):
        """The reviewer's request carrying the proposal's data. Publishing fields keep their
        current values: approving a change of text never re-publishes or reschedules."""
        data = QueryDict(mutable=True)
        for key, values in self.proposal.data.items():
            data.setlist(key, values)
        if "status" in data:
            data["status"] = self.obj.status
        if "publish_at_0" in data:
            local = timezone.localtime(self.obj.publish_at) if self.obj.publish_at else None
            data["publish_at_0"] = local.date().isoformat() if local else ""
            data["publish_at_1"] = local.time().isoformat() if local else ""
        replay = copy.copy(request)
        replay.method = "POST"
        replay._post = data
        replay._files = MultiValueDict()
        replay.replaying_proposal = True
        return replay

    def changes(self):
        """(where, field label, published value, proposed value) for every difference,
        the form's fields first, then each inline row."""
        rows = []
        for name in self.form.changed_data:
            field = self.form.fields[name]
            rows.append(
                (
                    "",
                    field.label,
                    _display(field, self.form[name].initial),
                    _display(field, self.form.cleaned_data.get(name)),
                )
            )
        for formset in self.formsets:
            title = formset.model._meta.verbose_name
            for form in formset.forms:
                if not form.has_changed():
                    continue
                if formset.can_delete and formset._should_delete_form(form):
                    rows.append((title, _("Row removed"), str(form.instance), ""))
                    continue
                where = title if form.instance.pk is None else f"{title}: {form.instance}"
                if form.instance.pk is None:
                    where = _("%(row)s (new row)") % {"row": title}
                for name in form.changed_data:
                    if name in ("DELETE", "id") or name not in form.fields:
                        continue
                    field = form.fields[name]
                    cleaned = getattr(form, "cleaned_data", {}) or {}
                    rows.append(
                        (
                            where,
                            field.label,
                            "" if form.instance.pk is None else _display(field, form[name].initial),
                            _display(field, cleaned.get(name, form[name].value())),
                        )
                    )
        return rows

    def errors(self):
        messages = [
            f"{self.form.fields[name].label if name in self.form.fields else ''}: {' '.join(errs)}"
            for name, errs in self.form.errors.items()
        ]
        for formset in self.formsets:
            for form in formset.forms:
                for errs in form.errors.values():
                    messages.append(f"{formset.model._meta.verbose_name}: {' '.join(errs)}")
            messages.extend(str(error) for error in formset.non_form_errors())
        return messages

    def save(self, reviewer):
        """Apply the proposal as `reviewer`, once; the history says whose change it was."""
        model_admin, request = self.model_admin, self.request
        with transaction.atomic():
            author = self.proposal.author
            self.new_object._change_reason = _(
                "Proposed by %(author)s, approved by %(reviewer)s"
            ) % {
                "author": author.get_username() if author else _("a former user"),
                "reviewer": reviewer.get_username(),
            }
            model_admin.save_model(request, self.new_object, self.form, True)
            model_admin.save_related(request, self.form, self.formsets, True)
            message = model_admin.construct_change_message(request, self.form, self.formsets, False)
            model_admin.log_change(request, self.new_object, message)
            decide(self.proposal, reviewer, ProposalStatus.APPROVED)


def decide(proposal, reviewer, status, reason=""):
    proposal.status = status
    proposal.reviewer = reviewer
    proposal.reviewed_at = timezone.now()
    proposal.reason = reason
    proposal.save(update_fields=["status", "reviewer", "reviewed_at", "reason"])


def _display(field, value):
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, ModelMultipleChoiceField):
        return ", ".join(str(item) for item in field.queryset.filter(pk__in=list(value)))
    if isinstance(field, ModelChoiceField):
        if hasattr(value, "_meta"):
            return str(value)
        found = field.queryset.filter(pk=value).first()
        return str(found) if found else str(value)
    choices = dict(getattr(field, "flatchoices", None) or getattr(field, "choices", None) or [])
    if choices and value in choices:
        return str(choices[value])
    return str(localize(value))


__all__ = ["NOT_DATA", "PUBLISHING_FIELDS", "ProposedForms", "decide", "propose"]
