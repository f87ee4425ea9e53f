"""The national statistics for a year (the yearly report's sections 1, 3, 4 and 5), computed in the database.

Every function runs a fixed number of queries, whatever the number of förbund and insatser: counts and sums are
aggregated in SQL, and the selection (a län, a förbund) is a subquery, never a list of ids.

Definitions (also written under each table on the page):
- an insats counts for a year if it ran any day of it; påbörjade/avslutade count start/end dates in the year;
- participants are the year's registered counts (not unique people): individinriktade kvinnor + män,
  strukturövergripande the total of insatser with deltagaruppföljning;
- förbund and kommuner are counted at the end of the year (31 December);
- a län is "the förbund with a member (kommun or region) in the län some day of the year": a förbund spanning two
  län counts in both, once nationally; a förbund that merged during the year still brings its insatser.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forbund.models import Forbund, Kommun, Lan, Medlemskap, active_on
from forbund.selectors import forbund_existing_q, register_komplett_fran
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ

I = Typ.INDIVIDINRIKTAD  # noqa: E741 - read as "individinriktad"
S = Typ.STRUKTUROVERGRIPANDE


@dataclass(frozen=True)
class Urval:
    """A year and a part of the country: everything, one län, one förbund (or a förbund within a län)."""

    ar: int
    lan: Lan | None = None
    forbund: Forbund | None = None

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.ar, 1, 1)

    @property
    def slut(self) -> datetime.date:
        return datetime.date(self.ar, 12, 31)

    @property
    def nationellt(self) -> bool:
        return self.lan is None and self.forbund is None

    def med_ar(self, ar: int) -> "Urval":
        return Urval(ar=ar, lan=self.lan, forbund=self.forbund)

    def forbund_qs(self) -> QuerySet[Forbund] | None:
        """The förbund in the selection for this year (None: the whole country, every registered insats)."""
        if self.nationellt:
            return None
        qs = Forbund.objects.all()
        if self.forbund is not None:
            qs = qs.filter(pk=self.forbund.pk)
        if self.lan is not None:
            i_lan = (
                Medlemskap.objects.active_during(self.start, self.slut)
                .filter(Q(kommun__lan=self.lan) | Q(region=self.lan))
                .values("forbund_id")
            )
            qs = qs.filter(forbund_existing_q(self.start, self.slut), pk__in=i_lan)
        return qs

    def filter_forbund(self, qs: QuerySet, field: str = "forbund_id") -> QuerySet:
        scope = self.forbund_qs()
        return qs if scope is None else qs.filter(**{f"{field}__in": scope.values("pk")})

    def as_params(self) -> dict:
        params = {"ar": self.ar}
        if self.lan is not None:
            params["lan"] = self.lan.kod
        if self.forbund is not None:
            params["forbund"] = self.forbund.slug
        return params


@dataclass(frozen=True)
class Referens:
    """The code lists, read once per request."""

    inriktningar: list[Inriktning]
    malgrupper: list[Malgrupp]

    @classmethod
    def load(cls) -> "Referens":
        return cls(list(Inriktning.objects.order_by("ordning", "kod")), list(Malgrupp.objects.order_by("ordning")))

    def inriktningar_for(self, typ: str) -> list[Inriktning]:
        return [i for i in self.inriktningar if i.typ == typ]


# ---------------------------------------------------------------- Which years can be shown, and with what caveats


def forsta_ar() -> int:
    """The earliest year with any data or registry date (1 query): no year before it is offered.

    The minimum of the insatser's start dates, the yearly figures, the economy, the förbund's bildat dates, the
    memberships' start dates and the date from which the registry is complete. Each is an index scan or a small
    table; they are read as subqueries of one SELECT.
    """
    from ekonomi.models import Arsekonomi, Medlemsbidrag

    def forsta(qs, field):
        return Subquery(qs.filter(**{f"{field}__isnull": False}).order_by(field).values(field)[:1])

    rad = (
        Lan.objects.order_by()
        .annotate(
            forsta_insats=forsta(Insats.objects, "startdatum"),
            forsta_insatsar=forsta(InsatsAr.objects, "ar"),
            forsta_arsekonomi=forsta(Arsekonomi.objects, "ar"),
            forsta_medlemsbidrag=forsta(Medlemsbidrag.objects, "ar"),
            forsta_bildat=forsta(Forbund.objects, "bildat"),
            forsta_medlemskap=forsta(Medlemskap.objects, "giltig_fran"),
        )
        .values_list(
            "forsta_insats",
            "forsta_insatsar",
            "forsta_arsekonomi",
            "forsta_medlemsbidrag",
            "forsta_bildat",
            "forsta_medlemskap",
        )[:1]
    )
    ar = [register_komplett_fran().year]
    for value in next(iter(rad), ()):
        if value is not None:
            ar.append(value if isinstance(value, int) else value.year)
    return min(ar)


def register_ofullstandigt(ar: int) -> bool:
    """The year starts before the registry holds the whole förbund structure (settings.REGISTER_KOMPLETT_FRAN)."""
    return datetime.date(ar, 1, 1) < register_komplett_fran()


def register_komplett_text() -> str:
    """The date the registry is complete from, as Swedish text ("1 januari 2023")."""
    return date_format(register_komplett_fran(), "j F Y")


def varningar(urval: Urval, jamfor_med_ar_fore: bool = False, idag: datetime.date | None = None) -> list[str]:
    """What a reader must know before trusting the year's figures (Swedish sentences, empty when nothing).

    jamfor_med_ar_fore: the page also compares with the year before (the dashboard), so warn about that year too.
    """
    idag = idag or datetime.date.today()
    datum = register_komplett_text()
    result = []
    if register_ofullstandigt(urval.ar):
        result.append(
            _(
                "Registret har förbundens fullständiga struktur först från och med %(datum)s. För %(ar)s visas "
                "förbund och medlemskap som fanns kvar då: förbund som upphört tidigare och ändringar före dess "
                "saknas, så antalet förbund och kommuner och vilka förbund som hör till ett län kan vara fel."
            )
            % {"datum": datum, "ar": urval.ar}
        )
    elif jamfor_med_ar_fore and register_ofullstandigt(urval.ar - 1):
        result.append(
            _(
                "Jämförelseåret %(fore)s ligger före %(datum)s, då registret fick förbundens fullständiga struktur: "
                "förändringen mot %(fore)s kan vara missvisande, särskilt för antalet förbund och kommuner och för "
                "ett län."
            )
            % {"datum": datum, "fore": urval.ar - 1}
        )
    if urval.ar == idag.year:
        result.append(
            _(
                "%(ar)s pågår: siffrorna är preliminära och ändras medan förbunden registrerar. Årets siffror "
                "tas ut för återrapporteringen i slutet av januari året efter."
            )
            % {"ar": urval.ar}
        )
    return result


def _struktur(urval: Urval) -> dict:
    """Förbund and kommuner at the end of the year (3 queries)."""
    slut = urval.slut
    forbund = Forbund.objects.filter(forbund_existing_q(slut))
    forbund = urval.filter_forbund(forbund, "pk")
    medlem = Medlemskap.objects.active_on(slut).filter(kommun__isnull=False, forbund__in=forbund.values("pk"))
    kommuner = Kommun.objects.all()
    if urval.lan is not None:
        medlem = medlem.filter(kommun__lan=urval.lan)
        kommuner = kommuner.filter(lan=urval.lan)
    i_forbund = medlem.values("kommun_id").distinct().count()
    # A kommun of the selection either has a förbund at year end or not (a förbund with a member in the län is in
    # the län's selection); for one förbund the selection is its own kommuner.
    totalt = i_forbund if urval.forbund is not None else kommuner.count()
    return {
        "antal": forbund.count(),
        "kommuner_i_forbund": i_forbund,
        "kommuner_utan_forbund": totalt - i_forbund,
        "kommuner_totalt": totalt,
    }


def _kor_q(ar: int, prefix: str = "") -> Q:
    """Insatser that ran any day of the year."""
    p = prefix
    return Q(**{f"{p}startdatum__lte": datetime.date(ar, 12, 31)}) & (
        Q(**{f"{p}slutdatum__isnull": True}) | Q(**{f"{p}slutdatum__gte": datetime.date(ar, 1, 1)})
    )


def _scope_q(urval: Urval, field: str) -> Q:
    scope = urval.forbund_qs()
    return Q() if scope is None else Q(**{f"{field}__in": scope.values("pk")})


# The "insatser" section of the statistics JSON.
INSATS_NYCKLAR = (
    "totalt",
    "individinriktade",
    "strukturovergripande",
    "paborjade",
    "avslutade",
    "paborjade_individinriktade",
    "paborjade_strukturovergripande",
    "avslutade_individinriktade",
    "avslutade_strukturovergripande",
    "esf",
)
TOTALS = (
    *INSATS_NYCKLAR,
    "med_deltagaruppfoljning",
    "utan_malgrupp",
    "forbund_med_individ",
    "forbund_med_insatser",
)


def _hamta(urval: Urval, ar_lista: list[int]) -> dict[int, dict]:
    """The counts and sums behind ar_statistik for several years at once (5 queries whatever the years)."""
    forsta, sista = min(ar_lista), max(ar_lista)
    bas = Insats.objects.filter(
        Q(startdatum__lte=datetime.date(sista, 12, 31))
        & (Q(slutdatum__isnull=True) | Q(slutdatum__gte=datetime.date(forsta, 1, 1)))
    ).order_by()
    # A selection's förbund, as a short list per year (1 query a year): cheaper in each count than a subquery.
    scope = {
        y: None if urval.nationellt else list(urval.med_ar(y).forbund_qs().values_list("pk", flat=True))
        for y in ar_lista
    }

    def scope_q(y: int, field: str) -> Q:
        return Q() if scope[y] is None else Q(**{f"{field}__in": scope[y]})

    if not urval.nationellt:
        bas = bas.filter(forbund_id__in={pk for ids in scope.values() for pk in ids})
    ind = Q(typ=I)
    distinct, malgrupp = {}, {}
    arsuppgift_q = Q(pk__in=[])
    for y in ar_lista:
        k = _kor_q(y) & scope_q(y, "forbund_id")
        distinct[f"forbund_med_individ_{y}"] = Count("forbund_id", distinct=True, filter=k & ind)
        distinct[f"forbund_med_insatser_{y}"] = Count("forbund_id", distinct=True, filter=k)
        mk = _kor_q(y, "insats__") & scope_q(y, "insats__forbund_id")
        malgrupp[f"n_{y}"] = Count("insats_id", filter=mk)
        arsuppgift_q |= Q(ar=y) & scope_q(y, "insats__forbund_id")

    # The insatser grouped by what the counts depend on (a few hundred groups at 10x, fewer than 50 conditional
    # counts over every row, which took twice as long): an insats ran in year y if it started in or before y and
    # did not end before y; påbörjad if it started in y, avslutad if it ended in y.
    falt = ["typ", "inriktning_id", "esf", "deltagaruppfoljning", *([] if urval.nationellt else ["forbund_id"])]
    har_malgrupp = Exists(Insats.malgrupper.through.objects.filter(insats_id=OuterRef("pk")))
    grupper = list(
        bas.values(*falt)
        .annotate(sy=ExtractYear("startdatum"), ey=ExtractYear("slutdatum"), mg=har_malgrupp)
        .values_list(*falt, "sy", "ey", "mg")
        .annotate(n=Count("pk"))
    )
    i_urvalet = {y: None if ids is None else set(ids) for y, ids in scope.items()}
    totals = {y: dict.fromkeys(TOTALS, 0) for y in ar_lista}
    inriktningar: dict[int, dict] = {y: {} for y in ar_lista}
    for row in grupper:
        typ, inr, esf, uppf = row[:4]
        forbund_id = None if urval.nationellt else row[4]
        sy, ey, mg, n = row[-4:]
        individ = typ == I
        for y in ar_lista:
            if sy > y or (ey is not None and ey < y) or (i_urvalet[y] is not None and forbund_id not in i_urvalet[y]):
                continue
            t = totals[y]
            slag = "individinriktade" if individ else "strukturovergripande"
            t["totalt"] += n
            t[slag] += n
            med_uppf = n if not individ and uppf else 0
            t["med_deltagaruppfoljning"] += med_uppf
            if esf:
                t["esf"] += n
            if individ and not mg:
                t["utan_malgrupp"] += n
            p = inriktningar[y].setdefault(inr, {"insatser": 0, "uppf": 0, "paborjade": 0, "avslutade": 0})
            p["insatser"] += n
            p["uppf"] += med_uppf
            if sy == y:
                t["paborjade"] += n
                t[f"paborjade_{slag}"] += n
                p["paborjade"] += n
            if ey == y:
                t["avslutade"] += n
                t[f"avslutade_{slag}"] += n
                p["avslutade"] += n
    for key, value in bas.aggregate(**distinct).items():
        namn, y = key.rsplit("_", 1)
        totals[int(y)][namn] = value
    through = Insats.malgrupper.through.objects.filter(insats__in=bas.filter(ind).values("pk")).order_by()
    malgrupper = list(through.values("malgrupp_id").annotate(**malgrupp))
    ar_ind, ar_struk = Q(insats__typ=I), Q(insats__typ=S)
    ar_uppf = ar_struk & Q(insats__deltagaruppfoljning=True)
    arsuppgifter = list(
        InsatsAr.objects.filter(arsuppgift_q)
        .order_by()
        .values("ar", "insats__inriktning_id")
        .annotate(
            kvinnor=Sum("deltagare_kvinnor", filter=ar_ind),
            man=Sum("deltagare_man", filter=ar_ind),
            struktur=Sum("deltagare_totalt", filter=ar_uppf),
            med_deltagare=Count("pk", filter=ar_uppf & Q(deltagare_totalt__gt=0)),
            budget_i=Sum("budget", filter=ar_ind),
            budget_s=Sum("budget", filter=ar_struk),
            utfall_i=Sum("utfall", filter=ar_ind),
            utfall_s=Sum("utfall", filter=ar_struk),
            budgeterade_deltagare=Sum("budgeterat_antal_deltagare"),
        )
    )
    result = {}
    for y in ar_lista:
        result[y] = {
            "totals": totals[y],
            "per_inriktning": inriktningar[y],
            "deltagare": {r["insats__inriktning_id"]: r for r in arsuppgifter if r["ar"] == y},
            "malgrupp_counts": {r["malgrupp_id"]: r[f"n_{y}"] for r in malgrupper},
        }
    return result


def ar_statistik(urval: Urval, referens: Referens | None = None, ekonomi: dict | None = None) -> dict:
    """All figures of one year in the API's JSON shape (a fixed number of queries), with "varningar": what a
    reader must know before trusting them (an incomplete registry, a year still running)."""
    data = ar_statistik_flera(urval, [urval.ar], referens, {urval.ar: ekonomi} if ekonomi else None)[urval.ar]
    return {"ar": data.pop("ar"), "varningar": varningar(urval), **data}


def ar_statistik_flera(
    urval: Urval, ar_lista: list[int], referens: Referens | None = None, ekonomi: dict | None = None
) -> dict[int, dict]:
    """ar_statistik for several years, read together (the dashboard shows a year and the year before)."""
    referens = referens or Referens.load()
    data = _hamta(urval, ar_lista)
    return {y: _bygg(urval.med_ar(y), referens, (ekonomi or {}).get(y), **data[y]) for y in ar_lista}


def _bygg(
    urval: Urval,
    referens: Referens,
    ekonomi: dict | None,
    totals: dict,
    per_inriktning: dict,
    deltagare: dict,
    malgrupp_counts: dict,
) -> dict:
    def d(row, key):
        return (row or {}).get(key) or 0

    individ_per = {}
    for inr in referens.inriktningar_for(I):
        row = deltagare.get(inr.kod)
        kv, man = d(row, "kvinnor"), d(row, "man")
        individ_per[inr.kod] = {
            "insatser": d(per_inriktning.get(inr.kod), "insatser"),
            "deltagare": kv + man,
            "kvinnor": kv,
            "man": man,
            "paborjade": d(per_inriktning.get(inr.kod), "paborjade"),
            "avslutade": d(per_inriktning.get(inr.kod), "avslutade"),
        }
    struktur_per = {}
    for inr in referens.inriktningar_for(S):
        row = deltagare.get(inr.kod)
        struktur_per[inr.kod] = {
            "insatser": d(per_inriktning.get(inr.kod), "insatser"),
            "med_deltagaruppfoljning": d(per_inriktning.get(inr.kod), "uppf"),
            "med_registrerade_deltagare": d(row, "med_deltagare"),
            "deltagare": d(row, "struktur"),
            "paborjade": d(per_inriktning.get(inr.kod), "paborjade"),
            "avslutade": d(per_inriktning.get(inr.kod), "avslutade"),
        }
    # Insatser whose inriktning is of the other typ (bad data) still count in the totals of their typ.
    kvinnor = sum(d(r, "kvinnor") for r in deltagare.values())
    man = sum(d(r, "man") for r in deltagare.values())

    result = {
        "ar": urval.ar,
        "urval": {
            "lan": urval.lan.kod if urval.lan else None,
            "forbund": urval.forbund.slug if urval.forbund else None,
        },
        "forbund": {
            **_struktur(urval),
            "med_individinriktade_insatser": totals["forbund_med_individ"],
            "med_insatser": totals["forbund_med_insatser"],
        },
        "insatser": {key: totals[key] for key in INSATS_NYCKLAR},
        "individinriktade": {
            "deltagare": kvinnor + man,
            "kvinnor": kvinnor,
            "man": man,
            "budgeterade_deltagare": sum(
                d(r, "budgeterade_deltagare") for k, r in deltagare.items() if k in individ_per
            ),
            "per_inriktning": individ_per,
            "malgrupper": {m.kod: malgrupp_counts.get(m.kod, 0) for m in referens.malgrupper},
            "utan_malgrupp": totals["utan_malgrupp"],
        },
        "strukturovergripande": {
            "deltagare": sum(d(r, "struktur") for r in deltagare.values()),
            "med_deltagaruppfoljning": totals["med_deltagaruppfoljning"],
            "per_inriktning": struktur_per,
        },
        "ekonomi": _ekonomi(urval, deltagare, ekonomi),
    }
    return result


def _ekonomi_selectors():
    """The economy app's selectors (registration status of medlemsbidrag and eget kapital)."""
    try:
        from ekonomi import selectors
    except ImportError:
        return None
    return selectors


