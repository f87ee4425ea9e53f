from django.contrib.auth.backends import BaseBackend

from forbund.access import is_administrator

# The administratör keeps the registry, grants access and imports insatser in the admin site. The economy's
# figures change only through the förbund's own pages (with their rules), and API tokens are created by
# superusers or by the user (`drf_create_token`), so an administratör cannot act as somebody else.
# core: the import records (read-only in the admin); rapportering: the reporting rounds' dates (the rest read-only);
# synpunkter: the accessibility feedback (read-only).
ADMIN_APPS = {"forbund", "insatser", "core", "auth", "rapportering", "synpunkter", "publicering"}  # releases: read-only


class RollBackend(BaseBackend):
    """Model permissions follow from the administratör role, so granting the role is all it takes."""

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and perm.split(".", 1)[0] in ADMIN_APPS and is_administrator(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and app_label in ADMIN_APPS and is_administrator(user_obj)
