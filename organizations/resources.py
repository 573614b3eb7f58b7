"""Spreadsheet export of organizations (django-import-export); slugs are their natural keys."""

from import_export import resources

from organizations.models import Organization


class OrganizationResource(resources.ModelResource):
    class Meta:
        model = Organization
        fields = ["slug", "name", "acronym", "kind", "website", "description"]
        export_order = fields
        import_id_fields = ["slug"]
