"""GET /api/v1/kontroller/<ar>/: every finding of the year's checks, the same list as `manage.py kontrollera`."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.granser import ar_eller_404
from forbund.access import nationell_permission
from forbund.models import Forbund
from rapportering.kontroller import kontrollera


class KontrollerView(APIView):
    permission_classes = [nationell_permission()]

    @extend_schema(
        summary="Kontrollernas fynd för ett år",
        description="Samma lista som `manage.py kontrollera --format json`. Bara nationella användare.",
        parameters=[OpenApiParameter("forbund", str, description="Förbundets kortnamn (slug)")],
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, ar: int):
        ar_eller_404(ar)
        forbund_ids = None
        if slug := request.query_params.get("forbund"):
            forbund_ids = [get_object_or_404(Forbund, slug=slug).pk]
        return Response([f.as_dict() for f in kontrollera(ar=ar, forbund_ids=forbund_ids)])
