from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynpunkterConfig(AppConfig):
    name = "synpunkter"
    verbose_name = _("Synpunkter på tillgängligheten")
