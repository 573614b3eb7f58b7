"""The admin site: Django's, with two-factor login when ADMIN_REQUIRE_2FA is on.

`core.apps.AdminConfig` makes this the default site, so `admin.site` and `@admin.register`
in every app use it. The setting is read on each request, not at import, so tests can
switch it with `settings.ADMIN_REQUIRE_2FA = True`.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class AdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        if settings.ADMIN_REQUIRE_2FA:
            return OTPAdminAuthenticationForm
        return AdminAuthenticationForm

    @property
    def login_template(self):
        # django-otp's template adds the device and token fields; Django's has none.
        return "otp/admin111/login.html" if settings.ADMIN_REQUIRE_2FA else None

    def has_permission(self, request):
        """With ADMIN_REQUIRE_2FA, a staff member whose session was not confirmed with a
        one-time code is treated as not staff: sent to the login page."""
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return admin.AdminSite.has_permission(self, request)
