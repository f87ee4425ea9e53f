from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rapport"
    verbose_name = _("Rapportutkast")
