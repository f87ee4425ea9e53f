from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Headers, sessions, API keys and database faults: the parts of hardening every page shares."""

    name = "security"
    verbose_name = _("Säkerhet")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from security.sessions import on_login

        # Connected here, not on import of the middleware: a login may come before the first request.
        user_logged_in.connect(on_login, dispatch_uid="security.sessions.on_login")
