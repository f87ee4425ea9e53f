"""Sums of many förbund-years: the one definition (ForbundAr) added up, for the national pages, the statistics, the
API, the exports and the report draft alike.

Not registered is not zero: a sum is None ("–") when no förbund has the figure, and every sum comes with how many
förbund it holds, so a page can say "n av m förbund". A förbund whose costs are incomplete (ForbundAr.
kostnader_kompletta) is left out of kostnader, årets resultat, eget kapital and förbrukade medel, never counted
with its missing costs as 0 kr.
"""

from django.db.models import Max, Min, Q

from core.tabell import summa
from ekonomi.arsekonomi import ForbundAr, _num, procentandel
from ekonomi.forbundar import forbund_ar_tabell
from ekonomi.models import Arsekonomi, Statsbidrag
from insatser.models import Typ


def summera(rader: list[ForbundAr], *, ar: int, tilldelat: int | None) -> dict:
    """The economy of the given förbund-years of one year, in whole kronor.

    Keys: budget_/utfall_individinriktade, budget_/utfall_strukturovergripande, budget_/utfall_insatser (both
    types), budget_/utfall_esf,
    budget_andel_individinriktade / _strukturovergripande (percent), medlemsbidrag {stat, regioner, kommuner,
    totalt}, esf_intakter, ovriga_intakter, administration {budget, utfall}, intakter, kostnader, arets_resultat,
    eget_kapital_utgaende, statsbidrag {tilldelat, utbetalt, forbrukat, oforbrukat}, kostnader_utan_statliga_medel,
    forbund_avvikande_fordelning, and the antal_forbund_* counts behind each sum.
    """
    ind, struk = Typ.INDIVIDINRIKTAD.value, Typ.STRUKTUROVERGRIPANDE.value
    registrerade = [fa for fa in rader if fa.registrerad]
    kompletta = [fa for fa in rader if fa.kostnader_kompletta]
    statliga = [fa for fa in rader if fa.har_statliga_medel]
    forbrukat = [fa for fa in statliga if fa.stat_forbrukat is not None]
    utan_statliga = [fa for fa in rader if not fa.har_statliga_medel and fa.kostnader_registrerade is not None]
    budget_ind = summa(fa.insats_budget_registrerad(ind) for fa in rader)
    budget_struk = summa(fa.insats_budget_registrerad(struk) for fa in rader)
    budget = summa([budget_ind, budget_struk])
    utfall_ind = summa(fa.insats_utfall_registrerat(ind) for fa in rader)
    utfall_struk = summa(fa.insats_utfall_registrerat(struk) for fa in rader)
    return {
        **eget_kapital_summor(rader, ar=ar),
        "budget_individinriktade": budget_ind,
        "budget_strukturovergripande": budget_struk,
        "budget_insatser": budget,
        "utfall_individinriktade": utfall_ind,
        "utfall_strukturovergripande": utfall_struk,
        "utfall_insatser": summa([utfall_ind, utfall_struk]),
        "budget_esf": summa(fa.insats_budget_registrerad(esf=True) for fa in rader),
        "utfall_esf": summa(fa.insats_utfall_registrerat(esf=True) for fa in rader),
        "budget_andel_individinriktade": _num(procentandel(budget_ind, budget)),
        "budget_andel_strukturovergripande": _num(procentandel(budget_struk, budget)),
        "medlemsbidrag": {
            "stat": summa(fa.medlemsbidrag_registrerad("stat") for fa in rader),
            "regioner": summa(fa.medlemsbidrag_registrerad("region") for fa in rader),
            "kommuner": summa(fa.medlemsbidrag_registrerad("kommun") for fa in rader),
            "totalt": summa(fa.medlemsbidrag_registrerad() for fa in rader),
        },
        "esf_intakter": summa(fa.esf_intakter for fa in registrerade),
        "ovriga_intakter": summa(fa.ovriga_intakter for fa in registrerade),
        "administration": {
            "budget": summa(fa.arsekonomi.administration_budget for fa in registrerade),
            "utfall": summa(fa.arsekonomi.administration_utfall for fa in registrerade),
        },
        "intakter": summa(fa.intakter for fa in rader if fa.registrerad or fa.medlemsbidrag_registrerat),
        "kostnader": summa(fa.kostnader for fa in kompletta),
        "statsbidrag": {
            "tilldelat": tilldelat,
            "utbetalt": summa(fa.stat_utbetalt for fa in statliga),
            "forbrukat": summa(fa.stat_forbrukat for fa in forbrukat),
            "oforbrukat": summa(fa.stat_oforbrukat for fa in forbrukat),
        },
        "kostnader_utan_statliga_medel": summa(fa.kostnader for fa in utan_statliga),
        "antal_forbund": len(rader),
        "antal_forbund_registrerade": len(registrerade),
        "antal_forbund_med_medlemsbidrag": sum(1 for fa in rader if fa.medlemsbidrag_registrerat),
        "antal_forbund_med_administration": sum(
            1 for fa in registrerade if fa.arsekonomi.administration_utfall is not None
        ),
        "antal_forbund_med_kostnader": len(kompletta),
        "antal_forbund_ofullstandiga": sum(1 for fa in rader if fa.ofullstandig),
        "antal_forbund_med_statliga_medel": len(statliga),
        "antal_forbund_med_forbrukat": len(forbrukat),
        "antal_forbund_utan_statliga_medel": len(utan_statliga),
        "forbund_avvikande_fordelning": sorted(fa.forbund_id for fa in rader if fa.fordelning.avviker),
    }


