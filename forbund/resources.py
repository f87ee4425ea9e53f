"""django-import-export resources for the registry (export in the admin site)."""

from import_export import fields, resources

from core.export import safe_dataset
from forbund.models import Medlemskap


class MedlemskapResource(resources.ModelResource):
    kommunkod = fields.Field(attribute="kommun_id", column_name="kommunkod")
    region = fields.Field(attribute="region_id", column_name="region")
    forbund = fields.Field(attribute="forbund__slug", column_name="forbund")

    class Meta:
        model = Medlemskap
        fields = ("kommunkod", "region", "forbund", "giltig_fran", "giltig_till")
        export_order = fields

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("forbund")

    def export(self, *args, **kwargs):
        """Every cell through core.export.safe_cell, as in every other file the app writes."""
        return safe_dataset(super().export(*args, **kwargs))
