from django.contrib import admin

from publicering.models import Publicering


@admin.register(Publicering)
class PubliceringAdmin(admin.ModelAdmin):
    """Made by granskare on /rapportering/publicering/ or with manage.py publicera; never changed, listed here."""

    list_display = ["pk", "ar", "skapad", "skapad_av", "uttag", "troskel"]
    list_select_related = ["skapad_av", "uttag"]
    exclude = ["data", "monster", "omraden"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
