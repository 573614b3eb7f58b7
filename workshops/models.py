import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ConstraintErrorsOnFieldsMixin
from core.text.validation import CleanTextMixin
from organizations.models import Organization, Person
from publishing.models import Publishable, PublishableQuerySet, publish_at_field
from series.models import Series
from workshops.enums import (
    DocumentKind,
    DocumentLanguage,
    ParticipationRole,
    PartnerRole,
    WorkshopFormat,
)
from workshops.uploads import document_upload_to, extension, validate_document_file


@functools.cache
def time_zone_names():
    # available_timezones() walks the time zone database on disk at every call (~30 ms):
    # once per process is enough, and makes importing thousands of workshops possible.
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as America/New_York or Europe/Geneva."),
            params={"value": value},
            code="invalid_time_zone",
        )


class WorkshopQuerySet(PublishableQuerySet):
    def with_last_date(self):
        return self.annotate(last_date=Coalesce("end_date", "start_date"))

    def upcoming(self, today):
        return self.with_last_date().filter(last_date__gte=today).order_by("start_date", "number")

    def past(self, today):
        return self.with_last_date().filter(last_date__lt=today).order_by("-start_date", "-number")

    def with_partners(self):
        return self.prefetch_related(
            Prefetch(
                "partner_roles",
                queryset=WorkshopPartner.objects.select_related("organization"),
                to_attr="partner_list",
            )
        )

    def attach_partners(self, workshops):
        """Give rows already fetched the `partner_list` of `with_partners()`, in one query.

        For a page cut from a longer list (the schedule fetches every workshop for its
        timeline but shows partners for one page): a queryset method, so `series` reaches
        it through `series.workshops` without importing this app. Runs no query of its own.
        """
        models.prefetch_related_objects(workshops, *self.with_partners()._prefetch_related_lookups)
        return workshops

    def with_people(self):
        return self.prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person__organization"),
                to_attr="participation_list",
            )
        )

    def with_documents(self):
        return self.prefetch_related(Prefetch("documents", to_attr="document_list"))

    def get_by_natural_key(self, series_slug, slug):
        return self.get(series__slug=series_slug, slug=slug)


