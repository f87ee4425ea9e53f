from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_site import HistoryViewOnlyMixin, ReadOnlyAdminMixin
from utfall.models import Utfall, Utfallsantal


class UtfallsantalInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Utfallsantal
    extra = 0


@admin.register(Utfall)
class UtfallAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    """Read only: outcome counts change through the grid, the API and the import (rules, locking, history)."""

    list_display = ["insats", "ar", "version", "andrad"]
    list_filter = ["ar"]
    search_fields = ["insats__namn", "insats__forbund__namn"]
    list_select_related = ["insats"]
    inlines = [UtfallsantalInline]
