from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontonConfig(AppConfig):
    """Användare och behörigheter: invitations, roles and their log in the application itself."""

    name = "konton"
    verbose_name = _("Användare och behörigheter")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from konton.services import profil_login_receiver

        user_logged_in.connect(profil_login_receiver, dispatch_uid="konton.profil_login")
