from django.contrib import admin

from rapport.models import RapportMall


@admin.register(RapportMall)
class RapportMallAdmin(admin.ModelAdmin):
    """Read-only record of uploaded templates (uploads go through the validating page /rapport/mallar/)."""

    list_display = ["namn", "uppladdad", "uppladdad_av", "aktiv"]
    readonly_fields = ["namn", "fil", "uppladdad", "uppladdad_av"]

    def has_add_permission(self, request):
        return False
