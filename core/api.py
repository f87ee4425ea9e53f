"""What every API view shares: parsers that refuse what PostgreSQL cannot store, and bounded pagination.

The documented error responses are in core.schema (drf-spectacular imports DRF's views, which read these settings).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.granser import INTEGER_MAX
from core.locking import Konflikt
from core.middleware import innehaller_nul, nul_meddelande


def _utan_nul(data):
    if innehaller_nul(data):
        raise ParseError(nul_meddelande())
    return data


class NulFriJSONParser(JSONParser):
    """JSON whose strings and keys contain no NUL, with Swedish messages for a body that is not JSON."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError:
            raise ParseError(
                _("Förfrågan är inte giltig JSON (UTF-8). Kontrollera tecken, citattecken och kommatecken.")
            ) from None
        except RecursionError:
            raise ParseError(_("JSON-dokumentet är för djupt nästlat.")) from None
        return _utan_nul(data)


class NulFriFormParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _utan_nul(super().parse(stream, media_type, parser_context))


class NulFriMultiPartParser(MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _utan_nul(result.data)
        return result


class Sidindelning(LimitOffsetPagination):
    """limit (1–1000) and offset (0 upwards, within an integer column); anything else is a 400 that says so."""

    max_limit = 1000
    max_offset = INTEGER_MAX
    limit_query_description = gettext_lazy("Antal rader att hämta (1–1000, standard 100).")
    offset_query_description = gettext_lazy("Hur många rader som hoppas över innan de som hämtas.")

    def _heltal(self, request, param: str, *, minsta: int, storsta: int | None, standard):
        value = request.query_params.get(param)
        if value in (None, ""):
            return standard
        meddelande = _("Ange %(param)s som ett heltal från %(minsta)s till %(storsta)s.") % {
            "param": param,
            "minsta": minsta,
            "storsta": storsta,
        }
        # isdigit first: int() of a very long string is slow and refuses over 4300 digits anyway.
        if not value.isascii() or not value.isdigit() or len(value) > 19:
            raise ValidationError({param: [meddelande]})
        number = int(value)
        if number < minsta or number > storsta:
            raise ValidationError({param: [meddelande]})
        return number

    def get_limit(self, request):
        return self._heltal(
            request, self.limit_query_param, minsta=1, storsta=self.max_limit, standard=self.default_limit
        )

    def get_offset(self, request):
        return self._heltal(request, self.offset_query_param, minsta=0, storsta=self.max_offset, standard=0)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for p in params:
            if p["name"] == self.limit_query_param:
                p["schema"].update(minimum=1, maximum=self.max_limit)
            elif p["name"] == self.offset_query_param:
                p["schema"].update(minimum=0, maximum=self.max_offset)
        return params


def exception_handler(exc, context):
    """DRF's handler, plus a service's refusal: a version conflict (core.locking.Konflikt) is a 409 under `version`,
    any other ValidationError a 400 naming its fields (non_field_errors for the rest). A view whose field names
    differ from the service's declares `api_falt(falt) -> str` to translate them."""
    from rest_framework import views  # not at import: DRF's views read the settings that name this module

    if isinstance(exc, DjangoValidationError):
        views.set_rollback()
    if isinstance(exc, Konflikt):
        return Response({"version": exc.messages}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            namn = getattr(context.get("view"), "api_falt", None) or (lambda falt: falt)
            detail = {
                "non_field_errors" if falt == NON_FIELD_ERRORS else namn(falt): meddelanden
                for falt, meddelanden in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    return views.exception_handler(exc, context)
