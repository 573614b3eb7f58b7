"""Spreadsheet import and export of workshops (django-import-export).

A programme is imported from CSV or XLSX with one row per workshop. Rows are matched
on series and number, so importing the same file twice changes nothing the second
time (unchanged rows are skipped, not saved). Every row is validated as the admin
validates a form (`full_clean`: dates, end before start, unique number and slug per
series), rows that repeat a series and number within the file are refused, and the
import runs in one transaction that is rolled back if any row is bad.

`title` and `summary` are the English text, whatever the importing user's language;
`title_fr`, `summary_fr`, … the other languages, after `summary`. A file without
them leaves the translations as they are.
"""

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.resources import Diff

from core.editorial.translation import (
    TranslatedResourceMixin,
    source_language_field,
    translation_columns,
)
from organizations.models import Organization
from publishing.enums import Status
from series.models import Series
from workshops.enums import PartnerRole
from workshops.models import Workshop, WorkshopPartner


class SeriesSlugWidget(widgets.ForeignKeyWidget):
    """Series by slug (their natural key), looked up once per import, not once per row."""

    def __init__(self):
        super().__init__(Series, field="slug")
        self._by_slug = None

    def clean(self, value, row=None, **kwargs):
        # A ValidationError on the field, not a ValueError: the preview then lists this row
        # with the other invalid rows instead of showing only the rows that raised.
        slug = str(value or "").strip()
        if not slug:
            raise ValidationError({"series": _("The series is missing.")})
        if self._by_slug is None:
            self._by_slug = {series.slug: series for series in Series.objects.all()}
        try:
            return self._by_slug[slug]
        except KeyError:
            raise ValidationError(
                {"series": _("There is no series “%(slug)s”.") % {"slug": slug}}
            ) from None


class MarkupDiff(Diff):
    """The preview's differences as <ins> and <del> without the library's inline styles,
    which the Content-Security-Policy blocks; the admin's CSS is enough to read them."""

    TAGS = {-1: "del", 0: "span", 1: "ins"}

    def as_html(self):
        differ = diff_match_patch()
        cells = []
        for old, new in zip(self.left, self.right, strict=False):
            if old != new and self.new:
                old = ""
            diff = differ.diff_main(str(old), str(new))
            differ.diff_cleanupSemantic(diff)
            cells.append(
                format_html_join("", "<{0}>{1}</{0}>", ((self.TAGS[op], text) for op, text in diff))
            )
        return cells


