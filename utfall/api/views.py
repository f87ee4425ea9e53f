"""REST API for one insats-year's outcome counts: the same access and service as the page.

GET and PUT /api/v1/insatser/<id>/utfall/<år>/. PUT replaces the whole grid (null or left out: not registered) and
needs the `version` read (0 when nothing is registered); a stale version is 409. Access is declared as on the page
(forbund/access.py): outsiders and a deltagaransvarig not assigned to the insats get 404, readers 403 on PUT.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.granser import ar_eller_404
from forbund.access import DELTAGARE, READ
from insatser.access import insats_permission
from insatser.rules import allowed_years
from utfall import selectors, services
from utfall.api.serializers import falt_till_sokvag, fran_json, till_json


class UtfallDetail(APIView):
    """One insats-year's outcome counts. PUT needs the `version` you read."""

    permission_classes = [insats_permission(READ, writes=DELTAGARE)]
    api_falt = staticmethod(falt_till_sokvag)

    def _get(self, request, pk, ar):
        ar_eller_404(ar)
        insats = request.insats
        if not selectors.kan_ha_utfall(insats):
            raise Http404
        if ar not in allowed_years(insats.startdatum, insats.slutdatum):
            raise Http404
        return request.access, insats

    def _data(self, insats, ar):
        utfall, varden = selectors.utfall_for(insats=insats, ar=ar)
        return till_json(insats_id=insats.pk, ar=ar, version=utfall.version if utfall else 0, varden=varden)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk, ar):
        _access, insats = self._get(request, pk, ar)
        return Response(self._data(insats, ar))

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def put(self, request, pk, ar):
        _access, insats = self._get(request, pk, ar)
        version, varden, fel = fran_json(request.data)
        if fel:
            return Response(fel, status=status.HTTP_400_BAD_REQUEST)
        # A service's refusal is a 400 or 409 (core.api.exception_handler), its fields named as in the JSON.
        services.utfall_save(insats=insats, ar=ar, version=version, varden=varden, replace=True)
        return Response(self._data(insats, ar))
