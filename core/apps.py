from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        # Core imports no app: the publishing app tells the page cache which models to watch.
        from django.contrib.auth.signals import user_logged_in

        from core.infrastructure import checks  # noqa: F401 (registers the deploy checks)
        from core.infrastructure.cache import connect_signals
        from core.infrastructure.security import stamp_staff_session

        connect_signals()
        user_logged_in.connect(stamp_staff_session, dispatch_uid="staff-session-stamp")
