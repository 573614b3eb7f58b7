"""What registrations tells the page cache (core/infrastructure/cache.py).

Staff's changes to a workshop's registration settings, its questions and the privacy
notice change public pages (the workshop page says whether registration is open), so they
make a new content version, as any content edit does. A delegate's registration is not
content: registering, confirming or cancelling never touches the cached pages. The moments
registration opens and closes change the workshop page with nothing saved, so the page
cache is told about them, as it knows about publish-at times.
"""

from django.db.models.signals import post_delete, post_save

from core.infrastructure import cache


def _changed(sender, instance=None, update_fields=None, **kwargs):
    # A confirmation counts the order of arrival on the settings row: not a change of any page.
    if update_fields and set(update_fields) <= {"last_position"}:
        return
    cache._content_changed(sender, instance=instance, **kwargs)


def connect():
    from registrations.models import PrivacyNotice, Question, RegistrationSettings

    for model in (RegistrationSettings, Question, PrivacyNotice):
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)
    cache.schedule_fields(RegistrationSettings, "opens_at", "closes_at")
