from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from finsam.admin import HistoryViewOnlyMixin
from finsam.admin_import import PreviewImportMixin
from forbund.forms import MedlemskapImportForm
from forbund.models import Behorighet, Forbund, ForbundNamn, Kommun, Lan, Medlemskap
from forbund.resources import MedlemskapResource
from forbund.services import medlemskap_import


@admin.register(Lan)
class LanAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn", "region_namn"]
    search_fields = ["kod", "namn", "region_namn"]


@admin.register(Kommun)
class KommunAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn", "lan"]
    list_filter = ["lan"]
    search_fields = ["kod", "namn"]


class ForbundNamnInline(admin.TabularInline):
    model = ForbundNamn
    extra = 0


class MedlemskapInline(admin.TabularInline):
    model = Medlemskap
    extra = 0
    autocomplete_fields = ["kommun"]


@admin.register(Forbund)
class ForbundAdmin(HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["namn", "slug", "bildat", "upphort", "efterfoljare"]
    search_fields = ["namn", "slug"]
    prepopulated_fields = {"slug": ["namn"]}
    inlines = [ForbundNamnInline, MedlemskapInline]
    list_select_related = ["efterfoljare"]


@admin.register(Medlemskap)
class MedlemskapAdmin(HistoryViewOnlyMixin, PreviewImportMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [MedlemskapResource]
    list_display = ["forbund", "kommun", "region", "giltig_fran", "giltig_till"]
    list_filter = ["forbund", "region"]
    search_fields = ["kommun__namn", "kommun__kod", "forbund__namn"]
    list_select_related = ["forbund", "kommun", "region"]
    autocomplete_fields = ["kommun", "forbund"]
    change_list_template = "admin/forbund/medlemskap/change_list.html"

    import_form_class = MedlemskapImportForm
    import_template = "admin/forbund/medlemskap/import.html"
    import_title = _("Importera ändringar i medlemskap")

    def run_import(self, request, content, filnamn, dry_run):
        return medlemskap_import(content=content, filnamn=filnamn, user=request.user, dry_run=dry_run)

    def done_message(self, andringar):
        antal = sum(1 for a in andringar if a.typ != "oforandrad")
        return _("Importen är sparad: %(n)s ändringar.") % {"n": antal}


@admin.register(Behorighet)
class BehorighetAdmin(HistoryViewOnlyMixin, SimpleHistoryAdmin):
    list_display = ["user", "roll", "forbund", "beviljad", "beviljad_av"]
    list_filter = ["roll", "forbund"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "forbund__namn"]
    autocomplete_fields = ["forbund"]
    readonly_fields = ["beviljad", "beviljad_av"]
    list_select_related = ["user", "forbund", "beviljad_av"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.beviljad_av = request.user
        super().save_model(request, obj, form, change)


class FinsamUserAdmin(UserAdmin):
    """Administratörer manage accounts; only superusers can hand out superuser, staff or raw permissions."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return fields


admin.site.unregister(User)
admin.site.register(User, FinsamUserAdmin)
