from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PubliceringConfig(AppConfig):
    name = "publicering"
    verbose_name = _("Publicering och öppna data")
