"""Spreadsheet import and export of workshops (django-import-export).

A programme is imported from CSV or XLSX with one row per workshop. Rows are matched
on series and number, so importing the same file twice changes nothing the second
time (unchanged rows are skipped, not saved). Every row is validated as the admin
validates a form (`full_clean`: dates, end before start, unique number and slug per
series), rows that repeat a series and number within the file are refused, and the
import runs in one transaction that is rolled back if any row is bad.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.enums import Status
from series.models import Series
from workshops.models import Workshop


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


class WorkshopResource(resources.ModelResource):
    series = fields.Field(attribute="series", column_name="series", widget=SeriesSlugWidget())
    status = fields.Field(attribute="status", column_name="status", default=Status.DRAFT)

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
            "status",
            "publish_at",
        ]
        export_order = fields
        import_id_fields = ["series", "number"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        missing = [name for name in ("series", "number") if name not in (dataset.headers or [])]
        if missing:
            raise ValidationError(
                _("The file has no column %(columns)s. Its first row must name the columns.")
                % {"columns": ", ".join(f"“{name}”" for name in missing)}
            )
        self._seen_numbers = {}
        self._seen_slugs = {}

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
        if errors:
            raise ValidationError(errors)
