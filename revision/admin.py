"""Read-only: the förbund register their revision in the app (rules, locking, history); the admin site shows it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_site import HistoryViewOnlyMixin, ReadOnlyAdminMixin
from revision.models import Revision


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdminMixin, HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["forbund", "ar", "berattelse_mottagen", "ansvarsfrihet", "ansvarsfrihet_datum"]
    list_filter = ["ar", "ansvarsfrihet"]
    search_fields = ["forbund__namn"]
    list_select_related = ["forbund"]