def _ekonomi(urval: Urval, deltagare: dict, ekonomi: dict | None) -> dict:
    """Budget and utfall of insatser per typ from their yearly figures, the rest from ekonomi_per_ar."""
    if ekonomi is None:
        ekonomi = ekonomi_per_ar(urval, urval.ar)[urval.ar]
    return {
        "budget_individinriktade": sum((r.get("budget_i") or 0) for r in deltagare.values()),
        "budget_strukturovergripande": sum((r.get("budget_s") or 0) for r in deltagare.values()),
        "utfall_individinriktade": sum((r.get("utfall_i") or 0) for r in deltagare.values()),
        "utfall_strukturovergripande": sum((r.get("utfall_s") or 0) for r in deltagare.values()),
        **ekonomi,
    }


def _ekonomi_tom() -> dict:
    return {
        "medlemsbidrag": {"stat": 0, "regioner": 0, "kommuner": 0, "totalt": 0},
        "administration": {"budget": 0, "utfall": 0},
        "eget_kapital_utgaende": 0,
        "arets_resultat": 0,
        "forbund_med_arsekonomi": 0,
        "intakter": 0,
        "kostnader": 0,
        "budget_esf": 0,
        "utfall_esf": 0,
        "statsbidrag": {"tilldelat": None, "utbetalt": 0, "forbrukat": 0, "oforbrukat": 0},
        "kostnader_utan_statliga_medel": 0,
    }


