from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForbundConfig(AppConfig):
    name = "forbund"
    verbose_name = _("Register: län, kommuner och förbund")
