from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: for now the record of every file import."""

    name = "core"
    verbose_name = _("Gemensamt")
