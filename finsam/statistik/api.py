"""GET /api/v1/statistik/<ar>/: the year's statistics as JSON, the same as `manage.py export_statistik`."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from finsam.statistik.filters import StatistikFilter
from finsam.statistik.selectors import ar_statistik
from forbund.access import require_nationell


class StatistikView(APIView):
    @extend_schema(
        summary="Statistik för ett år",
        description="Samma siffror som den nationella översikten och `manage.py export_statistik`. "
        "Bara nationell handläggare och administratör.",
        parameters=[
            OpenApiParameter("lan", str, description="Länskod (två siffror), t.ex. 17"),
            OpenApiParameter("forbund", str, description="Förbundets kortnamn (slug)"),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request, ar: int):
        require_nationell(request.user)
        data = request.query_params.copy()
        data["ar"] = str(ar)
        filterset = StatistikFilter(data)
        urval = filterset.urval()
        if urval is None:
            return Response({"fel": filterset.form.errors}, status=400)
        return Response(ar_statistik(urval))