def eget_kapital_summor(rader: list[ForbundAr], *, ar: int) -> dict:
    """Årets resultat and utgående eget kapital summed over the förbund-years whose result is known (fastställt, or
    computed from complete costs), with their counts; None, not 0, when no förbund's is."""
    med_resultat = [fa for fa in rader if fa.registrerad and fa.arets_resultat is not None]
    return {
        "ar": ar,
        "arets_resultat": summa(fa.arets_resultat for fa in med_resultat),
        "eget_kapital_utgaende": summa(fa.utgaende for fa in med_resultat),
        "antal_forbund_med_resultat": len(med_resultat),
        "antal_forbund_med_eget_kapital": sum(1 for fa in med_resultat if fa.utgaende is not None),
    }


def ekonomi_summor_per_ar(
    *,
    ar_fran: int,
    ar_till: int,
    forbund_ids=None,
    scope: dict[int, set[int]] | None = None,
    summor_fran: int | None = None,
) -> dict[int, dict]:
    """summera for every year ar_fran..ar_till. 5 queries, whatever the number of förbund, years or insatser.

    scope (year -> förbund ids, for a län) keeps each year to the förbund that belonged to the selection that year.
    summor_fran: the years before it get only eget_kapital_summor (Tabell 3), so their medlemsbidrag and insatser
    are read only where a förbund lacks its fastställda figures (ekonomi.forbundar).
    """
    summor_fran = ar_fran if summor_fran is None else max(summor_fran, ar_fran)
    tabell = forbund_ar_tabell(ar_till=ar_till, forbund_ids=forbund_ids, ar_fran=summor_fran)
    tilldelat = dict(Statsbidrag.objects.filter(ar__gte=ar_fran, ar__lte=ar_till).values_list("ar", "tilldelat"))
    per_ar: dict[int, list[ForbundAr]] = {ar: [] for ar in range(ar_fran, ar_till + 1)}
    for (fid, ar), fa in tabell.items():
        if ar in per_ar and (scope is None or fid in scope[ar]):
            per_ar[ar].append(fa)
    return {
        ar: summera(rader, ar=ar, tilldelat=tilldelat.get(ar))
        if ar >= summor_fran
        else eget_kapital_summor(rader, ar=ar)
        for ar, rader in per_ar.items()
    }


def ekonomi_statistik(*, ar: int, forbund_ids: list[int] | None = None) -> dict:
    """National (or the given förbund's) economy for one year (summera). 5 queries."""
    return ekonomi_summor_per_ar(ar_fran=ar, ar_till=ar, forbund_ids=forbund_ids)[ar]


def tabell3_ar(ar: int, forbund_ids=None) -> list[int]:
    """The years Tabell 3 covers for a report or dashboard year: the years before it for which förbund (all, or
    the given ones) have a fastställd årsredovisning (Arsekonomi.faststallt_* registered), from the first such year
    to the last, as the 2024 report's 2016–2023. A year between them without any is shown as not registered ("–");
    [] when no förbund has one. The one definition for the dashboard, the draft and the economy pages. 1 query."""
    qs = Arsekonomi.objects.filter(ar__lt=ar).filter(
        Q(faststallt_arets_resultat__isnull=False) | Q(faststallt_eget_kapital_utgaende__isnull=False)
    )
    if forbund_ids is not None:
        qs = qs.filter(forbund_id__in=forbund_ids)
    spann = qs.aggregate(fran=Min("ar"), till=Max("ar"))
    return [] if spann["fran"] is None else list(range(spann["fran"], spann["till"] + 1))


def eget_kapital_rader(summor: dict[int, dict], ar_lista: list[int] | None = None) -> list[dict]:
    """Tabell 3: per year (all of summor's, or those of ar_lista, e.g. tabell3_ar), årets resultat and utgående
    eget kapital summed over the förbund whose result is known (fastställd, or computed from complete costs), and
    how many förbund that is; None, not 0, for a year without any."""
    valda = summor if ar_lista is None else {ar: summor[ar] for ar in ar_lista}
    return [
        {
            "ar": ar,
            "arets_resultat": s["arets_resultat"],
            "eget_kapital_utgaende": s["eget_kapital_utgaende"],
            "antal_forbund": s["antal_forbund_med_resultat"],
        }
        for ar, s in sorted(valda.items())
    ]


def eget_kapital_per_ar(*, ar_fran: int, ar_till: int, forbund_ids: list[int] | None = None) -> list[dict]:
    """Tabell 3 for the years ar_fran..ar_till (eget_kapital_rader). 5 queries."""
    return eget_kapital_rader(
        ekonomi_summor_per_ar(ar_fran=ar_fran, ar_till=ar_till, forbund_ids=forbund_ids, summor_fran=ar_till + 1)
    )


def tabell3(ar: int, forbund_ids: list[int] | None = None) -> list[dict]:
    """Tabell 3 for a report or dashboard year: eget_kapital_per_ar over tabell3_ar. 6 queries at most."""
    ar_lista = tabell3_ar(ar, forbund_ids)
    if not ar_lista:
        return []
    return eget_kapital_per_ar(ar_fran=ar_lista[0], ar_till=ar_lista[-1], forbund_ids=forbund_ids)
