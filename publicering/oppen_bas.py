"""The open API's machinery: no login, a limit per client, problem+json errors, CORS, and its own OpenAPI document."""

import contextvars
import math

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from publicering.oppet_format import CORS, problem, svar

_i_oppet_schema = contextvars.ContextVar("i_oppet_schema", default=False)


class Fel(exceptions.APIException):
    """A 400 (or another status) with a Swedish explanation."""

    def __init__(self, detalj: str, status: int = 400):
        super().__init__(detalj)
        self.status_code = status


class OppenGrans(SimpleRateThrottle):
    """settings.OPPEN_API_GRANS requests per client address (e.g. 600/minute), counted in Django's cache."""

    scope = "oppen"

    def get_rate(self):
        return settings.OPPEN_API_GRANS

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AlltidJson(BaseContentNegotiation):
    """`format` is our own parameter (json, json-stat2, csv, xlsx), not DRF's renderer choice."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class OppetSchema(AutoSchema):
    """In the open API's own OpenAPI document only, not in the logged-in API's."""

    def is_excluded(self):
        return not _i_oppet_schema.get()


class OppenSchemaGenerator(SchemaGenerator):
    def get_schema(self, request=None, public=False):
        token = _i_oppet_schema.set(True)
        try:
            schema = super().get_schema(request=request, public=public)
        finally:
            _i_oppet_schema.reset(token)
        schema["paths"] = {p: v for p, v in schema.get("paths", {}).items() if p.startswith("/api/oppen/")}
        return schema


def problem_for(exc, context):
    """Every error of the open API as application/problem+json."""
    if isinstance(exc, Http404):
        exc = Fel(_("Det finns inget här."), 404)
    if not isinstance(exc, exceptions.APIException):
        return None
    titlar = {
        400: _("Felaktig fråga"),
        404: _("Finns inte"),
        405: _("Metoden stöds inte"),
        406: _("Formatet stöds inte"),
        429: _("För många anrop"),
    }
    headers = {}
    detalj = str(exc.detail) if not isinstance(exc.detail, (list, dict)) else str(exc.detail)
    if isinstance(exc, exceptions.Throttled):
        vanta = max(1, math.ceil(exc.wait or 1))
        headers["Retry-After"] = str(vanta)
        detalj = _("Högst %(grans)s anrop per klient. Försök igen om %(s)s sekunder.") % {
            "grans": settings.OPPEN_API_GRANS,
            "s": vanta,
        }
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detalj = _("Det öppna API:et går bara att läsa (GET).")
    return problem(exc.status_code, str(titlar.get(exc.status_code, _("Fel"))), detalj, headers)


class OppenVy(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [OppenGrans]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AlltidJson
    schema = OppetSchema()
    format_tillatna = ("json", "csv", "xlsx")

    def get_exception_handler(self):
        return problem_for

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for k, v in CORS.items():
            response.setdefault(k, v)
        return response

    def get_view_description(self, html=False):
        return _("Finsams öppna data: publicerade siffror, se /oppna-data/.")

    def fmt(self, request) -> str:
        fmt = request.query_params.get("format", "json")
        if fmt not in self.format_tillatna:
            raise Fel(_("Okänt format: välj %(f)s.") % {"f": ", ".join(self.format_tillatna)})
        return fmt

    def lista(self, request, namn: str, rader: list[dict], kolumner: tuple, senast=None):
        """A metadata list ({"count", "values"}) in JSON, CSV or XLSX."""
        fmt = self.fmt(request)
        payload = {"count": len(rader), "values": rader}
        tabell = (list(kolumner), [[_platt(r.get(k)) for k in kolumner] for r in rader])
        return svar(request, fmt, payload, tabell=tabell, filnamn=namn, senast=senast)


def _platt(v):
    if isinstance(v, list):
        return ",".join(str(x.get("kod", x)) if isinstance(x, dict) else str(x) for x in v)
    return v


class OppetSchemaVy(SpectacularAPIView):
    """The open API's OpenAPI document: public, readable from other sites, within the same limit."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [OppenGrans]
    generator_class = OppenSchemaGenerator
    schema = OppetSchema()
    custom_settings = {
        "TITLE": "Finsams öppna data",
        "DESCRIPTION": "Publicerade siffror om samordningsförbund, utan inloggning. Licens CC BY 4.0, "
        "Källa: Försäkringskassan, Finsam.",
        "VERSION": "1",
    }

    def get_exception_handler(self):
        return problem_for

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for k, v in CORS.items():
            response.setdefault(k, v)
        return response
