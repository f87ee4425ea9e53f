from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rapportering.models import Lasundantag, Paminnelse, Rapporteringsomgang, Uttag


@admin.register(Rapporteringsomgang)
class RapporteringsomgangAdmin(SimpleHistoryAdmin):
    list_display = ["ar", "oppnar", "sista_dag", "last_datum"]


@admin.register(Lasundantag)
class LasundantagAdmin(admin.ModelAdmin):
    """Granted by reviewers on the review page; listed here for the record."""

    list_display = ["forbund", "ar", "till", "beviljad_av", "beviljad"]
    list_select_related = ["forbund", "beviljad_av"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Paminnelse)
class PaminnelseAdmin(LasundantagAdmin):
    list_display = ["forbund", "ar", "dagar", "skickad"]
    list_select_related = ["forbund"]


@admin.register(Uttag)
class UttagAdmin(LasundantagAdmin):
    list_display = ["ar", "tagen", "tagen_av", "alla_godkanda"]
    list_select_related = ["tagen_av"]
    exclude = ["statistik"]
