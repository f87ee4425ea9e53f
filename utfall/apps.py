from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UtfallConfig(AppConfig):
    name = "utfall"
    verbose_name = _("Utfall efter insats")

    def ready(self):
        # The checks register themselves in the reporting round's registry (rapportering.kontroller.kontroll).
        from utfall import kontroller  # noqa: F401
