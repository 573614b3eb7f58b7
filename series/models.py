from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ConstraintErrorsOnFieldsMixin
from core.text.validation import CleanTextMixin
from organizations.models import Organization, Person
from publishing.models import Publishable, PublishableQuerySet, publish_at_field


class SeriesQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Series(CleanTextMixin, ConstraintErrorsOnFieldsMixin, Publishable):
    title = models.CharField(
        _("title"), max_length=200, help_text=_("For example: Key Migration Issues.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        default="Workshop Series",
        help_text=_("What kind of series this is, shown after the title: Workshop Series."),
    )
    summary = models.TextField(
        _("summary report"),
        blank=True,
        help_text=_("Markdown. Separate paragraphs with an empty line."),
    )
    audience = models.CharField(
        _("audience"), max_length=200, blank=True, help_text=_("Who the series is for.")
    )
    coordinator = models.ForeignKey(
        Person,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_series",
    )
    organizers = models.ManyToManyField(
        Organization,
        through="SeriesOrganizer",
        related_name="organized_series",
        verbose_name=_("organizers"),
    )
    publish_at = publish_at_field(
        _(
            "Optional. A published series with a time here stays hidden until that time, "
            "then appears on its own. Empty: public as soon as it is published."
        )
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Only one series can be featured; the home page shows it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SeriesQuerySet.as_manager()
    # Who changed what and when, for the admin's history with diffs and restore.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    constraint_error_fields = {"only_one_featured_series": "featured"}

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")
        # Editors draft; only Publishers may change the status or the publish-at time.
        permissions = [("publish_series", _("Can publish, unpublish and schedule series"))]
        constraints = [
            models.UniqueConstraint(
                fields=["featured"],
                condition=Q(featured=True),
                name="only_one_featured_series",
                violation_error_message=_("Another series is already featured on the home page."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.label}".strip()

    def get_absolute_url(self):
        return reverse("series:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["organizations.person", "organizations.organization"]


class SeriesOrganizerQuerySet(models.QuerySet):
    def get_by_natural_key(self, series_slug, organization_slug):
        return self.get(series__slug=series_slug, organization__slug=organization_slug)


class SeriesOrganizer(CleanTextMixin, ConstraintErrorsOnFieldsMixin, models.Model):
    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="organizer_roles"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="series_roles",
    )
    role = models.CharField(
        _("role"),
        max_length=300,
        blank=True,
        help_text=_(
            "As the report says it: as the lead training agency for UN government delegates."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SeriesOrganizerQuerySet.as_manager()
    history = HistoricalRecords()

    constraint_error_fields = {"unique_organizer_per_series": "organization"}

    class Meta:
        ordering = ["series", "order", "pk"]
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "organization"],
                name="unique_organizer_per_series",
                violation_error_message=_("This organization already organizes this series."),
            ),
        ]

    def __str__(self):
        return f"{self.organization.short_name} — {self.series.title}"

    def natural_key(self):
        return self.series.natural_key() + self.organization.natural_key()

    natural_key.dependencies = ["series.series", "organizations.organization"]


class RelatedLinkQuerySet(models.QuerySet):
    def get_by_natural_key(self, series_slug, title):
        return self.get(series__slug=series_slug, title=title)


class RelatedLink(CleanTextMixin, ConstraintErrorsOnFieldsMixin, models.Model):
    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="related_links"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(
        _("external address"), blank=True, help_text=_("Fill in this or the series, not both.")
    )
    target_series = models.ForeignKey(
        Series,
        verbose_name=_("series on this site"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Fill in this or the external address, not both."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RelatedLinkQuerySet.as_manager()
    history = HistoricalRecords()

    constraint_error_fields = {
        "related_link_has_exactly_one_target": "url",
        "unique_related_link_title_per_series": "title",
    }

    class Meta:
        ordering = ["series", "order", "pk"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & Q(target_series__isnull=False))
                | (~Q(url="") & Q(target_series__isnull=True)),
                name="related_link_has_exactly_one_target",
                violation_error_message=_(
                    "Give either an external address or a series on this site, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["series", "title"],
                name="unique_related_link_title_per_series",
                violation_error_message=_("This series already has a link with this title."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.series.natural_key(), self.title)

    natural_key.dependencies = ["series.series"]

    def clean(self):
        # The database constraint is the guarantee; this says which of the two to fix.
        if self.url and self.target_series_id:
            message = _("Give either an external address or a series on this site, not both.")
            raise ValidationError({"url": message, "target_series": message})
        if not self.url and not self.target_series_id:
            message = _("Give an external address or choose a series on this site.")
            raise ValidationError({"url": message, "target_series": message})


class MilestoneQuerySet(models.QuerySet):
    def get_by_natural_key(self, series_slug, title):
        return self.get(series__slug=series_slug, title=title)


class Milestone(CleanTextMixin, ConstraintErrorsOnFieldsMixin, models.Model):
    """A dated event outside the series that gives it context."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for events of several days.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    url = models.URLField(_("web address"), blank=True)

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    constraint_error_fields = {
        "milestone_ends_after_start": "end_date",
        "unique_milestone_title_per_series": "title",
    }

    class Meta:
        ordering = ["series", "start_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="milestone_ends_after_start",
                violation_error_message=_("The end date cannot be before the date."),
            ),
            models.UniqueConstraint(
                fields=["series", "title"],
                name="unique_milestone_title_per_series",
                violation_error_message=_("This series already has a milestone with this title."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.series.natural_key(), self.title)

    natural_key.dependencies = ["series.series"]
