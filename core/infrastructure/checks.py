"""Deploy checks of our own (`manage.py check --deploy`), beside Django's."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def forwarded_addresses_check(app_configs, **kwargs):
    if settings.TRUSTED_PROXY_COUNT > 0 and not settings.TRUSTED_PROXIES:
        return [
            Warning(
                "TRUSTED_PROXY_COUNT trusts X-Forwarded-For from any peer.",
                hint=(
                    "Login throttling counts failures against the address the proxy wrote in "
                    "X-Forwarded-For. A client that reaches gunicorn directly writes its own "
                    "and walks around every lockout. Bind gunicorn to 127.0.0.1 or a private "
                    "interface only the proxy reaches (--bind 127.0.0.1:8000), and list the "
                    "proxies' addresses in TRUSTED_PROXIES (docs/deployment.md)."
                ),
                id="core.W001",
            )
        ]
    return []
