"""Read-only API of the economy, with the same access rules as the pages."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.granser import AR_MAX, BIGINT_MAX, BIGINT_MIN, FORSTA_FORBUNDSAR, INTEGER_MAX, las_ar
from ekonomi.models import ARSEKONOMI_FALT
from ekonomi.selectors import (
    ForbundAr,
    eget_kapital_per_ar,
    forbund_ekonomi,
    nationell_ekonomi,
    tabell3,
)
from ekonomi.services import ekonomi_save
from forbund.access import READ_ALL, WRITE, forbund_permission, nationell_permission


def _check_ar(ar: int) -> None:
    if not FORSTA_FORBUNDSAR <= ar <= AR_MAX:
        raise Http404


def _num(value):
    return float(value) if value is not None else None


def forbund_ar_dict(fa: ForbundAr) -> dict:
    ae = fa.arsekonomi
    return {
        "registrerad": ae is not None,
        "medlemsbidrag": {
            "stat": fa.medlemsbidrag["stat"],
            "regioner": fa.medlemsbidrag["region"],
            "kommuner": fa.medlemsbidrag["kommun"],
            "totalt": fa.medlemsbidrag_totalt,
        },
        "fordelning": fa.fordelning.as_dict(),
        "esf_intakter": fa.esf_intakter,
        "ovriga_intakter": fa.ovriga_intakter,
        "ovriga_intakter_anteckning": ae.ovriga_intakter_anteckning if ae else "",
        "intakter": fa.intakter,
        "administration": {
            "budget": ae.administration_budget if ae else None,
            "utfall": ae.administration_utfall if ae else None,
        },
        # As the page and the downloads: null when no insats has the figure registered (not registered is not 0).
        "insatskostnader": {
            "budget_individinriktade": fa.insats_budget_registrerad("individinriktad"),
            "utfall_individinriktade": fa.insats_utfall_registrerat("individinriktad"),
            "budget_strukturovergripande": fa.insats_budget_registrerad("strukturovergripande"),
            "utfall_strukturovergripande": fa.insats_utfall_registrerat("strukturovergripande"),
            "budget_esf": fa.insats_budget_registrerad(esf=True),
            "utfall_esf": fa.insats_utfall_registrerat(esf=True),
            "budget": fa.insats_budget_registrerad(),
            "utfall": fa.insats_utfall_registrerat(),
        },
        "kostnader": fa.kostnader,
        # Årets resultat, utgående and förbrukade medel wait for every running insats's utfall and the
        # administration's (issue 11): until then they are null and these say what is missing.
        "kostnader_kompletta": fa.kostnader_kompletta,
        "saknas": {
            "administration_utfall": fa.administration_utfall_saknas,
            "insatser_utan_utfall": fa.insatser_utan_utfall,
        },
        "eget_kapital": {
            "ingaende": fa.ingaende,
            "ingaende_kalla": fa.ingaende_kalla,
            "arets_resultat_beraknat": fa.arets_resultat_beraknat,
            "utgaende_beraknat": fa.utgaende_beraknat,
            "faststallt_arets_resultat": fa.faststallt_resultat,
            "faststallt_utgaende": fa.faststallt_utgaende,
            "arets_resultat": fa.arets_resultat if ae else None,
            "utgaende": fa.utgaende if ae else None,
            "differens_arets_resultat": fa.differens_resultat,
            "differens_utgaende": fa.differens_utgaende,
            "andel_av_intakter_procent": _num(fa.eget_kapital_andel_av_intakter) if ae else None,
        },
        "statens_medel": {
            "utbetalt": fa.stat_utbetalt,
            "forbrukat": fa.stat_forbrukat,
            "oforbrukat": fa.stat_oforbrukat,
        },
    }


class Belopp(serializers.IntegerField):
    """Whole kronor within the column's range (bigint)."""

    def __init__(self, min_value=BIGINT_MIN, **kwargs):
        super().__init__(required=False, allow_null=True, min_value=min_value, max_value=BIGINT_MAX, **kwargs)


