from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from finsam.importing import ImportFel
from insatser.forms_admin import InsatsImportForm
from insatser.imports import insats_import
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp
from insatser.resources import InsatsResource

SESSION_KEY = "insats_import_fil"


class InsatsArInline(admin.TabularInline):
    model = InsatsAr
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Insats)
class InsatsAdmin(ExportMixin, SimpleHistoryAdmin):
    """Read and export in the admin site, and the national import; förbund register in their own pages."""

    resource_classes = [InsatsResource]
    list_display = ["namn", "forbund", "typ", "inriktning", "startdatum", "slutdatum"]
    list_filter = ["typ", "inriktning", "esf", "forbund"]
    search_fields = ["namn", "forbund__namn"]
    list_select_related = ["forbund", "inriktning"]
    inlines = [InsatsArInline]
    change_list_template = "admin/insatser/insats/change_list.html"

    # Insatser change through the förbund pages, the API and the import (rules, locking, history); the admin site
    # only reads, exports and imports.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _may_import(self, request) -> bool:
        return request.user.has_perm("insatser.add_insats") and request.user.has_perm("insatser.change_insats")

    def get_urls(self):
        return [
            path("importera/", self.admin_site.admin_view(self.import_view), name="insatser_insats_importera"),
        ] + super().get_urls()

    def import_view(self, request):
        """Upload, see what would change, confirm. The same service (and rules) as `import_insatser`."""
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": _("Importera insatser")}
        if not self._may_import(request):
            messages.error(request, _("Du saknar behörighet att importera insatser."))
            return redirect("admin:insatser_insats_changelist")
        if request.method == "POST" and "bekrafta" in request.POST:
            stored = request.session.get(SESSION_KEY)
            if not stored:
                messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
                return redirect("admin:insatser_insats_importera")
            try:
                resultat = insats_import(
                    content=stored["content"].encode("latin-1"), filnamn=stored["filnamn"], user=request.user
                )
            except ImportFel as exc:
                context.update(form=InsatsImportForm(), fel=exc.fel)
                return render(request, "admin/insatser/insats/import.html", context)
            del request.session[SESSION_KEY]
            messages.success(request, _("Importen är sparad: %(resultat)s") % {"resultat": resultat})
            return redirect("admin:insatser_insats_changelist")
        form = InsatsImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["fil"]
            content = upload.read()
            try:
                resultat = insats_import(content=content, filnamn=upload.name, user=request.user, dry_run=True)
            except ImportFel as exc:
                context.update(form=form, fel=exc.fel)
                return render(request, "admin/insatser/insats/import.html", context)
            # latin-1 maps every byte to one code point, so any file survives the JSON session round trip.
            request.session[SESSION_KEY] = {"content": content.decode("latin-1"), "filnamn": upload.name}
            context.update(form=None, resultat=resultat, filnamn=upload.name)
            return render(request, "admin/insatser/insats/import.html", context)
        context.update(form=form)
        return render(request, "admin/insatser/insats/import.html", context)


@admin.register(Inriktning)
class InriktningAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn", "typ", "system", "giltig_fran", "giltig_till"]
    list_filter = ["typ", "system"]


@admin.register(Malgrupp)
class MalgruppAdmin(admin.ModelAdmin):
    list_display = ["kod", "namn"]
