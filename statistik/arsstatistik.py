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

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear

from core import dataversion
from core.period import Period
from forbund.models import Forbund, Kommun, Medlemskap
from forbund.selectors import forbund_existing_q, forbund_under_aret
from insatser.models import Insats, InsatsAr, running_during
from insatser.rules import deltagare_q, inriktning_for_ar, inriktning_for_ar_uttryck, volym_q
from statistik.ekonomisummor import ekonomi_per_ar
from statistik.malgruppskombinationer import malgrupp_kombinationer
from statistik.urval import I, Referens, S, Urval, varningar


def _struktur(urval: Urval) -> dict:
    """Förbund and kommuner at the end of the year, and the förbund of the year (3 queries).

    antal: the förbund at year end (the report's "N förbund"); under_aret: those that existed some day of the year,
    the ones the year's economy and reporting cover (forbund.selectors.forbund_under_aret)."""
    slut = urval.slut
    forbund = urval.filter_forbund(Forbund.objects.filter(forbund_existing_q(slut)), "pk")
    antal = urval.filter_forbund(forbund_under_aret(urval.ar), "pk").aggregate(
        under_aret=Count("pk"), antal=Count("pk", filter=forbund_existing_q(slut))
    )
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
        "antal": antal["antal"],
        "under_aret": antal["under_aret"],
        "kommuner_i_forbund": i_forbund,
        "kommuner_utan_forbund": totalt - i_forbund,
        "kommuner_totalt": totalt,
    }


def _kor_q(ar: int, prefix: str = "") -> Q:
    """Insatser that ran any day of the year."""
    return running_during(Period.year(ar), prefix)


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
    bas = Insats.objects.filter(running_during(Period.years_between(forsta, sista))).order_by()
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
    falt = [
        "typ",
        "inriktning_id",
        "tidigare_inriktning_id",
        "esf",
        "deltagaruppfoljning",
        *([] if urval.nationellt else ["forbund_id"]),
    ]
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
        typ, nu_inr, tidigare_inr, esf, uppf = row[:5]
        forbund_id = None if urval.nationellt else row[5]
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
            inr = inriktning_for_ar(y, nu_inr, tidigare_inr)  # each year counts the class the insats had then
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
    ar_ind, ar_uppf = deltagare_q()
    arsuppgifter = list(
        InsatsAr.objects.filter(arsuppgift_q)
        .order_by()
        .annotate(klass=inriktning_for_ar_uttryck(ar="ar", insats="insats__"))
        .values("ar", "klass")
        .annotate(
            kvinnor=Sum("deltagare_kvinnor", filter=ar_ind),
            man=Sum("deltagare_man", filter=ar_ind),
            struktur=Sum("deltagare_totalt", filter=ar_uppf),
            volym=Sum("deltagare_totalt", filter=volym_q()),
            med_deltagare=Count("pk", filter=ar_uppf & Q(deltagare_totalt__gt=0)),
            budgeterade_deltagare=Sum("budgeterat_antal_deltagare"),
        )
    )
    result = {}
    for y in ar_lista:
        result[y] = {
            "totals": totals[y],
            "per_inriktning": inriktningar[y],
            "deltagare": {r["klass"]: r for r in arsuppgifter if r["ar"] == y},
            "malgrupp_counts": {r["malgrupp_id"]: r[f"n_{y}"] for r in malgrupper},
        }
    return result


def ar_statistik(urval: Urval, referens: Referens | None = None, ekonomi: dict | None = None) -> dict:
    """All figures of one year in the API's JSON shape (a fixed number of queries), with "varningar": what a
    reader must know before trusting them (an incomplete registry, a year still running).

    Cached under the data version unless the caller hands in what it has read already."""
    if referens is None and ekonomi is None:
        return dataversion.cached("statistik.ar_statistik", urval.cache_key(), lambda: _ar_statistik(urval))
    return _ar_statistik(urval, referens, ekonomi)


def _ar_statistik(urval: Urval, referens: Referens | None = None, ekonomi: dict | None = None) -> dict:
    data = ar_statistik_flera(urval, [urval.ar], referens, {urval.ar: ekonomi} if ekonomi else None)[urval.ar]
    data["individinriktade"]["malgrupp_kombinationer"] = malgrupp_kombinationer(urval)
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
        kv, man, volym = d(row, "kvinnor"), d(row, "man"), d(row, "volym")
        individ_per[inr.kod] = {
            "insatser": d(per_inriktning.get(inr.kod), "insatser"),
            "deltagare": kv + man + volym,
            "kvinnor": kv,
            "man": man,
            "volym": volym,
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
    volym = sum(d(r, "volym") for r in deltagare.values())

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
            # Participants in volyminsatser (SUS, up to 2022) are in "deltagare" and "volym", in neither kön.
            "deltagare": kvinnor + man + volym,
            "kvinnor": kvinnor,
            "man": man,
            "volym": volym,
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
        # The economy's one definition (ekonomi.summor.summera), insatsernas budget and utfall per typ included.
        "ekonomi": ekonomi if ekonomi is not None else ekonomi_per_ar(urval, urval.ar)[urval.ar],
    }
    return result
