from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: the record of every file import and the data version (core.dataversion)."""

    name = "core"
    verbose_name = _("Gemensamt")

    def ready(self):
        from core import dataversion

        dataversion.connect()


class FinsamAdminConfig(admin_apps.AdminConfig):
    """The admin site, with access that follows the administratör role (core.admin_site.FinsamAdminSite)."""

    default = False
    default_site = "core.admin_site.FinsamAdminSite"
