"""The delegate's e-mails: written in their language, queued in the database.

Nothing here talks to a mail server. `mail.send` of django-post-office stores the message
in the same transaction as the change it reports (a registration, a cancellation), so a
rolled-back change sends nothing and a committed one cannot lose its e-mail; the worker
(`manage.py send_mail_worker`) sends the queue with retries.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from post_office import mail

from workshops.calendars import build_calendar
from workshops.models import Workshop


def _calendar_file(workshop_id, absolute):
    workshop = Workshop.objects.select_related("series").with_partners().get(pk=workshop_id)
    calendar = build_calendar(f"{workshop.title} — {workshop.series.title}", [workshop], absolute)
    return {
        f"{workshop.series.slug}-{workshop.slug}.ics": {
            "file": ContentFile(calendar.to_ical()),
            "mimetype": "text/calendar",
        }
    }


def send_to_delegate(registration, template, absolute, *, calendar=False, context=None):
    """Queues the e-mail `registrations/email/<template>.txt` (and its `_subject.txt`) in
    the delegate's language, with the link to manage their registration, and the
    workshop's .ics when `calendar` is true. `absolute` makes a path a full URL."""
    with translation.override(registration.language):
        workshop = registration.workshop
        context = {
            "registration": registration,
            "workshop": workshop,
            "workshop_url": absolute(workshop.get_absolute_url()),
            "manage_url": absolute(registration.manage_url()),
            "site_name": settings.SITE_NAME,
            "confirm_url": absolute(registration.confirm_url()),
            "confirm_hours": settings.REGISTRATION_CONFIRM_HOURS,
            **(context or {}),
        }
        subject = render_to_string(f"registrations/email/{template}_subject.txt", context)
        body = render_to_string(f"registrations/email/{template}.txt", context)
        attachments = _calendar_file(workshop.pk, absolute) if calendar else None
    return mail.send(
        recipients=[registration.email],
        sender=settings.DEFAULT_FROM_EMAIL,
        subject=" ".join(subject.split()),
        message=body,
        attachments=attachments,
        priority="medium",  # queued for the worker, never sent inside the request
    )
