from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        # Every app's models are loaded by now; core names the content apps, imports none.
        from core.cache import connect_signals

        connect_signals()
