from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_site import HistoryViewOnlyMixin
from core.importing.admin import PreviewImportMixin
from forbund.forms import MedlemskapImportForm
from forbund.imports import medlemskap_import
from forbund.konton import konto_skyddat, losenordslank_send
from forbund.models import Behorighet, Forbund, ForbundNamn, Kommun, Lan, Medlemskap, Roll
from forbund.resources import MedlemskapResource


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
    """Granting roles. The administratör role, and the roles of superusers and administratörer, are a superuser's:
    otherwise an administratör could make another one, or give themselves a förbund's write access.
    """

    list_display = ["user", "roll", "forbund", "beviljad", "beviljad_av"]
    list_filter = ["roll", "forbund"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "forbund__namn"]
    autocomplete_fields = ["forbund"]
    readonly_fields = ["beviljad", "beviljad_av"]
    list_select_related = ["user", "forbund", "beviljad_av"]

    def _skyddad(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return False
        return obj.roll == Roll.ADMINISTRATOR or konto_skyddat(obj.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._skyddad(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._skyddad(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(is_superuser=False).exclude(behorigheter__roll=Roll.ADMINISTRATOR)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "roll" and not request.user.is_superuser:
            kwargs["choices"] = [(v, n) for v, n in Roll.choices if v != Roll.ADMINISTRATOR]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.beviljad_av = request.user
        super().save_model(request, obj, form, change)


class InbjudanForm(forms.ModelForm):
    """A new account has no password: the person gets a link and chooses one."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class KontoForm(UserChangeForm):
    password = None  # set by the person only, through the link


class FinsamUserAdmin(UserAdmin):
    """Accounts. Nobody sets another person's password here (not even a superuser): the admin sends a one-time link.

    Administratörer manage accounts; only superusers can hand out superuser, staff or raw permissions, and only a
    superuser may change a superuser or another administratör.
    """

    form = KontoForm
    add_form = InbjudanForm
    add_form_template = "admin/auth/user/add_form.html"
    change_form_template = "admin/auth/user/change_form.html"
    fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Personuppgifter"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Behörigheter"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Viktiga datum"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "first_name", "last_name", "email"]})]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["skicka_losenordslank"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff", "groups", "user_permissions"]
            # The link goes to this address: changing it on an account in use would hand the account over.
            if obj is not None and obj.has_usable_password() and obj.pk != request.user.pk:
                fields.append("email")
        return fields

    def _skyddad(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return False
        return obj.is_superuser or (obj.pk != request.user.pk and konto_skyddat(obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._skyddad(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._skyddad(request, obj)

    def get_urls(self):
        lank = path(
            "<path:object_id>/skicka-losenordslank/",
            self.admin_site.admin_view(self.losenordslank_view),
            name="auth_user_losenordslank",
        )
        return [lank, *super().get_urls()]

    def user_change_password(self, request, id, form_url=""):
        """Refused for everyone: a password set by somebody else is known to two people."""
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self._skicka(request, obj)

    def _skicka(self, request, user) -> bool:
        try:
            losenordslank_send(user=user, request=request, skickad_av=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return False
        self.message_user(
            request, _("En länk för att välja lösenord har skickats till %(email)s.") % {"email": user.email}
        )
        return True

    @admin.action(description=_("Skicka länk för nytt lösenord"), permissions=["change"])
    def skicka_losenordslank(self, request, queryset):
        users = list(queryset)
        if any(not self.has_change_permission(request, u) for u in users):
            raise PermissionDenied
        for user in users:
            self._skicka(request, user)

    def losenordslank_view(self, request, object_id):
        """The change form's button: confirm, then send."""
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        if request.method == "POST":
            self._skicka(request, user)
            return redirect("admin:auth_user_change", user.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "title": _("Skicka länk för nytt lösenord"),
            "timeout_dagar": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        }
        return TemplateResponse(request, "admin/auth/user/losenordslank.html", context)


class FinsamGroupAdmin(GroupAdmin):
    """Groups carry raw permissions, so they are a superuser's (access otherwise follows the roles)."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, FinsamUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, FinsamGroupAdmin)
