from django import template
from django.utils import timezone

from registrations.models import RegistrationSettings

register = template.Library()


@register.inclusion_tag("registrations/includes/notice.html")
def registration_notice(workshop):
    """Whether the workshop takes registrations and until when. No count of seats: the
    workshop page is cached, and a registration must not make it stale. The settings come
    with the workshop's row (workshops.selectors.page_related), so this runs no query."""
    try:
        registration_settings = workshop.registration_settings
    except RegistrationSettings.DoesNotExist:
        return {"shown": False}
    if not registration_settings.is_enabled:
        return {"shown": False}
    return {
        # Past workshops take no registration: nothing to say about it.
        "shown": workshop.last_day >= timezone.localdate(),
        "workshop": workshop,
        "registration_settings": registration_settings,
        "is_open": registration_settings.is_open(),
        "now": timezone.now(),
    }
