"""django-import-export resource for the admin site's export: the same file format as import_insatser."""

from import_export import resources

from insatser.exports import KOLUMNER, insatser_dataset
from insatser.models import Insats


class InsatsResource(resources.ModelResource):
    class Meta:
        model = Insats
        fields = ()

    def get_export_headers(self, *args, **kwargs):
        return list(KOLUMNER)

    def export(self, queryset=None, **kwargs):
        """One row per insats and year (the import format), not one per insats."""
        return insatser_dataset(queryset if queryset is not None else Insats.objects.all())
