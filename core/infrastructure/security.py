"""Security pieces the settings name: a header middleware, login throttling's backend,
client address and lockout page. docs/security.md describes the whole set-up."""

import ipaddress
import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PermissionsPolicyMiddleware:
    """Sets `Permissions-Policy` and `Cross-Origin-Resource-Policy`, which Django's
    SecurityMiddleware does not know. The second stops other sites from embedding this
    site's responses (a document, an image, the JSON) in their pages without asking."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response


class StaffSessionTimeoutMiddleware:
    """Ends a staff member's session after STAFF_SESSION_IDLE_MINUTES without a request, and
    STAFF_SESSION_MAX_HOURS after sign-in whatever happens, so that a laptop left open or a
    stolen session cookie is not a way into the admin for the two weeks a session lasts.
    Readers have no session. Sign-in stamps the session (`stamp_staff_session`); the time of
    the last request is then written at most once a minute, so that admin clicks do not
    each write the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(timezone.now().timestamp())
            session = request.session
            started = session.get("staff_started")
            seen = session.get("staff_seen")
            if started is None or seen is None:  # a session from before these limits
                session["staff_started"] = started = now if started is None else started
                session["staff_seen"] = seen = now
            idle = now - seen > settings.STAFF_SESSION_IDLE_MINUTES * 60
            too_long = now - started > settings.STAFF_SESSION_MAX_HOURS * 3600
            if idle or too_long:
                logout(request)
                return redirect_to_login(request)
            if now - seen >= 60:
                session["staff_seen"] = now
        return self.get_response(request)


def stamp_staff_session(sender, request, user, **kwargs):
    """On sign-in (user_logged_in): when the session began and was last used."""
    if request is not None and getattr(user, "is_staff", False) and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session["staff_started"] = now
        request.session["staff_seen"] = now


def redirect_to_login(request):
    return auth_views.redirect_to_login(request.get_full_path(), reverse("admin:login"))


class UsernameInPasswordValidator:
    """Refuses a password that contains the username (or the e-mail's name), in any case:
    "alice-2026-secure" for alice. Django's UserAttributeSimilarityValidator compares the
    whole strings and lets a long password that contains the name pass."""

    def validate(self, password, user=None):
        if user is None:
            return
        lowered = password.casefold()
        names = [
            getattr(user, "username", "") or "",
            (getattr(user, "email", "") or "").split("@")[0],
        ]
        for name in names:
            if len(name) >= 3 and name.casefold() in lowered:
                raise ValidationError(
                    _(
                        "The password may not contain your username or the name of your "
                        "e-mail address."
                    ),
                    code="password_contains_username",
                )

    def get_help_text(self):
        return _("Your password may not contain your username or the name of your e-mail address.")


# Reading pages, and the admin's and the report endpoint's forms: nothing else. TRACE echoes
# the request (cookies included) back to whoever can make a browser send it; PUT, DELETE and
# WebDAV methods have no view here, and reached the public views as if they were GET.
ALLOWED_METHODS = ("GET", "HEAD", "POST")


class AllowedMethodsMiddleware:
    """Answers 405 to every method but GET, HEAD and POST, before any view or cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request.

    Every web sign-in does (the admin's login view passes it). Without a request there is
    no address to count failures against and nobody remote to throttle: the test client's
    `login()` or a management command. django-axes would raise there; this lets the next
    backend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        if address_failures(client_ip(request)) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # One address trying many usernames: django-axes counts each username apart.
            from axes.exceptions import AxesBackendPermissionDenied

            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("too many failed sign-ins from this address")
        return None


def address_failures(address):
    """Failed sign-ins from `address` within the cool-off time, whatever the username: the
    sum over django-axes' records (in the database, so every app server counts the same)."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _from_trusted_proxy(request):
    """Whether the peer is one of TRUSTED_PROXIES (any peer when that list is empty)."""
    networks = settings.TRUSTED_PROXIES
    if not networks:
        return True
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(network, strict=False) for network in networks)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    the outermost of them appended to X-Forwarded-For.

    Entries further left were written by the client and could be anything, so they are never
    read: a client cannot pick the address its failures are counted against. A request that
    does not come from one of TRUSTED_PROXIES (when they are listed) reached the app server
    directly: its X-Forwarded-For is the client's own invention and is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0 and _from_trusted_proxy(request):
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while a username is locked out (HTTP 429)."""
    from django.contrib import admin  # the admin site is ready only once apps are loaded

    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = admin.site.each_context(request) | {
        "title": _("Too many failed sign-ins"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_locked": address_failures(client_ip(request))
        >= settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