def insatsar_per_forbund_ar(ar_lista) -> dict[tuple[int, int], tuple[int, int, int]]:
    """The insatser's yearly utfall, ESF budget and ESF utfall summed per (förbund, år) for the given years, in
    one query (only what the economy needs: each further sum cost ~1 ms at 10x)."""
    return {
        (r[0], r[1]): r[2:]
        for r in InsatsAr.objects.filter(ar__in=list(ar_lista))
        .order_by()
        .values("insats__forbund_id", "ar")
        .annotate(
            summa_utfall=Sum("utfall", default=0),
            esf_budget=Sum("budget", filter=Q(insats__esf=True), default=0),
            esf_utfall=Sum("utfall", filter=Q(insats__esf=True), default=0),
        )
        .values_list("insats__forbund_id", "ar", "summa_utfall", "esf_budget", "esf_utfall")
    }


def ekonomi_per_ar(urval: Urval, ar_fran: int) -> dict[int, dict]:
    """Medlemsbidrag, administration, result and eget kapital per year ar_fran..urval.ar (5 queries).

    The same definitions as ekonomi.selectors (a test holds the two together), but aggregated per förbund and year
    in the database and read as tuples: the economy app's per-förbund tables are too slow for a national page at
    10x scale. Eget kapital is rolled forward per förbund: the fastställd utgående when registered, else ingående
    (the year before's utgående, or the registered ingående) plus the year's computed result. The computed result
    needs registered costs (the administration's utfall): without it the förbund-year has no result or utgående, is
    left out of the sums and of forbund_med_arsekonomi, and the next year cannot build on it.

    Only the years that need a computed figure are summed per förbund: the chosen year and the year before (their
    medlemsbidrag, costs and statens medel are shown), and any year where a förbund lacks a fastställd result or
    utgående. The other years of Tabell 3 come straight from the fastställda årsredovisningar, so their dicts
    hold only arets_resultat, eget_kapital_utgaende and forbund_med_arsekonomi.
    """
    from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag

    ar_till = urval.ar
    ar_lista = list(range(ar_fran, ar_till + 1))
    scope = _scope_by_year(urval, ar_lista)
    ofullstandiga = (
        Arsekonomi.objects.filter(ar__lte=ar_till)
        .filter(Q(faststallt_arets_resultat__isnull=True) | Q(faststallt_eget_kapital_utgaende__isnull=True))
        .order_by()
        .values_list("ar", flat=True)
        .distinct()
    )
    behov = {ar_till, ar_till - 1, *ofullstandiga}
    # Per förbund: those years, and the year before each (its fastställd utgående is the next year's ingående).
    per_forbund_ar = sorted(behov | {a - 1 for a in behov})
    ekonomi = {
        (r[0], r[1]): r[2:]
        for r in Arsekonomi.objects.filter(ar__in=per_forbund_ar)
        .order_by()
        .values_list(
            "forbund_id",
            "ar",
            "esf_intakter",
            "ovriga_intakter",
            "administration_budget",
            "administration_utfall",
            "eget_kapital_ingaende",
            "faststallt_arets_resultat",
            "faststallt_eget_kapital_utgaende",
        )
    }

    bidrag = {
        (r[0], r[1]): r[2:]
        for r in Medlemsbidrag.objects.filter(ar__in=sorted(behov))
        .order_by()
        .values("forbund_id", "ar")
        .annotate(
            stat=Sum("belopp", filter=Q(medlemstyp="stat"), default=0),
            region=Sum("belopp", filter=Q(medlemstyp="region"), default=0),
            kommun=Sum("belopp", filter=Q(medlemstyp="kommun"), default=0),
        )
        .values_list("forbund_id", "ar", "stat", "region", "kommun")
    }
    insats = insatsar_per_forbund_ar(sorted(behov))
    tilldelat = dict(Statsbidrag.objects.filter(ar__gte=ar_fran, ar__lte=ar_till).values_list("ar", "tilldelat"))

    result = {ar: _ekonomi_tom() for ar in range(ar_fran, ar_till + 1)}
    for ar in result:
        result[ar]["statsbidrag"]["tilldelat"] = tilldelat.get(ar)
    utgaende: dict[int, tuple[int, int | None]] = {}  # forbund -> (år, utgående) of its last year with årsekonomi
    for fid, ar in sorted(set(ekonomi) | set(bidrag) | set(insats)):
        stat, region, kommun = bidrag.get((fid, ar), (0, 0, 0))
        utfall, budget_esf, utfall_esf = insats.get((fid, ar), (0, 0, 0))
        ek = ekonomi.get((fid, ar))
        esf, ovriga, adm_budget, adm_utfall, ingaende_reg, f_resultat, f_utgaende = ek or (
            0,
            0,
            None,
            None,
            None,
            None,
            None,
        )
        intakter = stat + region + kommun + esf + ovriga
        kostnader = utfall + (adm_utfall or 0)
        # Costs count as registered only with the administration's utfall (as ekonomi.selectors'
        # ForbundAr.kostnader_kompletta): a förbund that registered only its income has no computed result.
        beraknat = intakter - kostnader if adm_utfall is not None else None
        resultat = f_resultat if f_resultat is not None else beraknat
        utg = None
        if ek is not None:
            foregaende = utgaende.get(fid)
            if foregaende and foregaende[0] == ar - 1 and foregaende[1] is not None:
                ingaende = foregaende[1]
            else:
                ingaende = ingaende_reg
            utg = (
                f_utgaende
                if f_utgaende is not None
                else (None if ingaende is None or beraknat is None else ingaende + beraknat)
            )
            utgaende[fid] = (ar, utg)
        if ar not in result or (scope is not None and fid not in scope[ar]):
            continue
        r = result[ar]
        if ek is not None and resultat is not None:
            r["arets_resultat"] += resultat
            r["eget_kapital_utgaende"] += utg or 0
            r["forbund_med_arsekonomi"] += 1
        if ar not in behov:
            continue
        m = r["medlemsbidrag"]
        m["stat"] += stat
        m["regioner"] += region
        m["kommuner"] += kommun
        m["totalt"] += stat + region + kommun
        r["intakter"] += intakter
        r["kostnader"] += kostnader
        r["budget_esf"] += budget_esf
        r["utfall_esf"] += utfall_esf
        r["statsbidrag"]["utbetalt"] += stat
        if stat > 0:
            # Förbund with state funds registered: half of the costs, rounded half away from zero to whole kronor
            # (as ekonomi.selectors does); the costs of the others are reported apart.
            r["statsbidrag"]["forbrukat"] += (abs(kostnader) + 1) // 2 * (1 if kostnader >= 0 else -1)
        else:
            r["kostnader_utan_statliga_medel"] += kostnader
        if ek is not None:
            r["administration"]["budget"] += adm_budget or 0
            r["administration"]["utfall"] += adm_utfall or 0
    # The other years of the range: every förbund-year there has its fastställda figures; sum them in SQL.
    ovriga = [a for a in ar_lista if a not in per_forbund_ar]
    if ovriga:
        rader = Arsekonomi.objects.filter(ar__in=ovriga).order_by()
        if scope is None:
            summor = rader.values("ar").annotate(
                res=Sum("faststallt_arets_resultat", default=0),
                utg=Sum("faststallt_eget_kapital_utgaende", default=0),
                n=Count("pk"),
            )
            for row in summor:
                r = result[row["ar"]]
                r["arets_resultat"] += row["res"]
                r["eget_kapital_utgaende"] += row["utg"]
                r["forbund_med_arsekonomi"] += row["n"]
        else:
            i_urvalet = {fid for ids in scope.values() for fid in ids}
            for fid, ar, res, utg in rader.filter(forbund_id__in=i_urvalet).values_list(
                "forbund_id", "ar", "faststallt_arets_resultat", "faststallt_eget_kapital_utgaende"
            ):
                if fid in scope[ar]:
                    r = result[ar]
                    r["arets_resultat"] += res or 0
                    r["eget_kapital_utgaende"] += utg or 0
                    r["forbund_med_arsekonomi"] += 1
    for r in result.values():
        r["statsbidrag"]["oforbrukat"] = r["statsbidrag"]["utbetalt"] - r["statsbidrag"]["forbrukat"]
    return result


