from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from finsam.importing import ImportFel
from forbund.forms import MedlemskapImportForm
from forbund.models import Behorighet, Forbund, ForbundNamn, Kommun, Lan, Medlemskap, MedlemskapImport
from forbund.resources import MedlemskapResource
from forbund.services import medlemskap_import

SESSION_KEY = "medlemskap_import_fil"


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
class ForbundAdmin(admin.ModelAdmin):
    list_display = ["namn", "slug", "bildat", "upphort", "efterfoljare"]
    search_fields = ["namn", "slug"]
    prepopulated_fields = {"slug": ["namn"]}
    inlines = [ForbundNamnInline, MedlemskapInline]
    list_select_related = ["efterfoljare"]


@admin.register(Medlemskap)
class MedlemskapAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = [MedlemskapResource]
    list_display = ["forbund", "kommun", "region", "giltig_fran", "giltig_till"]
    list_filter = ["forbund", "region"]
    search_fields = ["kommun__namn", "kommun__kod", "forbund__namn"]
    list_select_related = ["forbund", "kommun", "region"]
    autocomplete_fields = ["kommun", "forbund"]
    change_list_template = "admin/forbund/medlemskap/change_list.html"

    def get_urls(self):
        return [
            path("importera/", self.admin_site.admin_view(self.import_view), name="forbund_medlemskap_importera"),
        ] + super().get_urls()

    def import_view(self, request):
        """Upload, preview exactly what will change, then confirm: nothing is saved before the confirmation."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importera medlemskap"),
        }
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            messages.error(request, _("Du saknar behörighet att importera medlemskap."))
            return redirect("admin:forbund_medlemskap_changelist")
        if request.method == "POST" and "bekrafta" in request.POST:
            stored = request.session.get(SESSION_KEY)
            if not stored:
                messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
                return redirect("admin:forbund_medlemskap_importera")
            try:
                andringar = medlemskap_import(
                    content=stored["content"].encode("latin-1"), filnamn=stored["filnamn"], user=request.user
                )
            except ImportFel as exc:
                context.update(form=MedlemskapImportForm(), fel=exc.fel)
                return render(request, "admin/forbund/medlemskap/import.html", context)
            del request.session[SESSION_KEY]
            antal = sum(1 for a in andringar if a.typ != "oforandrad")
            messages.success(request, _("Importen är sparad: %(n)s ändringar.") % {"n": antal})
            return redirect(reverse("admin:forbund_medlemskapimport_changelist"))
        form = MedlemskapImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["fil"]
            content = upload.read()
            try:
                andringar = medlemskap_import(content=content, filnamn=upload.name, user=request.user, dry_run=True)
            except ImportFel as exc:
                context.update(form=form, fel=exc.fel)
                return render(request, "admin/forbund/medlemskap/import.html", context)
            # latin-1 maps every byte to one code point, so any file survives the JSON session round trip.
            request.session[SESSION_KEY] = {"content": content.decode("latin-1"), "filnamn": upload.name}
            context.update(form=None, andringar=andringar, filnamn=upload.name)
            return render(request, "admin/forbund/medlemskap/import.html", context)
        context.update(form=form)
        return render(request, "admin/forbund/medlemskap/import.html", context)


@admin.register(MedlemskapImport)
class MedlemskapImportAdmin(admin.ModelAdmin):
    list_display = ["tidpunkt", "filnamn", "user", "antal_andringar"]
    readonly_fields = ["tidpunkt", "filnamn", "user", "andringar"]
    list_select_related = ["user"]

    @admin.display(description=_("ändringar"))
    def antal_andringar(self, obj):
        return sum(1 for a in obj.andringar if a.get("typ") != "oforandrad")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what was imported is an audit trail


@admin.register(Behorighet)
class BehorighetAdmin(admin.ModelAdmin):
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
