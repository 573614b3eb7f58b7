"""Spreadsheet export of organizations (django-import-export); slugs are their natural keys.

`name` and `description` are the English text; `name_fr`, `description_fr`, … the other
languages, so a translator can work in the spreadsheet.
"""

from import_export import resources

from core.editorial.translation import (
    TranslatedResourceMixin,
    source_language_field,
    translation_columns,
)
from organizations.models import Organization


class OrganizationResource(TranslatedResourceMixin, resources.ModelResource):
    name = source_language_field("name")
    description = source_language_field("description")

    class Meta:
        model = Organization
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "website",
            "description",
            *translation_columns("name", "description"),
        ]
        export_order = fields
        import_id_fields = ["slug"]
