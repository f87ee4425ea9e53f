from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FinsamConfig(AppConfig):
    default = True
    name = "finsam"
    verbose_name = "Finsam"


class FinsamAdminConfig(admin_apps.AdminConfig):
    """The admin site, with access that follows the administratör role (finsam.admin.FinsamAdminSite)."""

    default = False
    default_site = "finsam.admin.FinsamAdminSite"
