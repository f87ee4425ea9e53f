"""Input that no page can store is refused once, here, before any view or query runs.

PostgreSQL refuses a NUL character in text ("A string literal cannot contain NUL (0x00) characters"), so a NUL in
the address, a query parameter, a form field, a cookie or a header would otherwise end as a server error deep
inside a query. The API's request bodies are checked by the parsers in core.api.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _


def innehaller_nul(value) -> bool:
    """True when a string, or any key or value in nested dicts, lists and QueryDicts, contains a NUL character.

    Iterative, so a deeply nested JSON body cannot exhaust the stack.
    """
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if "\x00" in v:
                return True
        elif isinstance(v, bytes):
            if b"\x00" in v:
                return True
        elif hasattr(v, "lists"):  # QueryDict/MultiValueDict: every value of every key
            for k, values in v.lists():
                stack.append(k)
                stack.extend(values)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return False


def nul_meddelande() -> str:
    return _("Förfrågan innehåller ett otillåtet tecken (NUL, teckenkod 0). Ta bort det och försök igen.")


class NulTeckenMiddleware:
    """Answer 400 (a page, or JSON under /api/) when the request carries a NUL character anywhere we read text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._har_nul(request):
            return self.svar(request)
        return self.get_response(request)

    @staticmethod
    def _har_nul(request) -> bool:
        headers = {k: v for k, v in request.META.items() if k.startswith("HTTP_")}
        if innehaller_nul([request.path_info, request.GET, request.COOKIES, headers]):
            return True
        # Django parses only POST bodies into request.POST (form and multipart); the CSRF check reads it anyway.
        # (An uploaded file's name needs no check: Django's multipart parser already drops NUL from it.)
        return request.method == "POST" and innehaller_nul(request.POST)

    @staticmethod
    def svar(request):
        meddelande = nul_meddelande()
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": meddelande}, status=400)
        # Rendered without the request: the session cookie itself may be what carried the NUL.
        return HttpResponseBadRequest(loader.render_to_string("400.html", {"meddelande": meddelande}))