class Workshop(CleanTextMixin, ConstraintErrorsOnFieldsMixin, Publishable):
    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.PROTECT, related_name="workshops"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Its place in the series: 1 for the first workshop.")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("The last part of the workshop's address.")
    )
    format = models.CharField(
        _("format"), max_length=20, choices=WorkshopFormat.choices, blank=True
    )
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for workshops of several days.")
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("venue time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("The time zone of the venue, for example America/New_York."),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    publish_at = publish_at_field(
        _(
            "Optional. A published workshop with a time here stays hidden until that time, "
            "then appears on the site, in feeds and in the sitemap on its own. "
            "Empty: public as soon as it is published."
        )
    )
    partners = models.ManyToManyField(
        Organization,
        through="WorkshopPartner",
        related_name="partnered_workshops",
        verbose_name=_("partners"),
    )
    speakers = models.ManyToManyField(
        Person, through="Participation", related_name="workshops", verbose_name=_("speakers")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Public only when its series is public too.
    publish_with = "series"

    objects = WorkshopQuerySet.as_manager()
    # Who changed what and when; keeps deleted workshops so a deletion can be undone.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    constraint_error_fields = {
        "unique_workshop_number_per_series": "number",
        "unique_workshop_slug_per_series": "slug",
        "workshop_ends_after_start": "end_date",
        "workshop_end_time_needs_start_time": "end_time",
        "workshop_ends_after_start_time": "end_time",
    }

    class Meta:
        ordering = ["series", "number"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        # Editors draft; only Publishers may change the status or the publish-at time.
        permissions = [("publish_workshop", _("Can publish, unpublish and schedule workshops"))]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                name="unique_workshop_number_per_series",
                violation_error_message=_("This series already has a workshop with this number."),
            ),
            models.UniqueConstraint(
                fields=["series", "slug"],
                name="unique_workshop_slug_per_series",
                violation_error_message=_("This series already has a workshop with this slug."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="workshop_ends_after_start",
                violation_error_message=_("The end date cannot be before the date."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="workshop_end_time_needs_start_time",
                violation_error_message=_("Give a start time as well as an end time."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_date__isnull=False, end_date__gt=F("start_date"))
                | Q(end_time__gte=F("start_time")),
                name="workshop_ends_after_start_time",
                violation_error_message=_(
                    "On a one-day workshop the end time cannot be before the start time."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse(
            "workshops:detail", kwargs={"series_slug": self.series.slug, "slug": self.slug}
        )

    def natural_key(self):
        return (*self.series.natural_key(), self.slug)

    natural_key.dependencies = ["series.series"]

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def partner_groups(self):
        """[("organized with", [UNU, UNODC]), …] from the prefetched `partner_list`; each
        organization carries `listed_as`, the name staff chose for it in this list."""
        groups = {}
        for partner in self.partner_list:
            partner.organization.listed_as = partner.listed_as or ""
            groups.setdefault(partner.get_role_display(), []).append(partner.organization)
        return list(groups.items())

    def speaker_groups(self):
        """[("Moderator", [person]), …] from the prefetched `participation_list`."""
        groups = {}
        for participation in self.participation_list:
            groups.setdefault(participation.get_role_display(), []).append(participation.person)
        return list(groups.items())


class WorkshopPartnerQuerySet(models.QuerySet):
    def get_by_natural_key(self, series_slug, workshop_slug, organization_slug):
        return self.get(
            workshop__series__slug=series_slug,
            workshop__slug=workshop_slug,
            organization__slug=organization_slug,
        )


class WorkshopPartner(CleanTextMixin, ConstraintErrorsOnFieldsMixin, models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="partner_roles"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="workshop_roles",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.ORGANIZED_WITH
    )
    listed_as = models.CharField(
        _("named in lists as"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional, in each language: how lists of workshops name this partner, as the "
            "report does (“the UN Office of Legal Affairs”). Empty: its short name."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = WorkshopPartnerQuerySet.as_manager()
    history = HistoricalRecords()

    constraint_error_fields = {"unique_partner_per_workshop": "organization"}

    class Meta:
        ordering = ["workshop", "order", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "organization"],
                name="unique_partner_per_workshop",
                violation_error_message=_(
                    "This organization is already a partner of this workshop."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.organization.short_name}"

    def natural_key(self):
        return self.workshop.natural_key() + self.organization.natural_key()

    natural_key.dependencies = ["workshops.workshop", "organizations.organization"]


class ParticipationQuerySet(models.QuerySet):
    def get_by_natural_key(self, series_slug, workshop_slug, person_slug, role):
        return self.get(
            workshop__series__slug=series_slug,
            workshop__slug=workshop_slug,
            person__slug=person_slug,
            role=role,
        )


class Participation(CleanTextMixin, ConstraintErrorsOnFieldsMixin, models.Model):
    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipationRole.choices,
        default=ParticipationRole.SPEAKER,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    constraint_error_fields = {"unique_participation_role": "person"}

    class Meta:
        ordering = ["workshop", "order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "person", "role"],
                name="unique_participation_role",
                violation_error_message=_("This person already has this role in this workshop."),
            ),
        ]

    def __str__(self):
        return f"{self.person.name} ({self.get_role_display()})"

    def natural_key(self):
        return (*self.workshop.natural_key(), *self.person.natural_key(), self.role)

    natural_key.dependencies = ["workshops.workshop", "organizations.person"]


class DocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, series_slug, workshop_slug, title, language):
        return self.get(
            workshop__series__slug=series_slug,
            workshop__slug=workshop_slug,
            title=title,
            language=language,
        )


class Document(CleanTextMixin, ConstraintErrorsOnFieldsMixin, models.Model):
    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    file = models.FileField(
        _("file"),
        # Random names; type, content and size checked (workshops/uploads.py).
        upload_to=document_upload_to,
        blank=True,
        validators=[validate_document_file],
        help_text=_(
            "Upload a file or give a web address, not both. PDF, Word (.docx), Excel (.xlsx), "
            "PowerPoint (.pptx), OpenDocument text (.odt) or plain text (.txt)."
        ),
    )
    url = models.URLField(
        _("web address"), blank=True, help_text=_("Give a web address or upload a file, not both.")
    )
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.ENGLISH,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    constraint_error_fields = {
        "document_has_file_or_url": "url",
        "unique_document_title_per_language": "title",
    }

    class Meta:
        ordering = ["workshop", "order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="document_has_file_or_url",
                violation_error_message=_("Upload a file or give a web address, not both."),
            ),
            models.UniqueConstraint(
                fields=["workshop", "title", "language"],
                name="unique_document_title_per_language",
                violation_error_message=_(
                    "This workshop already has a document with this title in this language."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.workshop.natural_key(), self.title, self.language)

    natural_key.dependencies = ["workshops.workshop"]

    def clean(self):
        if self.file and self.url:
            message = _("Upload a file or give a web address, not both.")
            raise ValidationError({"file": message, "url": message})
        if not self.file and not self.url:
            message = _("Upload a file or give a web address.")
            raise ValidationError({"file": message, "url": message})

    @property
    def href(self):
        """Where readers get it: the web address, or the site's download view for an uploaded
        file, which names it after the title and keeps browsers from running it."""
        if not self.file:
            return self.url
        return reverse(
            "workshops:document",
            kwargs={
                "series_slug": self.workshop.series.slug,
                "slug": self.workshop.slug,
                "pk": self.pk,
            },
        )

    @property
    def download_name(self):
        """The title as a file name: "agenda-labour-migration.pdf"."""
        stem = slugify(self.title)[:80] or "document"
        return f"{stem}.{extension(self.file.name)}"
