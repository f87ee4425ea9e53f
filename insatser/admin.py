from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_site import HistoryViewOnlyMixin, ReadOnlyAdminMixin
from core.importing.admin import PreviewImportMixin
from insatser.forms_admin import InsatsImportForm
from insatser.imports import insats_import
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp
from insatser.resources import InsatsResource


class InsatsArInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = InsatsAr
    extra = 0


@admin.register(Insats)
class InsatsAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, PreviewImportMixin, ExportMixin, SimpleHistoryAdmin):
    """Read and export in the admin site, and the national import; förbund register in their own pages."""

    resource_classes = [InsatsResource]
    list_display = ["namn", "forbund", "typ", "inriktning", "startdatum", "slutdatum"]
    list_filter = ["typ", "inriktning", "esf", "forbund"]
    search_fields = ["namn", "forbund__namn"]
    list_select_related = ["forbund", "inriktning"]
    inlines = [InsatsArInline]
    change_list_template = "admin/insatser/insats/change_list.html"

    # Insatser change through the förbund pages, the API and the import (rules, locking, history); the admin site
    # only reads, exports and imports (may_import asks the model permissions, not the read-only admin).
    import_form_class = InsatsImportForm
    import_template = "admin/finsam/import.html"
    import_title = _("Importera insatser")

    def may_import(self, request) -> bool:
        return request.user.has_perm("insatser.add_insats") and request.user.has_perm("insatser.change_insats")

    def run_import(self, request, content, filnamn, dry_run):
        """The same service (and rules) as `import_insatser`."""
        return insats_import(content=content, filnamn=filnamn, user=request.user, dry_run=dry_run)

    def done_message(self, resultat):
        return _("Importen är sparad: %(resultat)s") % {"resultat": resultat}


@admin.register(Inriktning)
class InriktningAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn", "typ", "system", "giltig_fran", "giltig_till"]
    list_filter = ["typ", "system"]


@admin.register(Malgrupp)
class MalgruppAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn"]
