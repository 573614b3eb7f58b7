"""The delegate's pages. None is kept in the page cache (never_cache): they carry a form's
CSRF token or a live count of seats, or are reached through a delegate's private link.
Registering or cancelling writes no content model, so the cached pages of the site stay."""

import json

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from core.infrastructure.security import client_ip
from registrations import services
from registrations.enums import RegistrationStatus
from registrations.forms import RegistrationForm, country_name
from registrations.models import PrivacyNotice, Registration, RegistrationSettings
from registrations.tokens import Expired, read_confirm_token, read_manage_token


def _address_key(group, request):
    return client_ip(request)


def _refused(request, workshop=None):
    """Too many attempts from one address (or for one e-mail address): said plainly."""
    return render(
        request,
        "registrations/refused.html",
        {"workshop": workshop, "minutes": 60},
        status=429,
    )


def _limited_by_address(request, group):
    return is_ratelimited(
        request,
        group=f"registrations:{group}:address",
        key=_address_key,
        rate=settings.REGISTRATION_RATE_PER_ADDRESS,
        increment=True,
    )


def _limited_by_email(request, group, email):
    return is_ratelimited(
        request,
        group=f"registrations:{group}:email",
        key=lambda _group, _request: email.strip().lower(),
        rate=settings.REGISTRATION_RATE_PER_EMAIL,
        increment=True,
    )


def _registration_settings(series_slug, slug):
    """The settings of a public workshop that has registration switched on, or 404."""
    registration_settings = get_object_or_404(
        RegistrationSettings.objects.select_related("workshop__series").filter(is_enabled=True),
        workshop__series__slug=series_slug,
        workshop__slug=slug,
    )
    if not registration_settings.workshop.is_published:
        raise Http404
    return registration_settings


def _seats(registration_settings):
    if registration_settings.capacity is None:
        return None
    confirmed = Registration.objects.filter(
        workshop_id=registration_settings.workshop_id, status=RegistrationStatus.CONFIRMED
    ).count()
    return max(0, registration_settings.capacity - confirmed)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, series_slug, slug):
    registration_settings = _registration_settings(series_slug, slug)
    workshop = registration_settings.workshop
    questions = registration_settings.questions.all()
    is_open = registration_settings.is_open()
    form = None
    if is_open:
        if request.method == "POST":
            if _limited_by_address(request, "register"):
                return _refused(request, workshop)
            form = RegistrationForm(request.POST, questions=questions)
            if form.is_valid():
                if _limited_by_email(request, "register", form.cleaned_data["email"]):
                    return _refused(request, workshop)
                if not form.is_bot:
                    services.register(
                        registration_settings,
                        form.registration_fields(),
                        get_language(),
                        request.build_absolute_uri,
                    )
                return redirect("registrations:sent", series_slug=series_slug, slug=slug)
        else:
            form = RegistrationForm(questions=questions)
    context = {
        "workshop": workshop,
        "series": workshop.series,
        "registration_settings": registration_settings,
        "is_open": is_open,
        "is_upcoming": is_open is False and timezone.now() < registration_settings.opens_at,
        "seats_left": _seats(registration_settings),
        "form": form,
        "nav": "series",
    }
    return render(request, "registrations/register.html", context)


@never_cache
@require_safe
def sent(request, series_slug, slug):
    registration_settings = _registration_settings(series_slug, slug)
    workshop = registration_settings.workshop
    return render(
        request,
        "registrations/sent.html",
        {
            "workshop": workshop,
            "series": workshop.series,
            "confirm_hours": settings.REGISTRATION_CONFIRM_HOURS,
            "nav": "series",
        },
    )


def _invalid_link(request, expired=False):
    return render(request, "registrations/invalid_link.html", {"expired": expired}, status=404)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        registration_token = read_confirm_token(token)
    except Expired:
        return _invalid_link(request, expired=True)
    except signing.BadSignature:
        return _invalid_link(request)
    registration = (
        Registration.objects.select_related("workshop__series")
        .filter(token=registration_token, erased_at__isnull=True)
        .first()
    )
    if registration is None:
        return _invalid_link(request)
    result = None
    if request.method == "POST":
        if _limited_by_address(request, "confirm") or _limited_by_email(
            request, "confirm", registration.email
        ):
            return _refused(request, registration.workshop)
        outcome = services.confirm(registration.token, request.build_absolute_uri)
        registration, result = outcome.registration, outcome.result
    elif registration.status != RegistrationStatus.PENDING:
        result = "already"
    return render(
        request,
        "registrations/confirm.html",
        {
            "registration": registration,
            "workshop": registration.workshop,
            "result": result,
            "manage_url": registration.manage_url(),
            "status": registration.get_status_display(),
        },
    )


def _data_of(registration):
    """What we hold about the delegate, as they may download it."""
    return {
        "workshop": registration.workshop.title,
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organization": registration.organization,
        "country": registration.country,
        "title_or_function": registration.job_title,
        "accessibility_needs": registration.accessibility_needs,
        "answers": {
            question.label: registration.answers[str(question.pk)]
            for question in _questions(registration)
            if str(question.pk) in registration.answers
        },
        "language": registration.language,
        "registered_at": registration.created_at.isoformat(),
        "consent_given_at": registration.consented_at and registration.consented_at.isoformat(),
        "confirmed_at": registration.confirmed_at and registration.confirmed_at.isoformat(),
        "cancelled_at": registration.cancelled_at and registration.cancelled_at.isoformat(),
    }


def _questions(registration):
    registration_settings = getattr(registration.workshop, "registration_settings", None)
    return registration_settings.questions.all() if registration_settings else []


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The delegate's own page, from the link in every e-mail: their registration and data,
    cancel, download or delete."""
    try:
        registration_token = read_manage_token(token)
    except signing.BadSignature:
        return _invalid_link(request)
    registration = (
        Registration.objects.select_related("workshop__series")
        .filter(token=registration_token)
        .first()
    )
    if registration is None or registration.erased_at:
        return _invalid_link(request)
    done = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            services.cancel(registration, request.build_absolute_uri)
            done = "cancelled"
        elif action == "erase":
            services.erase(registration, request.build_absolute_uri)
            return render(request, "registrations/erased.html", {})
        registration.refresh_from_db()
    elif request.GET.get("download") == "json":
        response = HttpResponse(
            json.dumps(_data_of(registration), ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-registration.json"'
        return response
    return render(
        request,
        "registrations/manage.html",
        {
            "registration": registration,
            "workshop": registration.workshop,
            "country": country_name(registration.country),
            "answers": [
                (question.label, registration.answers.get(str(question.pk)))
                for question in _questions(registration)
                if str(question.pk) in registration.answers
            ],
            "done": done,
        },
    )


@require_safe
def privacy(request):
    return render(
        request,
        "registrations/privacy.html",
        {
            "notice": PrivacyNotice.objects.first(),
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
            "nav": "privacy",
        },
    )
