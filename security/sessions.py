"""Idle sessions end without costing anyone their typing.

The browser warns before the end (static/js/session.js, keep_alive below). A form sent after the end is kept:
login_required answers an anonymous POST with a redirect to the login page; this middleware then stores the form's
fields (not the CSRF token, not files) in the new session, and after login the GET of the same address binds the
view's form to them again. The request stays a GET, so the views (which save only on POST) save nothing: the
person checks the form and presses Spara.
"""

import time
from urllib.parse import urlparse

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

ACTIVE_KEY = "security_aktiv"  # when the session's end was last moved (Unix seconds)
# Moving the end is a write; once a minute is enough (the JS is told the exact time left).
REFRESH_SECONDS = 60
SESSION_KEY = "security_osparat_formular"
# Whose form it was: a keyed hash of the last logged-in user, so a stored form is never shown to somebody else.
USER_COOKIE = "finsam_anvandare"
MAX_BYTES = 100_000


def _user_mark(user) -> str:
    return salted_hmac("security.sessions.anvandare", str(user.pk), algorithm="sha256").hexdigest()[:32]


def mark_active(request) -> None:
    """Move the session's end to SESSION_COOKIE_AGE from now (the session is saved with a new expiry)."""
    request.session[ACTIVE_KEY] = int(time.time())


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        mark_active(request)


def seconds_left(request) -> int:
    return settings.SESSION_COOKIE_AGE - (int(time.time()) - request.session.get(ACTIVE_KEY, int(time.time())))


class IdleSessionMiddleware:
    """A session ends SESSION_COOKIE_AGE after the last request: each request moves the end, at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            last = request.session.get(ACTIVE_KEY, 0)
            if time.time() - last >= REFRESH_SECONDS:
                mark_active(request)
        return self.get_response(request)


class UnsavedFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.user.is_authenticated and SESSION_KEY in request.session:
            self._restore(request)
        response = self.get_response(request)
        if request.method == "POST" and not request.user.is_authenticated and self._is_login_redirect(response):
            self._store(request)
        # Logged in through the session (not an API key: those clients never see a login page).
        if request.user.is_authenticated and AUTH_SESSION_KEY in request.session:
            mark = _user_mark(request.user)
            if request.COOKIES.get(USER_COOKIE) != mark:
                response.set_cookie(
                    USER_COOKIE,
                    mark,
                    max_age=7 * 24 * 3600,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    @staticmethod
    def _is_login_redirect(response) -> bool:
        if response.status_code != 302:
            return False
        return urlparse(response["Location"]).path == resolve_url(settings.LOGIN_URL)

    @staticmethod
    def _store(request) -> None:
        mark = request.COOKIES.get(USER_COOKIE)
        fields = [(k, v) for k, values in request.POST.lists() if k != "csrfmiddlewaretoken" for v in values]
        if not mark or not fields or sum(len(k) + len(v) for k, v in fields) > MAX_BYTES:
            return
        request.session[SESSION_KEY] = {"path": request.get_full_path(), "anvandare": mark, "falt": fields}
        messages.warning(
            request,
            _(
                "Du loggades ut eftersom du inte varit aktiv på en stund, så formuläret sparades inte. "
                "Logga in igen, så kommer du tillbaka till formuläret med det du skrev ifyllt."
            ),
        )

    @staticmethod
    def _restore(request) -> None:
        stored = request.session[SESSION_KEY]
        if stored.get("path") != request.get_full_path():
            return
        del request.session[SESSION_KEY]
        if not constant_time_compare(stored.get("anvandare", ""), _user_mark(request.user)):
            return
        data = QueryDict(mutable=True)
        for key, value in stored["falt"]:
            data.appendlist(key, value)
        data._mutable = False
        request.POST = data  # still a GET: the view binds its form to the data but saves nothing
        messages.info(
            request,
            _("Det du skrev innan du loggades ut är ifyllt igen. Inget är sparat än: kontrollera och tryck Spara."),
        )


def session_timing(request):
    """The session's idle limit and warning time for static/js/session.js (data attributes in base.html)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "session_sekunder": seconds_left(request),
        "session_varning_sekunder": settings.SESSION_WARNING_SECONDS,
    }


@login_required
@require_POST
def keep_alive(request):
    """Any request moves the session's end; this one does only that (after the end: the login redirect)."""
    mark_active(request)
    return JsonResponse({"inloggad": True, "sekunder": settings.SESSION_COOKIE_AGE})
