from django.contrib.auth.backends import BaseBackend

from forbund.access import is_administrator

# Seeing who has a key and revoking it; creating or changing one would let an administratör act as somebody else.
ADMINISTRATOR_PERMS = {"security.view_apinyckel", "security.delete_apinyckel"}


class ApiNyckelBackend(BaseBackend):
    """An administratör may list and revoke every user's API key in the admin site."""

    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and perm in ADMINISTRATOR_PERMS and is_administrator(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and app_label == "security" and is_administrator(user_obj)