# ---------------------------------------------------------------- Trends over years


def trend(urval: Urval, ar_fran: int) -> list[dict]:
    """Förbund, kommuner and insatser per year from ar_fran to urval.ar (4 queries in all).

    Participants are left out on purpose: summing ten years of yearly figures was a fifth of the dashboard's time
    at 10x scale, and the year and the year before are in the other tables. Förbund and kommuner are None for years
    before the registry holds the whole structure (register_ofullstandigt): the registry cannot count them.
    """
    ar_lista = list(range(ar_fran, urval.ar + 1))
    per_ar = {ar: {"ar": ar} for ar in ar_lista}

    # Insatser: group by (typ, start year, end year) in SQL, then spread each group over the years it ran.
    first, last = datetime.date(ar_fran, 1, 1), urval.slut
    insatser = Insats.objects.filter(Q(startdatum__lte=last) & (Q(slutdatum__isnull=True) | Q(slutdatum__gte=first)))
    if not urval.nationellt:
        insatser = insatser.filter(forbund_id__in=_forbund_any_year_qs(urval, ar_fran).values("pk"))
    # Nationally no förbund is left out, so the groups need not be per förbund (a few dozen rows in all).
    per_forbund = "forbund_id" if not urval.nationellt else "typ"
    grupper = (
        insatser.order_by()
        .values("typ", per_forbund, "startdatum__year", "slutdatum__year")
        .annotate(n=Count("pk"))
        .values_list("typ", per_forbund, "startdatum__year", "slutdatum__year", "n")
    )
    scope_by_year = _scope_by_year(urval, ar_lista)
    for ar in ar_lista:
        per_ar[ar].update(insatser=0, individinriktade=0, strukturovergripande=0)
    for typ, forbund_id, fran, till, n in grupper:
        for ar in range(max(fran, ar_fran), min(till or urval.ar, urval.ar) + 1):
            if scope_by_year is not None and forbund_id not in scope_by_year[ar]:
                continue
            per_ar[ar]["insatser"] += n
            per_ar[ar]["individinriktade" if typ == I else "strukturovergripande"] += n

    # Förbund and member kommuner at the end of each year the registry is complete for.
    kompletta = [ar for ar in ar_lista if not register_ofullstandigt(ar)]
    for ar in ar_lista:
        per_ar[ar]["forbund"] = per_ar[ar]["kommuner_i_forbund"] = None
    if not kompletta:
        return [per_ar[ar] for ar in ar_lista]
    if urval.nationellt:
        # One query each, a conditional count per year.
        slut = {ar: datetime.date(ar, 12, 31) for ar in kompletta}
        forbund = Forbund.objects.aggregate(
            **{f"f{ar}": Count("pk", filter=forbund_existing_q(d)) for ar, d in slut.items()}
        )
        kommuner = Medlemskap.objects.filter(kommun__isnull=False).aggregate(
            **{
                f"k{ar}": Count(
                    "kommun_id", distinct=True, filter=active_on(d) & forbund_existing_q(d, prefix="forbund__")
                )
                for ar, d in slut.items()
            }
        )
        for ar in kompletta:
            per_ar[ar]["forbund"] = forbund[f"f{ar}"]
            per_ar[ar]["kommuner_i_forbund"] = kommuner[f"k{ar}"]
        return [per_ar[ar] for ar in ar_lista]
    forbund_rows = list(_forbund_any_year_qs(urval, ar_fran).values_list("pk", "bildat", "upphort"))
    medlem = Medlemskap.objects.filter(kommun__isnull=False).active_during(datetime.date(kompletta[0], 1, 1), last)
    if urval.lan is not None:
        medlem = medlem.filter(kommun__lan=urval.lan)
    medlem_rows = list(medlem.values_list("forbund_id", "kommun_id", "giltig_fran", "giltig_till"))
    for ar in kompletta:
        slut = datetime.date(ar, 12, 31)
        existing = {
            pk
            for pk, bildat, upphort in forbund_rows
            if (bildat is None or bildat <= slut)
            and (upphort is None or upphort >= slut)
            and (scope_by_year is None or pk in scope_by_year[ar])
        }
        kommuner = {
            kommun
            for forbund_id, kommun, fran, till in medlem_rows
            if forbund_id in existing and (fran is None or fran <= slut) and (till is None or till >= slut)
        }
        per_ar[ar]["forbund"] = len(existing)
        per_ar[ar]["kommuner_i_forbund"] = len(kommuner)
    return [per_ar[ar] for ar in ar_lista]


