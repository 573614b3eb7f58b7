"""The admin site: Django's, named after the site, its index grouped by task, with two-factor
login when ADMIN_REQUIRE_2FA is on.

`core.editorial.apps.AdminConfig` makes this the default site, so `admin.site` and
`@admin.register` in every app use it. The settings are read on each request, not at import,
so tests can switch them with `settings.ADMIN_REQUIRE_2FA = True`.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

# The index lists models by what staff do with them, not by the app that defines them.
# Content is the daily work, in the order a series is built; Administration is for
# superusers only (accounts, login attempts, two-factor devices).
CONTENT_MODELS = [
    "publishing.proposal",
    "series.series",
    "workshops.workshop",
    "organizations.organization",
    "organizations.person",
]
ADMINISTRATION_APPS = {"auth", "axes", "otp_totp", "otp_static", "otp_email"}
# Edited as rows of a series or workshop form, not on their own: kept out of the index
# (their pages still answer, for links from the history and the search).
INLINE_ONLY_MODELS = {
    "series.seriesorganizer",
    "series.relatedlink",
    "series.milestone",
    "workshops.workshoppartner",
    "workshops.participation",
    "workshops.document",
}


def site_header():
    return settings.ADMIN_SITE_HEADER or _("%(site)s — staff") % {"site": settings.SITE_NAME}


class AdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    # Read per request: the name comes from settings, and the words from the staff
    # member's language.
    @property
    def site_header(self):
        return site_header()

    @property
    def site_title(self):
        return site_header()

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

    def get_app_list(self, request, app_label=None):
        """The index and the sidebar: Content, then the apps' other models, then
        Administration (superusers only). An app's own page lists its models as Django
        does, without those edited only as rows of another form."""
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["models"] = [
                model for model in app["models"] if _label(model) not in INLINE_ONLY_MODELS
            ]
        apps = [app for app in apps if app["models"]]
        if app_label is not None:
            return apps
        models = {_label(model): model for app in apps for model in app["models"]}
        for model in models.values():
            # A model's admin may name its entry with a count ("Proposals: 2 waiting").
            badge = getattr(self._registry.get(model["model"]), "index_badge", None)
            if badge is not None:
                model["name"] = badge(request)
        content = [models[label] for label in CONTENT_MODELS if label in models]
        grouped = set(CONTENT_MODELS)
        administration = []
        others = []
        for app in apps:
            if app["app_label"] in ADMINISTRATION_APPS:
                if request.user.is_superuser:
                    administration.extend(app["models"])
                continue
            rest = [model for model in app["models"] if _label(model) not in grouped]
            if rest:
                others.append({**app, "models": rest})
        task_groups = []
        if content:
            task_groups.append(_group("content", _("Content"), content))
        task_groups.extend(others)
        if administration:
            task_groups.append(_group("administration", _("Administration"), administration))
        return task_groups


def _label(model):
    return model["model"]._meta.label_lower


def _group(label, name, models):
    # No app_url: a group is not an app and has no page of its own (admin/app_list.html
    # shows its name without a link).
    return {
        "name": name,
        "app_label": label,
        "app_url": "",
        "has_module_perms": True,
        "models": models,
    }
