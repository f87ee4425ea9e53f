"""The OpenAPI schema's defaults: every operation documents the error answers it can give."""

from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse


def _fel(beskrivning) -> OpenApiResponse:
    return OpenApiResponse(OpenApiTypes.OBJECT, description=beskrivning)


FEL_400 = _fel(gettext_lazy('Felaktig indata: fälten och deras fel, eller {"detail": "…"}.'))
FEL_403 = _fel(gettext_lazy('Inte inloggad, eller rollen får inte göra detta: {"detail": "…"}.'))
FEL_404 = _fel(gettext_lazy('Finns inte, eller så har du ingen roll i förbundet: {"detail": "…"}.'))
FEL_409 = _fel(gettext_lazy('Någon har sparat efter versionen du utgick från: {"version": ["…"]}.'))


class FinsamSchema(AutoSchema):
    """Every operation documents the error answers it can give (400, 403, 404, and 409 for changes), and a serializer
    may list fields a change must send (`kravs_vid_andring`) even when PATCH makes the rest optional."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        fel = {"400": FEL_400, "403": FEL_403, "404": FEL_404}
        if self.method in ("PUT", "PATCH", "DELETE"):
            fel["409"] = FEL_409
        for code, svar in fel.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(svar, code, direction=direction)
        return responses

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        kravda = getattr(serializer, "kravs_vid_andring", ())
        if kravda and direction == "request":
            schema["required"] = sorted({*schema.get("required", []), *kravda})
        return schema