def _forbund_any_year_qs(urval: Urval, ar_fran: int) -> QuerySet[Forbund]:
    """Förbund that were in the selection in some year of the range."""
    if urval.nationellt:
        return Forbund.objects.filter(forbund_existing_q(datetime.date(ar_fran, 1, 1), urval.slut))
    return Forbund.objects.filter(pk__in=_scope_rows_qs(urval, ar_fran).values("forbund_id"))


def _scope_rows_qs(urval: Urval, ar_fran: int):
    first, last = datetime.date(ar_fran, 1, 1), urval.slut
    qs = Medlemskap.objects.active_during(first, last)
    if urval.lan is not None:
        qs = qs.filter(Q(kommun__lan=urval.lan) | Q(region=urval.lan))
    if urval.forbund is not None:
        qs = qs.filter(forbund=urval.forbund)
    return qs


def _scope_by_year(urval: Urval, ar_lista: list[int]) -> dict[int, set[int]] | None:
    """For a län or förbund selection: which förbund belonged to it each year (one query)."""
    if urval.nationellt:
        return None
    scope = {ar: set() for ar in ar_lista}
    if urval.lan is None:
        # One förbund: it is in the selection every year it has data.
        for ar in ar_lista:
            scope[ar].add(urval.forbund.pk)
        return scope
    rows = _scope_rows_qs(urval, ar_lista[0]).values_list(
        "forbund_id", "giltig_fran", "giltig_till", "forbund__bildat", "forbund__upphort"
    )
    for forbund_id, fran, till, bildat, upphort in rows:
        for ar in ar_lista:
            start, slut = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
            if (
                (fran is None or fran <= slut)
                and (till is None or till >= start)
                and (bildat is None or bildat <= slut)
                and (upphort is None or upphort >= start)
                and (urval.forbund is None or forbund_id == urval.forbund.pk)
            ):
                scope[ar].add(forbund_id)
    return scope


