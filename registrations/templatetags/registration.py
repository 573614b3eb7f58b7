from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from core.templatetags.dates import zone_words
from core.text import dates
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


@register.simple_tag
def moment(value):
    """A date and time in the site's time zone, as the reader's language writes them
    (CLDR through Babel, as every date of the site): "24 December 2026, 12:19"."""
    local = timezone.localtime(value)
    day = dates.date_range_text(local.date())
    [(_time, clock)] = dates.time_range_parts(local.time().replace(second=0, microsecond=0))
    # CLDR's way of joining a date and a time: "{1}, {0}", Arabic "{1}، {0}", Chinese "{1} {0}".
    joined = dates.cldr_locale().datetime_formats["medium"].replace("'", "")
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="minutes"),
        joined.replace("{1}", day).replace("{0}", clock),
    )


@register.simple_tag
def site_zone():
    """The site's time zone in words, "New York time", in which staff enter the times."""
    return zone_words(settings.TIME_ZONE)
