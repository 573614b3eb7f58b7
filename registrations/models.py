import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ConstraintErrorsOnFieldsMixin
from registrations.enums import (
    ACTIVE_STATUSES,
    QuestionKind,
    RegistrationStatus,
    StaffActionKind,
)
from workshops.models import Workshop


class RegistrationSettings(ConstraintErrorsOnFieldsMixin, models.Model):
    """Whether and when a workshop takes registrations, and how many.

    Its row is also the lock that serialises every change of a registration's status for
    the workshop (services.py): on PostgreSQL a confirmation or a cancellation takes it
    with SELECT … FOR UPDATE, so two delegates can never take the last seat at once."""

    workshop = models.OneToOneField(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="registration_settings",
    )
    is_enabled = models.BooleanField(
        _("take registrations"),
        default=False,
        help_text=_("Past workshops and drafts never take registrations, whatever this says."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    waiting_list = models.BooleanField(
        _("keep a waiting list"),
        default=True,
        help_text=_("When every seat is taken, new registrations wait in the order they came."),
    )
    # The arrival order: the last place given, counted under the row lock.
    last_position = models.PositiveIntegerField(default=0, editable=False)

    constraint_error_fields = {"registration_closes_after_it_opens": "closes_at"}

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="registration_closes_after_it_opens",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return str(self.workshop)

    @property
    def time_zone_name(self):
        """Staff enter the times, and readers see them, in the site's time zone, named."""
        return settings.TIME_ZONE

    def is_open(self, now=None):
        """Open to new registrations now: switched on, inside its dates, and the workshop
        public and not over."""
        now = now or timezone.now()
        return (
            self.is_enabled
            and self.opens_at <= now < self.closes_at
            and self.workshop.is_published
            and self.workshop.last_day >= timezone.localdate(now)
        )


class Question(models.Model):
    settings = models.ForeignKey(
        RegistrationSettings,
        verbose_name=_("registration settings"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    label = models.CharField(_("question"), max_length=200)
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["settings", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def counts(self):
        """{status: n} plus "attended", in one query."""
        rows = self.values("status").annotate(
            n=models.Count("pk"), attended_n=models.Count("pk", filter=Q(attended=True))
        )
        counts = dict.fromkeys(RegistrationStatus.values, 0) | {"attended": 0}
        for row in rows.order_by():
            counts[row["status"]] = row["n"]
            counts["attended"] += row["attended_n"]
        return counts


class Registration(models.Model):
    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    # What the links in the delegate's e-mails carry (signed): never the database id.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    # Place in the order of arrival among confirmed and waiting delegates (services.py).
    position = models.PositiveIntegerField(_("arrival"), null=True, blank=True, editable=False)
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    organization = models.CharField(
        _("organization or Permanent Mission"), max_length=300, blank=True
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    job_title = models.CharField(_("title or function"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=7, default="en")
    attended = models.BooleanField(_("attended"), default=False)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Personal data removed (retention, or at the delegate's request): the row stays, so
    # the counts do.
    erased_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "position", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One live registration per address and workshop, whatever arrives at once.
            models.UniqueConstraint(
                Lower("email"),
                "workshop",
                condition=Q(status__in=ACTIVE_STATUSES, erased_at__isnull=True),
                name="one_registration_per_email_and_workshop",
            ),
            models.UniqueConstraint(
                fields=["workshop", "position"], name="unique_arrival_per_workshop"
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | ~Q(status=RegistrationStatus.PENDING),
                name="pending_registration_has_no_arrival",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "status", "position"])]

    def __str__(self):
        if self.erased_at:
            return _("Registration %(number)s (personal data removed)") % {"number": self.pk}
        return self.name

    def manage_url(self):
        from registrations.tokens import manage_token

        return reverse("registrations:manage", kwargs={"token": manage_token(self)})

    def confirm_url(self):
        from registrations.tokens import confirm_token

        return reverse("registrations:confirm", kwargs={"token": confirm_token(self)})


class StaffAction(models.Model):
    """Who exported a workshop's registrations or wrote to its delegates, and when."""

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="registration_actions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("action"), max_length=20, choices=StaffActionKind.choices)
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration history entry")
        verbose_name_plural = _("registration history")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.workshop})"


class PrivacyNotice(models.Model):
    """The privacy notice at /privacy/: staff's text, after what the site states itself
    about the data it keeps and for how long."""

    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notice")

    def __str__(self):
        return str(_("Privacy notice"))
