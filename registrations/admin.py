"""Staff's side of registration.

Personal data is behind the "view registration" permission, which the Registrars group has
and Editors and Publishers do not: without it the list, the exports, the sign-in sheet and
the message form are all refused. Every export, sign-in sheet and message is recorded in
StaffAction (who, when, what), which the workshop's registrations page shows.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from post_office.models import EmailTemplate

from core.editorial.translation import TranslatedAdminMixin
from registrations import resources, services
from registrations.enums import RegistrationStatus, StaffActionKind
from registrations.forms import country_name
from registrations.mail import send_to_delegate
from registrations.models import (
    PrivacyNotice,
    Question,
    Registration,
    RegistrationSettings,
    StaffAction,
)
from workshops.models import Workshop

VIEW_PERMISSION = "registrations.view_registration"
CHANGE_PERMISSION = "registrations.change_registration"


class QuestionInline(TranslatedAdminMixin, TranslationStackedInline):
    model = Question
    fields = ["label", "kind", "options", "required", "order"]
    extra = 0


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(admin.ModelAdmin):
    list_display = ["workshop", "is_enabled", "opens_at", "closes_at", "capacity", "registrations"]
    list_filter = ["is_enabled"]
    list_select_related = ["workshop__series"]
    search_fields = ["workshop__title"]
    autocomplete_fields = ["workshop"]
    fields = ["workshop", "is_enabled", "opens_at", "closes_at", "capacity", "waiting_list"]
    inlines = [QuestionInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("opens_at", "closes_at"):
            # Staff in Geneva and New York read the same time: the site's, named.
            field.help_text = _("In the site's time zone, %(zone)s.") % {"zone": settings.TIME_ZONE}
        return field

    @admin.display(description=_("registrations"))
    def registrations(self, obj):
        url = reverse("admin:registrations_workshop", args=[obj.workshop_id])
        return format_html('<a href="{}">{}</a>', url, _("Registrations"))

    def get_list_display(self, request):
        if request.user.has_perm(VIEW_PERMISSION):
            return self.list_display
        return [name for name in self.list_display if name != "registrations"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"capacity", "waiting_list"} & set(form.changed_data):
            # More seats (or none counted any longer): the waiting list moves up.
            transaction.on_commit(
                lambda: services.promote_after_change(obj.workshop_id, request.build_absolute_uri)
            )


class MessageForm(forms.Form):
    recipients = forms.ChoiceField(
        label=_("To"),
        choices=[
            (RegistrationStatus.CONFIRMED, _("Every confirmed delegate")),
            (RegistrationStatus.WAITING, _("Every delegate on the waiting list")),
        ],
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "organization",
        "country_name",
        "status",
        "position",
        "attended",
        "created_at",
    ]
    list_filter = [("workshop", admin.RelatedOnlyFieldListFilter), "status", "attended"]
    search_fields = ["name", "email", "organization"]
    list_select_related = ["workshop"]
    actions = ["mark_attended", "mark_not_attended"]
    readonly_fields = [
        "workshop",
        "status",
        "position",
        "name",
        "email",
        "organization",
        "country_name",
        "job_title",
        "accessibility_needs",
        "answers",
        "language",
        "consented_at",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "erased_at",
    ]
    fields = [*readonly_fields, "attended"]

    def has_add_permission(self, request):
        return False  # delegates register themselves, through the form

    def has_delete_permission(self, request, obj=None):
        return False  # a cancellation keeps the count; personal data goes by retention

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        return country_name(obj.country) if obj.country else ""

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = queryset.filter(status=RegistrationStatus.CONFIRMED).update(attended=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d delegate marked as attended.",
                "%(count)d delegates marked as attended.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as not attended"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = queryset.update(attended=False)
        self.message_user(
            request,
            ngettext(
                "%(count)d delegate marked as not attended.",
                "%(count)d delegates marked as not attended.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "workshop/<int:workshop_id>/",
                view(self.workshop_view),
                name="registrations_workshop",
            ),
            path(
                "workshop/<int:workshop_id>/export/<str:file_format>/",
                view(self.export_view),
                name="registrations_export",
            ),
            path(
                "workshop/<int:workshop_id>/sign-in-sheet/",
                view(self.sign_in_sheet_view),
                name="registrations_sign_in_sheet",
            ),
            path(
                "workshop/<int:workshop_id>/message/",
                view(self.message_view),
                name="registrations_message",
            ),
            *super().get_urls(),
        ]

    def _workshop(self, request, workshop_id, permission=VIEW_PERMISSION):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return get_object_or_404(Workshop.objects.select_related("series"), pk=workshop_id)

    def _record(self, request, workshop, kind, detail):
        StaffAction.objects.create(workshop=workshop, user=request.user, kind=kind, detail=detail)

    def _questions(self, workshop):
        return list(Question.objects.filter(settings__workshop=workshop))

    def workshop_view(self, request, workshop_id):
        workshop = self._workshop(request, workshop_id)
        registration_settings = RegistrationSettings.objects.filter(workshop=workshop).first()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Registrations: %(workshop)s") % {"workshop": workshop},
            "workshop": workshop,
            "registration_settings": registration_settings,
            "counts": Registration.objects.filter(workshop=workshop).counts(),
            "list_url": reverse("admin:registrations_registration_changelist")
            + f"?workshop__id__exact={workshop.pk}",
            "actions": StaffAction.objects.filter(workshop=workshop).select_related("user")[:50],
            "can_message": request.user.has_perm(CHANGE_PERMISSION),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/registrations/workshop.html", context)

    def export_view(self, request, workshop_id, file_format):
        workshop = self._workshop(request, workshop_id)
        if file_format not in resources.FORMATS:
            raise Http404
        registrations = Registration.objects.filter(workshop=workshop).order_by(
            "position", "created_at"
        )
        content, content_type, extension = resources.export(
            registrations, self._questions(workshop), file_format
        )
        kind = StaffActionKind.EXPORT_CSV if file_format == "csv" else StaffActionKind.EXPORT_XLSX
        self._record(
            request,
            workshop,
            kind,
            ngettext("%(count)d registration", "%(count)d registrations", len(registrations))
            % {"count": len(registrations)},
        )
        response = HttpResponse(content, content_type=content_type)
        filename = f"registrations-{workshop.series.slug}-{workshop.slug}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response

    def sign_in_sheet_view(self, request, workshop_id):
        workshop = self._workshop(request, workshop_id)
        registrations = list(
            Registration.objects.filter(
                workshop=workshop, status=RegistrationStatus.CONFIRMED
            ).order_by("name")
        )
        self._record(
            request,
            workshop,
            StaffActionKind.SIGN_IN_SHEET,
            ngettext("%(count)d delegate", "%(count)d delegates", len(registrations))
            % {"count": len(registrations)},
        )
        for registration in registrations:
            registration.country_display = country_name(registration.country)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Sign-in sheet"),
            "workshop": workshop,
            "registrations": registrations,
        }
        return TemplateResponse(request, "admin/registrations/sign_in_sheet.html", context)

    def message_view(self, request, workshop_id):
        workshop = self._workshop(request, workshop_id, CHANGE_PERMISSION)
        form = MessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            status = form.cleaned_data["recipients"]
            recipients = Registration.objects.select_related("workshop__series").filter(
                workshop=workshop, status=status, erased_at__isnull=True
            )
            with transaction.atomic():
                for registration in recipients:
                    send_to_delegate(
                        registration,
                        "staff_message",
                        request.build_absolute_uri,
                        context={
                            "subject": form.cleaned_data["subject"],
                            "body": form.cleaned_data["body"],
                        },
                    )
                count = len(recipients)
                self._record(
                    request,
                    workshop,
                    StaffActionKind.MESSAGE,
                    f"{RegistrationStatus(status).label} ({count}): "
                    f"{form.cleaned_data['subject']}\n\n{form.cleaned_data['body']}",
                )
            self.message_user(
                request,
                ngettext(
                    "The message is on its way to %(count)d delegate.",
                    "The message is on its way to %(count)d delegates.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:registrations_workshop", args=[workshop.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Write to the delegates"),
            "workshop": workshop,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/registrations/message.html", context)


@admin.register(StaffAction)
class StaffActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "workshop"]
    list_filter = ["kind", ("workshop", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "workshop"]
    fields = ["created_at", "user", "kind", "workshop", "detail"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of who saw personal data stays


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(TranslatedAdminMixin, TranslationAdmin):
    fields = ["body"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PrivacyNotice.objects.exists()


# The site writes its e-mails from its own templates (templates/registrations/email/), not
# from django-post-office's database templates, whose admin page needs inline script and
# style that the site's Content-Security-Policy refuses. The queue itself stays in the admin.
admin.site.unregister(EmailTemplate)
