from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from security.authentication import giltig_till
from security.models import ApiNyckel

# DRF's own admin lists every key in clear text; ours shows whose key it is and lets an administratör revoke it.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(ApiNyckel)
class ApiNyckelAdmin(TokenAdmin):
    list_display = ("user", "created", "giltig_till")
    fields = ("user", "created", "giltig_till")
    readonly_fields = ("user", "created", "giltig_till")

    @admin.display(description=_("Giltig till"))
    def giltig_till(self, obj):
        return giltig_till(obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
