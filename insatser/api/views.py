"""REST API for insatser: the same access rules and services as the pages.

Access is declared per view with the pages' rules (forbund/access.py): an outsider gets 404, a read-only user 403 on
writes; a deltagaransvarig reads only the insatser assigned to them and may PATCH only their participant counts. A stale `version` is answered with 409, and nothing is overwritten.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import Sidindelning
from core.granser import AR_MAX, AR_MIN
from forbund.access import DELTAGARE, READ, WRITE, forbund_permission
from insatser import services
from insatser.access import insats_permission
from insatser.api.serializers import InsatsAndringSerializer, InsatsSerializer
from insatser.filters import ORDNING_VAL, InsatsFilter, Status
from insatser.models import Insats, Typ
from insatser.rules import DELTAGARE_FALT
from insatser.selectors import insats_detail, insatser_visible

_VERSION_PARAM = gettext_lazy("Versionen du utgår från; en äldre version avvisas (409).")
_LIST_PARAMS = [
    OpenApiParameter("q", str, description=gettext_lazy("Sök i namn och beskrivning.")),
    OpenApiParameter(
        "ar", int, description=format_lazy(gettext_lazy("Insatser som pågick året ({}–{})."), AR_MIN, AR_MAX)
    ),
    OpenApiParameter("typ", str, enum=Typ.values),
    OpenApiParameter("inriktning", str, description=gettext_lazy("Inriktningens kod.")),
    OpenApiParameter("malgrupp", str, description=gettext_lazy("Målgruppens kod.")),
    OpenApiParameter("status", str, enum=[v for v, _label in Status.CHOICES]),
    OpenApiParameter("ordning", str, enum=[v for v, _label in ORDNING_VAL]),
]
NY_INSATS = OpenApiExample(
    "Individinriktad insats med årets siffror",
    request_only=True,
    value={
        "namn": "Jobbspåret",
        "typ": "individinriktad",
        "inriktning": "arbetslivsinriktad",
        "malgrupper": ["unga"],
        "startdatum": "2024-02-01",
        "utforare_fk": True,
        "arsuppgifter": [{"ar": 2024, "budget": 1200000, "deltagare_kvinnor": 12, "deltagare_man": 5}],
    },
)
PREFETCH = ["malgrupper", "utforare_kommuner", "utforare_regioner", "deltagaransvariga", "arsuppgifter"]


def _objekt(request) -> dict:
    """The request body, which must be a JSON object: a list or a bare value is a 400, not a server error."""
    if not isinstance(request.data, dict):
        raise ValidationError(
            {"non_field_errors": [_("Skicka ett JSON-objekt ({…}), inte en lista eller ett enskilt värde.")]}
        )
    return request.data


def _service_kwargs(data: dict) -> dict:
    kwargs = dict(data)
    kwargs.pop("version", None)
    if "arsuppgifter" in kwargs:
        kwargs["arsuppgifter"] = [dict(a) for a in kwargs["arsuppgifter"]]
    return kwargs


class ForbundInsatsList(APIView):
    """The förbund's insatser (filters: q, ar, typ, inriktning, malgrupp, status, ordning) and registering new ones."""

    serializer_class = InsatsSerializer
    pagination_class = Sidindelning
    permission_classes = [forbund_permission(READ, writes=WRITE)]

    @extend_schema(parameters=_LIST_PARAMS, responses=InsatsSerializer(many=True))
    def get(self, request, slug):
        access = request.access
        filterset = InsatsFilter(request.query_params, queryset=insatser_visible(access, request.user))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        qs = filterset.qs.select_related("forbund", "inriktning").prefetch_related(*PREFETCH)
        paginator = Sidindelning()
        page = paginator.paginate_queryset(qs, request, view=self)
        context = {"request": request, "med_ekonomi": access.can_read_all}
        return paginator.get_paginated_response(InsatsSerializer(page, many=True, context=context).data)

    @extend_schema(responses={201: InsatsSerializer}, examples=[NY_INSATS])
    def post(self, request, slug):
        access = request.access
        context = {"request": request, "forbund": access.forbund}
        serializer = InsatsSerializer(data=_objekt(request), context=context)
        serializer.is_valid(raise_exception=True)
        # A service's refusal is a 400 or 409 (core.api.exception_handler).
        insats = services.insats_create(forbund=access.forbund, **_service_kwargs(serializer.validated_data))
        insats = Insats.objects.select_related("forbund", "inriktning").prefetch_related(*PREFETCH).get(pk=insats.pk)
        return Response(InsatsSerializer(insats, context={"request": request}).data, status=status.HTTP_201_CREATED)