def eget_kapital_per_ar(ekonomi: dict[int, dict]) -> list[dict]:
    """Tabell 3: årets resultat and utgående eget kapital per year, from ekonomi_per_ar."""
    return [
        {
            "ar": ar,
            "arets_resultat": e["arets_resultat"],
            "eget_kapital_utgaende": e["eget_kapital_utgaende"],
            "antal_forbund": e["forbund_med_arsekonomi"],
        }
        for ar, e in sorted(ekonomi.items())
    ]


# ---------------------------------------------------------------- Per förbund: key figures and registration


def forbund_oversikt(urval: Urval) -> list[dict]:
    """Every förbund of the selection that existed during the year, with its key figures and what it has
    registered for the year (4 queries plus the economy's)."""
    start, slut = urval.start, urval.slut
    forbund = urval.filter_forbund(Forbund.objects.filter(forbund_existing_q(start, slut)), "pk")
    forbund = list(forbund.prefetch_related("tidigare_namn").order_by("namn"))
    insatser = defaultdict(dict)
    arsuppgifter = defaultdict(dict)
    if forbund:
        scope = urval.filter_forbund(Forbund.objects.filter(forbund_existing_q(start, slut)), "pk").values("pk")
        ins = Insats.objects.running_in(urval.ar).filter(forbund_id__in=scope).order_by()
        for row in ins.values("forbund_id").annotate(
            insatser=Count("pk"),
            individinriktade=Count("pk", filter=Q(typ=I)),
            strukturovergripande=Count("pk", filter=Q(typ=S)),
            med_deltagarkrav=Count("pk", filter=Q(typ=I) | Q(deltagaruppfoljning=True)),
        ):
            insatser[row["forbund_id"]] = row
        ar_ind = Q(insats__typ=I)
        ar_uppf = Q(insats__typ=S, insats__deltagaruppfoljning=True)
        has_counts = (ar_ind & (Q(deltagare_kvinnor__isnull=False) | Q(deltagare_man__isnull=False))) | (
            ar_uppf & Q(deltagare_totalt__isnull=False)
        )
        for row in (
            InsatsAr.objects.filter(ar=urval.ar, insats__in=ins.values("pk"))
            .order_by()
            .values("insats__forbund_id")
            .annotate(
                med_deltagare=Count("pk", filter=has_counts),
                med_budget=Count("pk", filter=Q(budget__isnull=False)),
                med_utfall=Count("pk", filter=Q(utfall__isnull=False)),
                deltagare_individinriktade=Sum("deltagare_kvinnor", filter=ar_ind, default=0)
                + Sum("deltagare_man", filter=ar_ind, default=0),
                deltagare_strukturovergripande=Sum("deltagare_totalt", filter=ar_uppf, default=0),
                budget=Sum("budget", default=0),
                utfall=Sum("utfall", default=0),
            )
        ):
            arsuppgifter[row["insats__forbund_id"]] = row

    ekonomi = {}
    selectors = _ekonomi_selectors()
    if forbund and selectors is not None and hasattr(selectors, "registreringsstatus"):
        ekonomi = selectors.registreringsstatus(ar=urval.ar, forbund_ids=[f.pk for f in forbund]) or {}

    result = []
    for f in forbund:
        i = insatser.get(f.pk, {})
        a = arsuppgifter.get(f.pk, {})
        e = ekonomi.get(f.pk, {})
        antal = i.get("insatser", 0)
        krav = i.get("med_deltagarkrav", 0)
        result.append(
            {
                "forbund": f,
                "namn": f.namn_on(min(slut, f.upphort or slut)),
                "slug": f.slug,
                "upphort": f.upphort,
                "insatser": antal,
                "individinriktade": i.get("individinriktade", 0),
                "strukturovergripande": i.get("strukturovergripande", 0),
                "deltagare_individinriktade": a.get("deltagare_individinriktade", 0),
                "deltagare_strukturovergripande": a.get("deltagare_strukturovergripande", 0),
                "budget": a.get("budget", 0),
                "utfall": a.get("utfall", 0),
                "insatser_med_deltagarkrav": krav,
                "insatser_med_deltagare": a.get("med_deltagare", 0),
                "insatser_med_utfall": a.get("med_utfall", 0),
                "status": {
                    "insatser": antal > 0,
                    "deltagare": krav > 0 and a.get("med_deltagare", 0) >= krav,
                    "utfall": antal > 0 and a.get("med_utfall", 0) >= antal,
                    "medlemsbidrag": e.get("medlemsbidrag"),
                    "eget_kapital": e.get("eget_kapital"),
                },
            }
        )
    return result
