from django.contrib import admin

from synpunkter.models import Synpunkt


@admin.register(Synpunkt)
class SynpunktAdmin(admin.ModelAdmin):
    """Read-only: a message is what someone sent, and stays so."""

    list_display = ["skickad", "__str__", "epost", "anvandare"]
    list_filter = ["skickad"]
    search_fields = ["meddelande", "epost"]
    readonly_fields = ["skickad", "meddelande", "epost", "anvandare"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
