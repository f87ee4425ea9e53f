from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: the record of every file import and the data version (core.dataversion)."""

    name = "core"
    verbose_name = _("Gemensamt")

    def ready(self):
        from core import dataversion

        dataversion.connect()