class WorkshopResource(TranslatedResourceMixin, resources.ModelResource):
    title = source_language_field("title")
    summary = source_language_field("summary")
    series = fields.Field(attribute="series", column_name="series", widget=SeriesSlugWidget())
    status = fields.Field(attribute="status", column_name="status", default=Status.DRAFT)
    # Organizations by slug, separated by ";" ("unitar; iom"), "organized with" in that
    # order. Read-only for the library: the resource checks and saves them itself.
    partners = fields.Field(column_name="partners", readonly=True)

    class Meta:
        model = Workshop
        fields = [
            "series",
            "number",
            "title",
            "slug",
            "format",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "time_zone",
            "venue",
            "summary",
            *translation_columns("title", "summary"),
            "status",
            "publish_at",
            "partners",
        ]
        export_order = fields
        import_id_fields = ["series", "number"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def get_diff_class(self):
        return MarkupDiff

    def before_import(self, dataset, **kwargs):
        missing = [name for name in ("series", "number") if name not in (dataset.headers or [])]
        if missing:
            raise ValidationError(
                _("The file has no column %(columns)s. Its first row must name the columns.")
                % {"columns": ", ".join(f"“{name}”" for name in missing)}
            )
        self._seen_numbers = {}
        self._seen_slugs = {}
        # The workshops of the file's series, read once: rows are matched and their
        # uniqueness checked against these instead of three queries per row. The database
        # constraints still stand behind this; a row they refused would roll it all back.
        slugs = {str(value or "").strip() for value in dataset["series"]}
        existing = Workshop.objects.filter(series__slug__in=slugs).select_related("series")
        self._by_number = {(w.series_id, w.number): w for w in existing}
        self._slug_of = {w.pk: (w.series_id, w.slug) for w in self._by_number.values()}
        self._owner_of_slug = {key: pk for pk, key in self._slug_of.items()}
        self._constraints = {c.name: c for c in Workshop._meta.constraints}
        self._organizations = {o.slug: o for o in Organization.objects.all()}
        self._has_partners = "partners" in dataset.headers

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("series")
            .prefetch_related("partner_roles__organization")
        )

    def dehydrate_partners(self, workshop):
        if workshop.pk is None:
            return ""
        return "; ".join(role.organization.slug for role in workshop.partner_roles.all())

    @staticmethod
    def partner_slugs(row):
        return [slug.strip() for slug in str(row.get("partners") or "").split(";") if slug.strip()]

    def get_instance(self, instance_loader, row):
        series = self.fields["series"].clean(row)
        try:
            number = self.fields["number"].clean(row)
        except ValueError as error:
            raise ValidationError({"number": str(error)}) from None
        return self._by_number.get((series.pk, number))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """`full_clean` without its per-row queries; the constraints are checked against
        the workshops read in `before_import`, with the constraints' own messages."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=errors.keys(), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field, constraint in self._violated_constraints(instance):
            errors.setdefault(field, []).append(
                self._constraints[constraint].violation_error_message
            )
        if errors:
            raise ValidationError(errors)

    def _violated_constraints(self, instance):
        key = (instance.series_id, instance.number)
        if key in self._by_number and self._by_number[key].pk != instance.pk:
            yield "number", "unique_workshop_number_per_series"
        owner = self._owner_of_slug.get((instance.series_id, instance.slug))
        if owner is not None and owner != instance.pk:
            yield "slug", "unique_workshop_slug_per_series"
        start_date, end_date = instance.start_date, instance.end_date
        if start_date and end_date and end_date < start_date:
            yield "end_date", "workshop_ends_after_start"
        if instance.end_time and not instance.start_time:
            yield "end_time", "workshop_end_time_needs_start_time"
        if (
            instance.start_time
            and instance.end_time
            and not (end_date and start_date and end_date > start_date)
            and instance.end_time < instance.start_time
        ):
            yield "end_time", "workshop_ends_after_start_time"

    def skip_row(self, instance, original, row, import_validation_errors=None):
        skip = super().skip_row(instance, original, row, import_validation_errors)
        if skip and self._has_partners and instance.pk is not None:
            current = [role.organization.slug for role in instance.partner_roles.all()]
            return current == self.partner_slugs(row)
        return skip

    def after_save_instance(self, instance, row, **kwargs):
        if self._has_partners:
            # The file's list replaces the workshop's partners; save() per row, so each
            # change has its history record.
            wanted = self.partner_slugs(row)
            for role in instance.partner_roles.select_related("organization"):
                if role.organization.slug not in wanted:
                    role.delete()
            existing = {
                role.organization.slug: role
                for role in instance.partner_roles.select_related("organization")
            }
            for order, slug in enumerate(wanted):
                role = existing.get(slug) or WorkshopPartner(
                    workshop=instance,
                    organization=self._organizations[slug],
                    role=PartnerRole.ORGANIZED_WITH,
                )
                if role.pk is None or role.order != order:
                    role.order = order
                    role.save()
        # Later rows of the file see this one, with its new slug if it changed.
        self._by_number[(instance.series_id, instance.number)] = instance
        self._owner_of_slug.pop(self._slug_of.get(instance.pk), None)
        self._slug_of[instance.pk] = (instance.series_id, instance.slug)
        self._owner_of_slug[(instance.series_id, instance.slug)] = instance.pk

    def before_import_row(self, row, **kwargs):
        # The database would silently take the second of two rows with the same series
        # and number as an update of the first: refuse it instead, naming the first row.
        row_number = kwargs.get("row_number")
        series = str(row.get("series") or "").strip()
        errors = {}
        number_key = (series, str(row.get("number") or "").strip())
        if number_key in self._seen_numbers:
            errors["number"] = _("Row %(row)s already has workshop number %(number)s.") % {
                "row": self._seen_numbers[number_key],
                "number": number_key[1],
            }
        else:
            self._seen_numbers[number_key] = row_number
        slug = str(row.get("slug") or "").strip()
        if slug:
            slug_key = (series, slug)
            if slug_key in self._seen_slugs:
                errors["slug"] = _("Row %(row)s already has the slug “%(slug)s”.") % {
                    "row": self._seen_slugs[slug_key],
                    "slug": slug,
                }
            else:
                self._seen_slugs[slug_key] = row_number
        unknown = [slug for slug in self.partner_slugs(row) if slug not in self._organizations]
        if unknown:
            errors["partners"] = _("There is no organization %(slugs)s.") % {
                "slugs": ", ".join(f"“{slug}”" for slug in unknown)
            }
        if errors:
            raise ValidationError(errors)
