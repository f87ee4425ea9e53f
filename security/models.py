from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy


class ApiNyckel(TokenProxy):
    """A user's API key as the admin site shows it: named after its owner, never by its secret value."""

    class Meta:
        proxy = True
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self):
        return _("API-nyckel för %(user)s") % {"user": self.user}
