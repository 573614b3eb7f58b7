"""Security pieces the settings name: a header middleware, login throttling's backend,
client address and lockout page. docs/security.md describes the whole set-up."""

import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class PermissionsPolicyMiddleware:
    """Sets `Permissions-Policy`, which Django's SecurityMiddleware does not know."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


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
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    the outermost of them appended to X-Forwarded-For.

    Entries further left were written by the client and could be anything, so they are never
    read: a client cannot pick the address its failures are counted against.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
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
        "cooloff_minutes": minutes,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
