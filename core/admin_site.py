from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied

from forbund.access import is_administrator


class FinsamAdminSite(AdminSite):
    site_header = "Finsam – administration"
    site_title = "Finsam"
    index_title = "Register och behörigheter"

    def has_permission(self, request):
        """Staff accounts and everyone with the administratör role; no separate staff flag to keep in step."""
        user = request.user
        return user.is_active and (user.is_staff or is_administrator(user))


class HistoryViewOnlyMixin:
    """Old versions can be looked at, never saved back.

    simple-history's admin saves a POSTed old version even for a user who may only view; a revert would also
    skip the services' rules and the optimistic locking, so it is refused for everyone.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdminMixin:
    """Reported figures are only looked at here (with their history), never changed.

    They change through the förbund's pages, the API and the imports, which check the rules and the optimistic
    locking (`version`); an admin save would do neither, and a later save from the old version would overwrite it.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
