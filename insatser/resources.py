"""django-import-export resource for the admin site's export: the same file format as import_insatser."""

from import_export import resources

from core.export import safe_dataset
from insatser.exports import KOLUMNER, insatser_dataset
from insatser.models import Insats


class InsatsResource(resources.ModelResource):
    class Meta:
        model = Insats
        fields = ()

    def get_export_order(self):
        """The columns of the import format, offered as the export form's choices (it needs at least one)."""
        return tuple(KOLUMNER)

    def get_export_headers(self, *args, **kwargs):
        return list(KOLUMNER)

    def export(self, queryset=None, export_fields=None, **kwargs):
        """One row per insats and year (the import format), not one per insats, with the columns chosen in the
        form; every cell through core.export.safe_cell, as in every other file the app writes."""
        dataset = insatser_dataset(queryset if queryset is not None else Insats.objects.all())
        for kolumn in KOLUMNER:
            if export_fields and kolumn not in export_fields:
                del dataset[kolumn]
        return safe_dataset(dataset)
