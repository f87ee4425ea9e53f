"""Read-only: the förbund register their economy in the app (rules, locking, history); the admin site only shows it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from finsam.admin import HistoryViewOnlyMixin, ReadOnlyAdminMixin


@admin.register(Arsekonomi)
class ArsekonomiAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
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


@admin.register(Medlemsbidrag)
class MedlemsbidragAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["forbund", "ar", "medlemstyp", "region", "kommun", "belopp"]
    list_filter = ["ar", "medlemstyp"]
    search_fields = ["forbund__namn", "kommun__namn"]
    list_select_related = ["forbund", "region", "kommun"]


@admin.register(Statsbidrag)
class StatsbidragAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["ar", "tilldelat"]
