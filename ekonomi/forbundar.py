"""The one read of the förbund-years: every ForbundAr (ekonomi.arsekonomi) the pages, the national statistics, the
exports and the report draft use, aggregated in the database per förbund and year (never per insats in Python).

The cost grows with förbund × years: medlemsbidrag and insatsernas budget and utfall are summed per förbund and year
in SQL, and the running insatser are counted per (förbund, start year, end year) group.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum

from core.period import ar_mellan
from ekonomi.arsekonomi import ForbundAr
from ekonomi.models import Arsekonomi, Medlemsbidrag
from insatser.models import Insats, InsatsAr

CHUNK = 5000


def _forbund_filter(forbund_ids, prefix: str = "forbund_id") -> Q:
    return Q() if forbund_ids is None else Q(**{f"{prefix}__in": list(forbund_ids)})


def _ar_med_detaljer(tabell: dict[tuple[int, int], ForbundAr], ar_till: int, ar_fran: int | None) -> Q:
    """The years whose medlemsbidrag and insatser must be read: ar_fran..ar_till, and every earlier year where a
    förbund lacks its fastställda result or utgående (eget kapital rolls forward through the computed figures)."""
    if ar_fran is None:
        return Q(ar__lte=ar_till)
    ofullstandiga = {
        ar
        for (_fid, ar), fa in tabell.items()
        if ar < ar_fran and (fa.faststallt_resultat is None or fa.faststallt_utgaende is None)
    }
    return Q(ar__gte=ar_fran, ar__lte=ar_till) | Q(ar__in=sorted(ofullstandiga))


def forbund_ar_tabell(
    *, ar_till: int, forbund_ids=None, ar_fran: int | None = None
) -> dict[tuple[int, int], ForbundAr]:
    """Every (förbund, år) up to ar_till with economy or insats figures, eget kapital rolled forward. 4 queries.

    Earlier years are read too, because the ingående eget kapital builds on them. With ar_fran, the years before it
    hold only what the roll-forward needs: a year whose fastställda figures are both registered keeps just those
    (its medlemsbidrag and insatser are not read), so only the years from ar_fran are complete.
    """
    tabell: dict[tuple[int, int], ForbundAr] = {}

    def get(fid: int, ar: int) -> ForbundAr:
        key = (fid, ar)
        if key not in tabell:
            tabell[key] = ForbundAr(forbund_id=fid, ar=ar)
        return tabell[key]

    # Each read is iterated in chunks (iterator): at 100x (7 000 förbund) a read holds hundreds of thousands of rows,
    # and a list of them all would double the request's memory for a moment.
    for rad in Arsekonomi.objects.filter(_forbund_filter(forbund_ids), ar__lte=ar_till).iterator(CHUNK):
        get(rad.forbund_id, rad.ar).arsekonomi = rad
    detaljer = _ar_med_detaljer(tabell, ar_till, ar_fran)
    mb = (
        Medlemsbidrag.objects.filter(_forbund_filter(forbund_ids), detaljer)
        .values("forbund_id", "ar", "medlemstyp")
        .annotate(summa=Sum("belopp"))
        .order_by()
    )
    for rad in mb.iterator(CHUNK):
        fa = get(rad["forbund_id"], rad["ar"])
        fa.medlemsbidrag[rad["medlemstyp"]] += rad["summa"] or 0
        fa.medlemsbidrag_registrerat.add(rad["medlemstyp"])
    kostnader = (
        InsatsAr.objects.filter(_forbund_filter(forbund_ids, "insats__forbund_id"), detaljer)
        .values("insats__forbund_id", "ar", "insats__typ", "insats__esf")
        .annotate(
            summa_budget=Sum("budget"),
            summa_utfall=Sum("utfall"),
            med_utfall=Count("pk", filter=Q(utfall__isnull=False)),
        )
        .order_by()
    )
    for rad in kostnader.iterator(CHUNK):
        fa = get(rad["insats__forbund_id"], rad["ar"])
        fa.insats[(rad["insats__typ"], rad["insats__esf"])] = [rad["summa_budget"], rad["summa_utfall"]]
        fa.insatser_med_utfall += rad["med_utfall"]
    _rakna_lopande_insatser(tabell, ar_till, forbund_ids)
    _rulla_eget_kapital(tabell)
    return tabell


def _rakna_lopande_insatser(tabell: dict[tuple[int, int], ForbundAr], ar_till: int, forbund_ids) -> None:
    """Set each förbund-year's number of running insatser (those whose utfall the year's costs need).

    One query grouped by (förbund, start year, end year): a few rows per förbund, spread over the years in Python.
    """
    grupper = (
        Insats.objects.filter(_forbund_filter(forbund_ids), startdatum__year__lte=ar_till)
        .order_by()
        .values("forbund_id", "startdatum__year", "slutdatum__year")
        .annotate(n=Count("pk"))
        .values_list("forbund_id", "startdatum__year", "slutdatum__year", "n")
    )
    for fid, fran, till, n in grupper.iterator(CHUNK):
        for ar in ar_mellan(fran, till, sista=ar_till):
            fa = tabell.get((fid, ar))
            if fa is not None:
                fa.insatser_lopande += n


def _rulla_eget_kapital(tabell: dict[tuple[int, int], ForbundAr]) -> None:
    """Roll eget kapital forward, year by year, within each förbund. Only years with registered economy count."""
    per_forbund: dict[int, list[ForbundAr]] = defaultdict(list)
    for fa in tabell.values():
        if fa.arsekonomi is not None:
            per_forbund[fa.forbund_id].append(fa)
    for rader in per_forbund.values():
        rader.sort(key=lambda fa: fa.ar)
        foregaende: ForbundAr | None = None
        for fa in rader:
            if foregaende is not None and foregaende.ar == fa.ar - 1 and foregaende.utgaende is not None:
                fa.ingaende, fa.ingaende_kalla = foregaende.utgaende, "foregaende"
            elif fa.arsekonomi.eget_kapital_ingaende is not None:
                fa.ingaende, fa.ingaende_kalla = fa.arsekonomi.eget_kapital_ingaende, "registrerat"
            else:
                fa.ingaende_kalla = "saknas"
            foregaende = fa
