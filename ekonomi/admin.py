"""Read-only: the förbund register their economy in the app (rules, locking, history); the admin site only shows it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_site import HistoryViewOnlyMixin, ReadOnlyAdminMixin
from core.importing.admin import PreviewImportMixin
from ekonomi.forms_admin import EkonomiImportForm
from ekonomi.imports import ekonomi_import
from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag


@admin.register(Arsekonomi)
class ArsekonomiAdmin(PreviewImportMixin, ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = [
        "forbund",
        "ar",
        "administration_budget",
        "administration_utfall",
        "faststallt_eget_kapital_utgaende",
    ]
    list_filter = ["ar"]
    search_fields = ["forbund__namn"]
    list_select_related = ["forbund"]
    change_list_template = "admin/ekonomi/arsekonomi/change_list.html"

    import_form_class = EkonomiImportForm
    import_template = "admin/finsam/import.html"
    import_title = _("Importera ekonomi")

    def may_import(self, request) -> bool:
        return request.user.has_perm("ekonomi.add_arsekonomi") and request.user.has_perm("ekonomi.change_arsekonomi")

    def run_import(self, request, content, filnamn, dry_run):
        """The same service (and checks) as `import_ekonomi`."""
        return ekonomi_import(content=content, filnamn=filnamn, user=request.user, dry_run=dry_run)

    def done_message(self, resultat):
        return _("Importen är sparad: %(resultat)s") % {"resultat": resultat}


@admin.register(Medlemsbidrag)
class MedlemsbidragAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["forbund", "ar", "medlemstyp", "region", "kommun", "belopp"]
    list_filter = ["ar", "medlemstyp"]
    search_fields = ["forbund__namn", "kommun__namn"]
    list_select_related = ["forbund", "region", "kommun"]


@admin.register(Statsbidrag)
class StatsbidragAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["ar", "tilldelat"]
