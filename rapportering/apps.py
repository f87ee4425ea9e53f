from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapporteringConfig(AppConfig):
    name = "rapportering"
    verbose_name = _("Rapportering")
