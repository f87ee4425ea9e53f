from django.contrib import admin

from core.models import Importkorning


@admin.register(Importkorning)
class ImportkorningAdmin(admin.ModelAdmin):
    """The record of what was imported is an audit trail: it can be read, never added, changed or deleted."""

    list_display = ["tidpunkt", "typ", "filnamn", "user", "antal"]
    list_filter = ["typ"]
    search_fields = ["filnamn", "user__username", "sha256"]
    readonly_fields = ["typ", "tidpunkt", "user", "filnamn", "storlek", "sha256", "antal", "andringar"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