class InsatsDetail(APIView):
    """One insats with its yearly figures nested. PUT/PATCH need the `version` you read."""

    serializer_class = InsatsSerializer
    # The förbund from the insats; a deltagaransvarig's PATCH is the participant counts of an insats assigned to them.
    permission_classes = [insats_permission(READ, writes={"PUT": WRITE, "PATCH": DELTAGARE, "DELETE": WRITE})]

    def _data(self, request, pk):
        insats = insats_detail(access=request.access, user=request.user, pk=pk)  # as saved
        context = {"request": request, "med_ekonomi": request.access.can_read_all}
        return Response(InsatsSerializer(insats, context=context).data)

    def get(self, request, pk):
        return self._data(request, pk)

    def _version(self, request):
        version = _objekt(request).get("version", request.query_params.get("version"))
        if version in (None, ""):
            raise ValidationError({"version": [_("Ange versionen du utgår från (fältet version i insatsen).")]})
        try:
            return int(version)
        except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's 1e400 is infinity
            raise ValidationError({"version": [_("Versionen ska vara ett heltal.")]}) from None

    @extend_schema(request=InsatsAndringSerializer)
    def put(self, request, pk, partial=False):
        insats = request.insats
        if not request.access.can_write:  # PATCH by a deltagaransvarig of this insats (insats_permission)
            return self._deltagare(request, insats)
        version = self._version(request)
        context = {"request": request, "forbund": insats.forbund}
        serializer = InsatsSerializer(insats, data=request.data, partial=partial, context=context)
        serializer.is_valid(raise_exception=True)
        services.insats_update(insats=insats, version=version, **_service_kwargs(serializer.validated_data))
        return self._data(request, pk)

    @extend_schema(request=InsatsAndringSerializer)
    def patch(self, request, pk):
        return self.put(request, pk, partial=True)

    def _deltagare(self, request, insats):
        """A deltagaransvarig may send only version and arsuppgifter with ar and participant counts."""
        allowed_top, allowed_ar = {"version", "arsuppgifter"}, {"ar", *DELTAGARE_FALT}
        arsuppgifter = _objekt(request).get("arsuppgifter")
        if set(request.data) - allowed_top or not isinstance(arsuppgifter, list):
            raise PermissionDenied(_("Som deltagaransvarig kan du bara ändra antal deltagare (arsuppgifter)."))
        if any(not isinstance(a, dict) or set(a) - allowed_ar for a in arsuppgifter):
            raise PermissionDenied(_("Som deltagaransvarig kan du bara ändra antal deltagare (arsuppgifter)."))
        version = self._version(request)
        serializer = InsatsSerializer(
            insats, data={"arsuppgifter": arsuppgifter}, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        services.insats_deltagare_update(
            insats=insats,
            version=version,
            arsuppgifter=[
                {k: v for k, v in dict(a).items() if k in allowed_ar and k in given}
                for a, given in zip(serializer.validated_data["arsuppgifter"], arsuppgifter, strict=True)
            ],
        )
        return self._data(request, insats.pk)

    @extend_schema(parameters=[OpenApiParameter("version", int, required=True, description=_VERSION_PARAM)])
    def delete(self, request, pk):
        insats = request.insats
        version = self._version(request)
        try:
            services.insats_delete(insats=insats, version=version)
        except ProtectedError:
            return Response(
                {"non_field_errors": [_("Insatsen används av andra uppgifter och kan inte tas bort.")]},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
