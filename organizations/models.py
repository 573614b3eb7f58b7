from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text.validation import CleanTextMixin
from organizations.enums import OrganizationKind
from organizations.logos import logo_upload_to, sanitise_logo, validate_logo


class SlugManager(models.Manager):
    """Natural key by slug, so fixtures load twice without duplicates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Organization(CleanTextMixin, models.Model):
    name = models.CharField(
        _("full name"), max_length=200, help_text=_("The official name in each language.")
    )
    acronym = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_(
            "The acronym or short name in each language, for lists: UNITAR; ILO, OIT in "
            "French. Empty in a language: the English one."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the organization's address on this site."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        validators=[validate_logo],
        help_text=_(
            "Optional. A PNG or SVG file of at most 512 KB; scripts and links to other "
            "files are removed from an SVG. Its text alternative is the name."
        ),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, [link](url).")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlugManager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        # Readers see an organization as soon as published content names it: a change by
        # someone without this permission waits for review (publishing/proposals.py).
        permissions = [("publish_organization", _("Can change organizations readers see"))]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        sanitise_logo(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def short_name(self):
        return self.acronym or self.name

    @property
    def list_name(self):
        """The name a list of workshops gives it: what staff chose for that list
        (`listed_as`, set by `Workshop.partner_groups`), else its short name."""
        return getattr(self, "listed_as", "") or self.short_name


class Person(CleanTextMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("For example: Coordinator.")
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlugManager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("publish_person", _("Can change people readers see"))]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["organizations.organization"]
