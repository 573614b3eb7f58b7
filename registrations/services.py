"""Every change of a registration's status, and the e-mail that reports it.

Capacity holds in the database, not only here: a confirmation or a cancellation first
locks the workshop's RegistrationSettings row (SELECT … FOR UPDATE on PostgreSQL; SQLite
allows one writer at a time anyway), then counts the confirmed seats and hands out the next
place in the order of arrival from that row. Whatever arrives at once therefore takes its
turn: confirmed registrations never exceed the seats, the waiting list keeps the order in
which confirmations came, and a freed seat goes to the first waiting delegate. Every
function locks the settings row before any registration row, so two of them never wait on
each other (no deadlock).
"""

import dataclasses

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from registrations.enums import RegistrationStatus
from registrations.mail import send_to_delegate
from registrations.models import Registration, RegistrationSettings

PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "organization": "",
    "job_title": "",
    "accessibility_needs": "",
    "answers": {},
}


@dataclasses.dataclass
class Outcome:
    registration: Registration
    # "new", "duplicate", "confirmed", "waiting", "full", "already", "closed", "cancelled"
    result: str


def _registrations():
    return Registration.objects.select_related("workshop__series")


def _lock_settings(workshop_id):
    return RegistrationSettings.objects.select_for_update().get(workshop_id=workshop_id)


def register(registration_settings, fields, language, absolute):
    """A new pending registration and the e-mail with its confirmation link; or, when the
    address already has one for the workshop, an e-mail that says so. The caller shows the
    same page either way, so a stranger learns nothing about an address."""
    workshop = registration_settings.workshop
    email = fields["email"].strip()
    with transaction.atomic():
        existing = _existing(workshop, email)
        if existing is None:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        workshop=workshop,
                        language=language,
                        consented_at=timezone.now(),
                        **{**fields, "email": email},
                    )
            except IntegrityError:
                # The same address registered at the same moment (a double click): the
                # database's unique constraint let one through; this is the other.
                existing = _existing(workshop, email)
                if existing is None:
                    raise
        if existing is not None:
            existing.language = language
            send_to_delegate(existing, "already_registered", absolute)
            return Outcome(existing, "duplicate")
        registration.workshop = workshop
        send_to_delegate(registration, "confirm_request", absolute)
        return Outcome(registration, "new")


def _existing(workshop, email):
    return (
        _registrations()
        .active()
        .filter(workshop=workshop, email__iexact=email, erased_at__isnull=True)
        .first()
    )


def confirm(token, absolute, now=None):
    """Confirms a pending registration: a seat if one is free, else the waiting list (if the
    workshop keeps one). The link works once: anything but a pending registration is
    left as it is ("already")."""
    workshop_id = _registrations().values_list("workshop_id", flat=True).get(token=token)
    with transaction.atomic():
        registration_settings = _lock_settings(workshop_id)
        # Read under the lock: confirmation times follow the order of arrival.
        now = now or timezone.now()
        registration = _registrations().select_for_update(of=("self",)).get(token=token)
        if registration.status != RegistrationStatus.PENDING or registration.erased_at:
            return Outcome(registration, "already")
        workshop = registration.workshop
        if workshop.last_day < timezone.localdate(now) or not workshop.is_published:
            return Outcome(registration, "closed")
        capacity = registration_settings.capacity
        confirmed = (
            Registration.objects.filter(workshop_id=workshop_id)
            .filter(status=RegistrationStatus.CONFIRMED)
            .count()
        )
        if capacity is None or confirmed < capacity:
            status, template, result = RegistrationStatus.CONFIRMED, "confirmed", "confirmed"
        elif registration_settings.waiting_list:
            status, template, result = RegistrationStatus.WAITING, "waiting", "waiting"
        else:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_at"])
            send_to_delegate(registration, "full", absolute)
            return Outcome(registration, "full")
        registration_settings.last_position += 1
        registration_settings.save(update_fields=["last_position"])
        registration.position = registration_settings.last_position
        registration.status = status
        registration.confirmed_at = now
        registration.save(update_fields=["position", "status", "confirmed_at"])
        send_to_delegate(
            registration, template, absolute, calendar=status == RegistrationStatus.CONFIRMED
        )
        return Outcome(registration, result)


def cancel(registration, absolute, *, notify=True, now=None):
    """Cancels a registration; a seat it held goes to the first waiting delegate."""
    now = now or timezone.now()
    with transaction.atomic():
        registration_settings = _lock_settings(registration.workshop_id)
        registration = _registrations().select_for_update(of=("self",)).get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return Outcome(registration, "already")
        held_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            send_to_delegate(registration, "cancelled", absolute)
        if held_seat:
            promote(registration_settings, absolute, now=now)
        return Outcome(registration, "cancelled")


def promote(registration_settings, absolute, now=None):
    """Gives free seats to the waiting list, first come first served. The caller holds the
    settings row's lock (or has just taken it for a change of capacity)."""
    now = now or timezone.now()
    workshop_id = registration_settings.workshop_id
    registrations = Registration.objects.filter(workshop_id=workshop_id)
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    capacity = registration_settings.capacity
    promoted = []
    waiting = (
        _registrations()
        .filter(workshop_id=workshop_id, status=RegistrationStatus.WAITING)
        .order_by("position")
    )
    free = len(waiting) if capacity is None else max(0, capacity - confirmed)
    for registration in waiting[:free]:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        send_to_delegate(registration, "promoted", absolute, calendar=True)
        promoted.append(registration)
    return promoted


def promote_after_change(workshop_id, absolute):
    """After staff raised the seats or removed the limit."""
    with transaction.atomic():
        return promote(_lock_settings(workshop_id), absolute)


def erase(registration, absolute=None, now=None):
    """Removes a delegate's personal data, keeping the row (and so the counts). A seat it
    held is given on first, as a cancellation would."""
    now = now or timezone.now()
    with transaction.atomic():
        if registration.status != RegistrationStatus.CANCELLED and absolute is not None:
            cancel(registration, absolute, notify=False, now=now)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        address = registration.email
        for field, empty in PERSONAL_FIELDS.items():
            setattr(registration, field, empty)
        registration.erased_at = now
        registration.save()
        _forget_mail(address)
        # The admin's log names the object as it was when staff changed it (its name).
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id=str(registration.pk),
        ).update(object_repr=str(registration))
        return registration


def _forget_mail(address):
    """Sent and failed e-mails to the address leave the outbox; queued ones still go."""
    if address:
        Email.objects.filter(to__icontains=address).exclude(
            status__in=[STATUS.queued, STATUS.requeued]
        ).delete()