class EkonomiInSerializer(serializers.Serializer):
    """PUT body: any of the year's figures, and medlemsbidrag as a list of {medlemstyp, kod, belopp}."""

    class MedlemsbidragIn(serializers.Serializer):
        medlemstyp = serializers.ChoiceField(choices=["stat", "region", "kommun"])
        kod = serializers.CharField(required=False, allow_blank=True, default="", max_length=4)
        belopp = serializers.IntegerField(min_value=0, max_value=BIGINT_MAX, allow_null=True)

    medlemsbidrag = MedlemsbidragIn(many=True, required=False)
    esf_intakter = Belopp(min_value=0)
    ovriga_intakter = Belopp(min_value=0)
    ovriga_intakter_anteckning = serializers.CharField(required=False, allow_blank=True, max_length=500)
    administration_budget = Belopp(min_value=0)
    administration_utfall = Belopp(min_value=0)
    eget_kapital_ingaende = Belopp()
    faststallt_arets_resultat = Belopp()
    faststallt_eget_kapital_utgaende = Belopp()
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=INTEGER_MAX,
        help_text=_(
            "Versionen du utgår från (från GET; 0 när året inte har någon registrerad ekonomi). Har någon sparat "
            "efter den versionen avvisas ändringen (409) i stället för att skriva över."
        ),
    )
    # Documented as required; a body without it still counts as version 0, as before.
    kravs_vid_andring = ("version",)


class ForbundEkonomiView(APIView):
    """A förbund's economy for one year: read by förbundsadministratör and national staff, written (PUT, partial:
    only the figures sent change) by the förbundsadministratör."""

    permission_classes = [forbund_permission(READ_ALL, writes=WRITE)]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, slug, ar):
        _check_ar(ar)
        return Response(self._data(request.forbund, ar))

    @extend_schema(request=EkonomiInSerializer, responses=OpenApiTypes.OBJECT)
    def put(self, request, slug, ar):
        _check_ar(ar)
        access = request.access
        serializer = EkonomiInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        medlemsbidrag = {(m["medlemstyp"], m.get("kod") or ""): m["belopp"] for m in data.pop("medlemsbidrag", [])}
        arsekonomi = {k: v for k, v in data.items() if k in ARSEKONOMI_FALT}
        # A service's refusal is a 400 or 409 (core.api.exception_handler).
        ekonomi_save(
            forbund=access.forbund,
            ar=ar,
            medlemsbidrag=medlemsbidrag,
            arsekonomi=arsekonomi,
            version=data.get("version", 0),
        )
        return Response(self._data(access.forbund, ar))

    def _data(self, forbund, ar):
        e = forbund_ekonomi(forbund, ar)
        return {
            "forbund": {"slug": forbund.slug, "namn": forbund.namn},
            "ar": ar,
            "medlemmar": [
                {
                    "medlemstyp": m.medlemstyp,
                    "kod": m.kod,
                    "namn": m.namn,
                    "belopp": m.belopp,
                    "period": m.period,
                    "i_registret": m.i_registret,
                }
                for m in e.medlemmar
            ],
            **forbund_ar_dict(e.fa),
            "version": e.fa.arsekonomi.version if e.fa.arsekonomi else 0,
        }


class NationellEkonomiView(APIView):
    """The national economy for one year: totals and every förbund (national staff only)."""

    permission_classes = [nationell_permission()]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, ar):
        _check_ar(ar)
        n = nationell_ekonomi(ar)
        return Response(
            {
                **n.statistik,
                "fordelning": n.fordelning.as_dict(),
                "forbund": [{"slug": r.forbund.slug, "namn": r.namn, **forbund_ar_dict(r.fa)} for r in n.rader],
            }
        )


class EgetKapitalView(APIView):
    """Tabell 3: årets resultat and utgående eget kapital per year for all förbund together."""

    permission_classes = [nationell_permission()]

    @extend_schema(
        parameters=[
            OpenApiParameter("fran", int),
            OpenApiParameter("till", int),
            OpenApiParameter(
                "ar", int, description="Rapportåret: Tabell 3:s år som i rapporten, i stället för fran/till"
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        if "ar" in request.query_params and "fran" not in request.query_params:
            ar = las_ar(request.query_params["ar"], FORSTA_FORBUNDSAR, AR_MAX)
            if ar is None:
                return Response({"detail": _("Ange ar som ett årtal, t.ex. ?ar=2024.")}, status=400)
            return Response(tabell3(ar))
        try:
            fran, till = int(request.query_params["fran"]), int(request.query_params["till"])
        except (KeyError, ValueError):
            return Response({"detail": _("Ange fran och till som årtal, t.ex. ?fran=2016&till=2024.")}, status=400)
        if not (FORSTA_FORBUNDSAR <= fran <= till <= AR_MAX) or till - fran > 30:
            return Response({"detail": _("Ogiltigt intervall (högst 30 år, fran ≤ till).")}, status=400)
        return Response(eget_kapital_per_ar(ar_fran=fran, ar_till=till))
