from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def giltig_till(token):
    """The moment an API key stops working (API_TOKEN_DAGAR after it was created)."""
    return token.created + timedelta(days=settings.API_TOKEN_DAGAR)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token, refused once it is older than API_TOKEN_DAGAR; revoking is deleting it."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if timezone.now() >= giltig_till(token):
            raise exceptions.AuthenticationFailed(
                _("API-nyckeln har gått ut. Skapa en ny under Mina API-nycklar (/konto/api-nycklar/).")
            )
        return user, token
