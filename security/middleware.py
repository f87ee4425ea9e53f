"""Response headers and database faults, for every page."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views import defaults

logger = logging.getLogger(__name__)

try:  # psycopg's own errors, should one escape Django's wrapper (e.g. while connecting).
    import psycopg

    DATABASE_DOWN = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # pragma: no cover - SQLite-only installs
    DATABASE_DOWN = (OperationalError, InterfaceError)

RETRY_AFTER_SECONDS = 30


class NoStoreMiddleware:
    """Pages and downloads with a user's data are never kept by the browser or a proxy (back button, shared PCs).

    Every response to an authenticated user (the API's token users too: DRF sets request.user in the view) gets
    `Cache-Control: no-store` unless the view chose its own caching. Static files never get here (WhiteNoise).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        if (authenticated or "HTTP_AUTHORIZATION" in request.META) and "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        return response


def database_unavailable(request=None) -> HttpResponse:
    """503 with a Swedish page that needs no database (no context processors, no user)."""
    html = loader.get_template("503.html").render()
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 + Retry-After instead of 500.

    Errors inside other middleware (a session read, the user lookup) never reach process_exception: Django turns
    them into a response at that layer. server_error below, the project's handler500, catches those.
    The next request gets a fresh connection (conn_health_checks), so the site recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Databasen svarar inte: %s", exception, exc_info=exception)
            return database_unavailable(request)
        return None


def server_error(request, *args, **kwargs):
    """handler500: a database fault anywhere (middleware included) is a 503; everything else Django's 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request, *args, **kwargs)
