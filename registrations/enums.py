from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    # Pending until the delegate follows the link e-mailed to them (double opt-in); only
    # then does the registration take a seat or a place on the waiting list.
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
)


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("One choice from a list")


class StaffActionKind(models.TextChoices):
    EXPORT_CSV = "export_csv", _("Exported to CSV")
    EXPORT_XLSX = "export_xlsx", _("Exported to XLSX")
    SIGN_IN_SHEET = "sign_in_sheet", _("Printed the sign-in sheet")
    MESSAGE = "message", _("Sent a message")
