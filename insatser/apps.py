from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = _("Insatser")
