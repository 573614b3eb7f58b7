from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from registrations import signals
        from workshops import selectors

        signals.connect()
        # The workshop page says whether registration is open: fetched with its own row.
        if "registration_settings" not in selectors.page_related:
            selectors.page_related.append("registration_settings")
