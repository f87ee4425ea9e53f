"""The open API (/api/oppen/v1/): published figures without login, read only from releases.

No view here reads a live figure: the data come from Publicering rows (suppressed when they were made), the
metadata from the indicator definitions and the registry's structure (which förbund had which kommuner).
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from core.granser import AR_MAX, AR_MIN
from forbund.models import Forbund, Medlemskap
from forbund.selectors import forbund_existing_q
from publicering import indikatorer
from publicering.models import Publicering
from publicering.oppen_bas import Fel, OppenVy
from publicering.oppet_format import FORMAT, KALLA, KOLUMNER, LICENS, dataset, svar
from publicering.selectors import senaste_per_ar
from publicering.services import jamfor_data, nyckel
from publicering.skydd import FOTNOT, PRICKAR, SAKNAS

MAX_PER_SIDA = 5000
LISTFORMAT = OpenApiParameter("format", enum=["json", "csv", "xlsx"])


def _senaste():
    return Publicering.objects.order_by("-skapad").values_list("skapad", flat=True).first()


def _lista_param(text: str, namn: str, *, siffror: int | None = None) -> list[str]:
    """A comma list from the URL: non-empty items, at most 100, each plain (digits of a given length for codes)."""
    delar = [d.strip() for d in text.split(",") if d.strip()]
    if not delar or len(delar) > 100 or any(len(d) > 100 for d in delar):
        raise Fel(_("Ange %(namn)s som en lista med komma emellan (högst 100).") % {"namn": namn})
    if siffror and any(not (d.isascii() and d.isdigit() and len(d) == siffror) for d in delar):
        raise Fel(_("Ange %(namn)s med %(n)s siffror.") % {"namn": namn, "n": siffror})
    return delar


class Index(OppenVy):
    @extend_schema(summary="Det öppna API:ets ingångar", responses=OpenApiTypes.OBJECT)
    def get(self, request):
        bas = request.build_absolute_uri("/api/oppen/v1/")
        payload = {
            "titel": _("Finsams öppna data"),
            "licens": LICENS,
            "ingangar": {
                n: bas + n for n in ("indikator", "forbund", "publicering", "config", "schema", "data/indikator/")
            },
        }
        return svar(request, "json", payload, filnamn="index", senast=_senaste())


class Config(OppenVy):
    @extend_schema(summary="Licens, gränser och format", responses=OpenApiTypes.OBJECT)
    def get(self, request):
        payload = {
            "licens": LICENS,
            "kalla": KALLA,
            "format": list(FORMAT),
            "per_page_max": MAX_PER_SIDA,
            "anropsgrans": settings.OPPEN_API_GRANS,
            "troskel": settings.PUBLICERING_TROSKEL,
            "dolt_varde": {"varde": None, "status": PRICKAR, "forklaring": FOTNOT},
            "saknat_varde": {
                "varde": None,
                "status": SAKNAS,
                "forklaring": _("Förbundet har inte registrerat uppgiften för året; den räknas inte som 0."),
            },
            "omrade_typ": [indikatorer.FORBUND, indikatorer.LAN, indikatorer.RIKET],
            "kon": {"T": _("Totalt"), "K": _("Kvinnor"), "M": _("Män")},
        }
        return svar(request, "json", payload, filnamn="config", senast=_senaste())


class IndikatorLista(OppenVy):
    @extend_schema(summary="Indikatorerna", parameters=[LISTFORMAT], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        rader = [i.as_dict() for i in indikatorer.alla()]
        kolumner = ("id", "titel", "beskrivning", "enhet", "per_kon", "personer")
        return self.lista(request, "indikatorer", rader, kolumner, _senaste())


class PubliceringLista(OppenVy):
    @extend_schema(summary="Publiceringarna", parameters=[LISTFORMAT], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        rader = [
            {
                "id": p.pk,
                "datum": timezone.localtime(p.skapad).isoformat(),
                "ar": p.ar,
                "andringar": p.andringar,
                "uttag": p.uttag_id,
                "troskel": p.troskel,
            }
            for p in Publicering.objects.order_by("-skapad", "-pk").only(
                "pk", "skapad", "ar", "andringar", "uttag_id", "troskel"
            )
        ]
        kolumner = ("id", "datum", "ar", "andringar", "uttag", "troskel")
        return self.lista(request, "publiceringar", rader, kolumner, _senaste())


class ForbundLista(OppenVy):
    @extend_schema(
        summary="Förbunden per år med kommuner och län (registret)",
        parameters=[
            OpenApiParameter("ar", str, description="År, kommaseparerade (standard: år med publiceringar)"),
            LISTFORMAT,
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        valda = senaste_per_ar()
        text = request.query_params.get("ar")
        ar_lista = [int(a) for a in _lista_param(text, "ar", siffror=4)] if text else sorted(valda)
        if any(not AR_MIN <= a <= AR_MAX for a in ar_lista):
            raise Fel(_("Ange år från %(min)s till %(max)s.") % {"min": AR_MIN, "max": AR_MAX})
        rader = []
        for ar in ar_lista:
            start, slut = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
            publicerat = valda[ar].omraden.get("forbund", {}) if ar in valda else {}
            forbund = Forbund.objects.filter(forbund_existing_q(start, slut)).prefetch_related("tidigare_namn")
            medlem = (
                Medlemskap.objects.active_during(start, slut)
                .filter(forbund__in=forbund)
                .select_related("kommun", "region")
                .order_by("kommun_id", "region_id")
            )
            kommuner, lan = {}, {}
            for m in medlem:
                if m.kommun_id:
                    kommuner.setdefault(m.forbund_id, {})[m.kommun_id] = {
                        "kod": m.kommun_id,
                        "namn": m.kommun.namn,
                        "lan": m.kommun.lan_id,
                    }
                lan.setdefault(m.forbund_id, set()).add(m.kommun.lan_id if m.kommun_id else m.region_id)
            for f in sorted(forbund, key=lambda f: f.slug):
                rader.append(
                    {
                        "ar": ar,
                        "slug": f.slug,
                        "namn": f.namn_on(min(slut, f.upphort or slut)),
                        "lan": sorted(lan.get(f.pk, ())),
                        "kommuner": list(kommuner.get(f.pk, {}).values()),
                        "publicerat_lan": publicerat.get(f.slug, {}).get("lan"),
                    }
                )
        kolumner = ("ar", "slug", "namn", "lan", "kommuner", "publicerat_lan")
        return self.lista(request, "forbund", rader, kolumner, _senaste())


class Data(OppenVy):
    """indikator × år × område × kön, as published (see docs/publicering.md)."""

    format_tillatna = FORMAT

    @extend_schema(
        summary="Publicerade värden",
        parameters=[
            OpenApiParameter("format", enum=list(FORMAT)),
            OpenApiParameter("per_page", int, description=f"1–{MAX_PER_SIDA}, standard {MAX_PER_SIDA}"),
            OpenApiParameter("page", int, description="Sida, från 1"),
            OpenApiParameter("publicering", int, description="Siffrorna som de var publicerade vid publiceringen"),
            OpenApiParameter("from_date", OpenApiTypes.DATE, description="Bara det som ändrats sedan datumet"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, id, ar, slug=None, kod=None):
        fmt = self.fmt(request)
        ids = set(_lista_param(id, "indikator"))
        ar_lista = {int(a) for a in _lista_param(ar, "år", siffror=4)}
        omrade_typ, omraden = None, None
        if slug is not None:
            omrade_typ, omraden = indikatorer.FORBUND, set(_lista_param(slug, "förbund"))
        elif kod is not None:
            omrade_typ, omraden = indikatorer.LAN, set(_lista_param(kod, "län", siffror=2))

        def valj(rader):
            return [
                r
                for r in rader
                if r["indikator"] in ids
                and r["ar"] in ar_lista
                and (omrade_typ is None or (r["omrade_typ"] == omrade_typ and r["omrade"] in omraden))
            ]

        vid = request.query_params.get("publicering")
        if vid is not None:
            if not (vid.isascii() and vid.isdigit() and len(vid) < 12):
                raise Fel(_("Ange publicering som ett id (ett heltal)."))
            valda = senaste_per_ar(fore=get_object_or_404(Publicering, pk=int(vid)))
        else:
            valda = senaste_per_ar()
        valda = {a: p for a, p in valda.items() if a in ar_lista}
        rader = [r for a in sorted(valda) for r in valj(valda[a].data)]
        andring = "from_date" in request.query_params
        if andring:
            rader = self.andrat_sedan(request.query_params["from_date"], valda, valj)
        sida, per_sida = self.sidor(request)
        start = (sida - 1) * per_sida
        del_rader = rader[start : start + per_sida]
        nasta = self.sid_url(request, sida + 1) if start + per_sida < len(rader) else None
        forra = self.sid_url(request, sida - 1) if sida > 1 else None
        senast = max((p.skapad for p in valda.values()), default=None)
        payload = {
            "count": len(rader),
            "values": del_rader,
            "next_page": nasta,
            "previous_page": forra,
            "publiceringar": sorted(p.pk for p in valda.values()),
        }
        kolumner = [*KOLUMNER, *(["andring"] if andring else [])]
        lank = ", ".join(f'<{u}>; rel="{rel}"' for u, rel in ((nasta, "next"), (forra, "prev")) if u)
        headers = {"Link": lank} if lank else {}
        headers["X-Total-Count"] = str(len(rader))
        return svar(
            request,
            fmt,
            payload,
            tabell=(kolumner, [[r.get(k) for k in kolumner] for r in del_rader]),
            jsonstat=lambda: dataset(
                del_rader,
                indikatorer={i.id: {"titel": str(i.titel), "enhet": str(i.enhet)} for i in indikatorer.alla()},
                omraden=self.omradesnamn(valda.values()),
                senast=senast,
                andring=andring,
            ),
            filnamn="finsam-data",
            senast=senast,
            headers=headers,
        )

    def andrat_sedan(self, text: str, valda: dict, valj) -> list[dict]:
        """Values new, changed or removed since the release that was current before the date, marked."""
        try:
            datum = datetime.date.fromisoformat(text)
        except ValueError:
            raise Fel(_("Ange from_date som ÅÅÅÅ-MM-DD.")) from None
        if len(text) != 10:
            raise Fel(_("Ange from_date som ÅÅÅÅ-MM-DD."))
        moment = timezone.make_aware(datetime.datetime.combine(datum, datetime.time.min))
        fore = senaste_per_ar(fore_datum=moment)
        rader = []
        for a, p in sorted(valda.items()):
            gammal = fore.get(a)
            if gammal is not None and gammal.pk == p.pk:
                continue
            nu, da = valj(p.data), valj(gammal.data) if gammal else []
            skillnad = jamfor_data(da, nu)
            per_nyckel = {nyckel(r): r for r in nu}
            for k in skillnad["nya"]:
                rader.append({**per_nyckel[k], "andring": "ny"})
            for k in skillnad["andrade"]:
                rader.append({**per_nyckel[k], "andring": "andrad"})
            for k in skillnad["borttagna"]:
                rader.append(
                    {**dict(zip(KOLUMNER[:5], k, strict=True)), "varde": None, "status": None, "andring": "borttagen"}
                )
        return sorted(rader, key=nyckel)

    def sidor(self, request) -> tuple[int, int]:
        def heltal(namn, standard, storsta):
            text = request.query_params.get(namn)
            if text is None:
                return standard
            if not (text.isascii() and text.isdigit() and len(text) < 10) or not 1 <= int(text) <= storsta:
                raise Fel(_("Ange %(namn)s som ett heltal från 1 till %(max)s.") % {"namn": namn, "max": storsta})
            return int(text)

        return heltal("page", 1, 10**8), heltal("per_page", MAX_PER_SIDA, MAX_PER_SIDA)

    def sid_url(self, request, sida: int) -> str:
        params = request.query_params.copy()
        params["page"] = str(sida)
        return request.build_absolute_uri(request.path) + "?" + urlencode(list(params.lists()), doseq=True)

    @staticmethod
    def omradesnamn(publiceringar) -> dict[str, str]:
        namn = {indikatorer.RIKET_KOD: _("Riket")}
        for p in publiceringar:
            namn.update(p.omraden.get("lan", {}))
            namn.update({s: f["namn"] for s, f in p.omraden.get("forbund", {}).items()})
        return namn


class Saknas(OppenVy):
    @extend_schema(exclude=True)
    def get(self, request, rest=""):
        # A trailing slash is forgiven: the paths are written without one, as Kolada's are.
        utan = request.path.rstrip("/")
        if request.path.endswith("/") and utan != request.path and _finns(utan):
            fraga = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(utan + ("?" + fraga if fraga else ""))
        raise Fel(_("Det finns ingen sådan ingång i det öppna API:et. Se /api/oppen/v1/."), 404)


def _finns(path: str) -> bool:
    try:
        return resolve(path).func.view_class is not Saknas
    except (Resolver404, AttributeError):
        return False
