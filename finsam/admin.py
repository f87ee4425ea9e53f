from django.contrib.admin import AdminSite

from forbund.access import is_administrator


class FinsamAdminSite(AdminSite):
    site_header = "Finsam – administration"
    site_title = "Finsam"
    index_title = "Register och behörigheter"

    def has_permission(self, request):
        """Staff accounts and everyone with the administratör role; no separate staff flag to keep in step."""
        user = request.user
        return user.is_active and (user.is_staff or is_administrator(user))
