"""GET /api/v1/statistik/<ar>/: the year's statistics as JSON, the same as `manage.py export_statistik`."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from forbund.access import nationell_permission
from rapportering.uttag import uttag_for
from statistik.arsstatistik import ar_statistik
from statistik.filters import StatistikFilter


class StatistikView(APIView):
    permission_classes = [nationell_permission()]

    @extend_schema(
        summary="Statistik för ett år",
        description="Samma siffror som den nationella översikten och `manage.py export_statistik`. "
        "Bara nationell handläggare och administratör.",
        parameters=[
            OpenApiParameter("lan", str, description="Länskod (två siffror), t.ex. 17"),
            OpenApiParameter("forbund", str, description="Förbundets kortnamn (slug)"),
            OpenApiParameter(
                "uttag", str, description="Ett fryst uttag: dess id eller `senaste`; siffrorna exakt som de togs ut"
            ),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request, ar: int):
        if "uttag" in request.query_params:
            return self._uttag(request, ar)
        data = request.query_params.copy()
        data["ar"] = str(ar)
        filterset = StatistikFilter(data)
        urval = filterset.urval()
        if urval is None:
            return Response({"fel": filterset.form.errors}, status=400)
        return Response(ar_statistik(urval))

    @staticmethod
    def _uttag(request, ar: int):
        """A frozen extract exactly as taken (?uttag=ID or ?uttag=senaste): the whole country only."""
        if request.query_params.get("lan") or request.query_params.get("forbund"):
            return Response({"fel": {"uttag": ["Ett uttag gäller hela landet: ange inte län eller förbund."]}}, 400)
        uttag = uttag_for(ar, request.query_params.get("uttag", ""))
        if uttag is None:
            return Response({"detail": f"Det finns inget sådant uttag av {ar}."}, status=404)
        response = Response(uttag.statistik["statistik"])
        response["X-Finsam-Uttag"] = str(uttag.pk)
        return response
