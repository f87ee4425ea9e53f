"""The national economy per year: medlemsbidrag, administration, result, eget kapital and statens medel."""

from django.db.models import Count, Q, Sum

from insatser.models import InsatsAr
from statistik.urval import Urval, scope_by_year


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
    scope = scope_by_year(urval, ar_lista)
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
