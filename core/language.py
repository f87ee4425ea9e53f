"""The page language: Swedish unless the user chose another one with the language switch in the header."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without the browser's Accept-Language: only the switch's cookie changes the language.

    Swedish is the service's language; a user whose browser prefers English still gets Swedish until they choose.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()

    def __call__(self, request):
        # The language is the request's: afterwards the thread goes back to the default, so nothing done after a
        # request on the same thread (a test, a worker's next job) runs in the last user's language.
        try:
            return super().__call__(request)
        finally:
            translation.activate(settings.LANGUAGE_CODE)
