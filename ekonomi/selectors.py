"""Reads of the förbund's economy. Everything is aggregated in the database; each function runs a fixed number of
queries whatever the number of förbund, years, members or insatser. The definitions (intäkter, kostnader, årets
resultat, eget kapital, 50/25/25, statens medel) are in ekonomi/arsekonomi.py and docs/ekonomi.md."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from core.period import Period
from ekonomi.arsekonomi import (  # noqa: F401 - read here by the pages and the statistics
    ANDELAR,
    AVVIKELSE_TOLERANS_KR,
    INSATSER_PLURAL,
    STATENS_ANDEL_AV_KOSTNADER,
    ForbundAr,
    Fordelning,
    Fordelningsdel,
    _kr,
    _num,
    procent,
)
from ekonomi.historik import forbund_historik, medlem_namn, statsbidrag_historik  # noqa: F401
from ekonomi.models import Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag
from forbund.models import Forbund
from forbund.selectors import forbund_existing_q, medlemmar_during
from insatser.models import InsatsAr, Typ


def _forbund_filter(forbund_ids, prefix: str = "forbund_id") -> Q:
    return Q() if forbund_ids is None else Q(**{f"{prefix}__in": list(forbund_ids)})


def forbund_ar_tabell(*, ar_till: int, forbund_ids=None) -> dict[tuple[int, int], ForbundAr]:
    """Every (förbund, år) up to ar_till with economy or insats figures, eget kapital rolled forward. 3 queries.

    Earlier years are read too, because the ingående eget kapital builds on them.
    """
    tabell: dict[tuple[int, int], ForbundAr] = {}

    def get(fid: int, ar: int) -> ForbundAr:
        key = (fid, ar)
        if key not in tabell:
            tabell[key] = ForbundAr(forbund_id=fid, ar=ar)
        return tabell[key]

    for rad in Arsekonomi.objects.filter(_forbund_filter(forbund_ids), ar__lte=ar_till):
        get(rad.forbund_id, rad.ar).arsekonomi = rad
    mb = (
        Medlemsbidrag.objects.filter(_forbund_filter(forbund_ids), ar__lte=ar_till)
        .values("forbund_id", "ar", "medlemstyp")
        .annotate(summa=Sum("belopp"))
        .order_by()
    )
    for rad in mb:
        fa = get(rad["forbund_id"], rad["ar"])
        fa.medlemsbidrag[rad["medlemstyp"]] += rad["summa"] or 0
        fa.medlemsbidrag_registrerat.add(rad["medlemstyp"])
    kostnader = (
        InsatsAr.objects.filter(_forbund_filter(forbund_ids, "insats__forbund_id"), ar__lte=ar_till)
        .values("insats__forbund_id", "ar", "insats__typ", "insats__esf")
        .annotate(budget=Sum("budget"), utfall=Sum("utfall"))
        .order_by()
    )
    for rad in kostnader:
        fa = get(rad["insats__forbund_id"], rad["ar"])
        fa.insats[(rad["insats__typ"], rad["insats__esf"])] = [rad["budget"], rad["utfall"]]

    # Roll eget kapital forward, year by year, within each förbund. Only years with registered economy count.
    per_forbund: dict[int, list[ForbundAr]] = defaultdict(list)
    for fa in tabell.values():
        per_forbund[fa.forbund_id].append(fa)
    for rader in per_forbund.values():
        rader.sort(key=lambda fa: fa.ar)
        foregaende: ForbundAr | None = None
        for fa in rader:
            if fa.arsekonomi is None:
                continue
            if foregaende is not None and foregaende.ar == fa.ar - 1 and foregaende.utgaende is not None:
                fa.ingaende, fa.ingaende_kalla = foregaende.utgaende, "foregaende"
            elif fa.arsekonomi.eget_kapital_ingaende is not None:
                fa.ingaende, fa.ingaende_kalla = fa.arsekonomi.eget_kapital_ingaende, "registrerat"
            else:
                fa.ingaende_kalla = "saknas"
            foregaende = fa
    return tabell


# ----------------------------------------------------------------------------------------------- Contract (statistik)


def ekonomi_statistik(*, ar: int, forbund_ids: list[int] | None = None) -> dict:
    """National (or selected förbund's) economy for one year, in whole kronor. 4 queries.

    Keys: budget_/utfall_individinriktade, budget_/utfall_strukturovergripande, budget_/utfall_esf,
    medlemsbidrag {stat, regioner, kommuner, totalt}, administration {budget, utfall}, intakter, kostnader,
    arets_resultat, eget_kapital_utgaende, statsbidrag {tilldelat, utbetalt, forbrukat, oforbrukat},
    budget_andel_individinriktade / budget_andel_strukturovergripande (percent, float or None),
    forbund_avvikande_fordelning (list of förbund ids failing the 50/25/25 check).

    Statens medel count only förbund with the state's medlemsbidrag registered for the year: förbrukat is half of
    their kostnader, oförbrukat = utbetalt − förbrukat (antal_forbund_med_statliga_medel). The costs of förbund
    without registered state funds are in kostnader_utan_statliga_medel (antal_forbund_utan_statliga_medel).
    Extra counts: antal_forbund_registrerade (a registered economy row), antal_forbund_med_medlemsbidrag,
    antal_forbund_med_kostnader.
    """
    return _ekonomi_statistik(forbund_ar_tabell(ar_till=ar, forbund_ids=forbund_ids), ar)


def _ekonomi_statistik(tabell: dict[tuple[int, int], ForbundAr], ar: int) -> dict:
    """ekonomi_statistik from a forbund_ar_tabell already read (the national page reads it once for both)."""
    rader = [fa for (fid, a), fa in tabell.items() if a == ar]
    ind, struk = Typ.INDIVIDINRIKTAD.value, Typ.STRUKTUROVERGRIPANDE.value

    def s(fn) -> int:
        return sum(fn(fa) for fa in rader)

    budget_ind = s(lambda fa: fa.insats_budget(ind))
    budget_struk = s(lambda fa: fa.insats_budget(struk))
    tilldelat = Statsbidrag.objects.filter(ar=ar).values_list("tilldelat", flat=True).first()
    utbetalt = s(lambda fa: fa.stat_utbetalt)
    forbrukat = s(lambda fa: fa.stat_forbrukat or 0)
    utan_statliga = [fa for fa in rader if not fa.har_statliga_medel and fa.kostnader_registrerade is not None]
    return {
        "ar": ar,
        "budget_individinriktade": budget_ind,
        "budget_strukturovergripande": budget_struk,
        "utfall_individinriktade": s(lambda fa: fa.insats_utfall(ind)),
        "utfall_strukturovergripande": s(lambda fa: fa.insats_utfall(struk)),
        "budget_esf": s(lambda fa: fa.insats_budget(esf=True)),
        "utfall_esf": s(lambda fa: fa.insats_utfall(esf=True)),
        "budget_andel_individinriktade": _num(procent(budget_ind, budget_ind + budget_struk)),
        "budget_andel_strukturovergripande": _num(procent(budget_struk, budget_ind + budget_struk)),
        "medlemsbidrag": {
            "stat": utbetalt,
            "regioner": s(lambda fa: fa.medlemsbidrag["region"]),
            "kommuner": s(lambda fa: fa.medlemsbidrag["kommun"]),
            "totalt": s(lambda fa: fa.medlemsbidrag_totalt),
        },
        "esf_intakter": s(lambda fa: fa.esf_intakter),
        "ovriga_intakter": s(lambda fa: fa.ovriga_intakter),
        "administration": {
            "budget": s(lambda fa: fa.administration_budget),
            "utfall": s(lambda fa: fa.administration_utfall),
        },
        "intakter": s(lambda fa: fa.intakter),
        "kostnader": s(lambda fa: fa.kostnader),
        # Only förbund whose result is known (fastställd, or computed from registered costs): a förbund that has
        # registered only its income is left out, never counted with 0 kr costs.
        "arets_resultat": s(lambda fa: (fa.arets_resultat or 0) if fa.arsekonomi else 0),
        "eget_kapital_utgaende": s(lambda fa: (fa.utgaende or 0) if fa.arsekonomi else 0),
        "antal_forbund_med_resultat": sum(1 for fa in rader if fa.arsekonomi and fa.arets_resultat is not None),
        "antal_forbund_med_eget_kapital": sum(1 for fa in rader if fa.arsekonomi and fa.utgaende is not None),
        "statsbidrag": {
            "tilldelat": tilldelat,
            "utbetalt": utbetalt,
            "forbrukat": forbrukat,
            "oforbrukat": utbetalt - forbrukat,
        },
        "antal_forbund_med_statliga_medel": sum(1 for fa in rader if fa.har_statliga_medel),
        "kostnader_utan_statliga_medel": sum(fa.kostnader for fa in utan_statliga),
        "antal_forbund_utan_statliga_medel": len(utan_statliga),
        "antal_forbund_registrerade": sum(1 for fa in rader if fa.registrerad),
        "antal_forbund_med_medlemsbidrag": sum(1 for fa in rader if fa.medlemsbidrag_registrerat),
        "antal_forbund_med_kostnader": sum(1 for fa in rader if fa.kostnader_registrerade is not None),
        "forbund_avvikande_fordelning": sorted(fa.forbund_id for fa in rader if fa.fordelning.avviker),
    }


def eget_kapital_per_ar(*, ar_fran: int, ar_till: int, forbund_ids: list[int] | None = None) -> list[dict]:
    """Tabell 3: per year, the sum of årets resultat and utgående eget kapital (redovisat). 3 queries.

    A förbund-year counts (antal_forbund) only when its årets resultat is known: fastställd, or computed from
    registered costs (ForbundAr.kostnader_kompletta).
    """
    tabell = forbund_ar_tabell(ar_till=ar_till, forbund_ids=forbund_ids)
    summor = {
        ar: {"ar": ar, "arets_resultat": 0, "eget_kapital_utgaende": 0, "antal_forbund": 0}
        for ar in range(ar_fran, ar_till + 1)
    }
    for (_fid, ar), fa in tabell.items():
        if ar in summor and fa.arsekonomi is not None and fa.arets_resultat is not None:
            summor[ar]["arets_resultat"] += fa.arets_resultat
            summor[ar]["eget_kapital_utgaende"] += fa.utgaende or 0
            summor[ar]["antal_forbund"] += 1
    return [summor[ar] for ar in range(ar_fran, ar_till + 1)]


def registrering_annoteringar(ar: int) -> dict:
    """What a förbund has registered of the year's economy, as annotations of a Forbund queryset (one query in all):
    medlemsbidrag (any contribution), eget kapital (fastställt utgående), administration budget and utfall."""
    ekonomi = Arsekonomi.objects.filter(forbund=OuterRef("pk"), ar=ar)
    return {
        "reg_medlemsbidrag": Exists(Medlemsbidrag.objects.filter(forbund=OuterRef("pk"), ar=ar)),
        "reg_eget_kapital": Exists(ekonomi.filter(faststallt_eget_kapital_utgaende__isnull=False)),
        "reg_administration_budget": Exists(ekonomi.filter(administration_budget__isnull=False)),
        "reg_administration_utfall": Exists(ekonomi.filter(administration_utfall__isnull=False)),
    }


def registreringsstatus(*, ar: int, forbund_ids: list[int] | None) -> dict[int, dict[str, bool]]:
    """Per förbund: whether medlemsbidrag, eget kapital (fastställt utgående) and administration are registered.

    1 query. forbund_ids None = every förbund that existed during the year.
    """
    if forbund_ids is None:
        start, end = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
        forbund = Forbund.objects.filter(forbund_existing_q(start, end))
    else:
        forbund = Forbund.objects.filter(pk__in=forbund_ids)
    rader = forbund.annotate(**registrering_annoteringar(ar)).values(
        "pk", "reg_medlemsbidrag", "reg_eget_kapital", "reg_administration_budget", "reg_administration_utfall"
    )
    return {
        r["pk"]: {
            "medlemsbidrag": r["reg_medlemsbidrag"],
            "eget_kapital": r["reg_eget_kapital"],
            "administration": r["reg_administration_budget"] or r["reg_administration_utfall"],
        }
        for r in rader
    }


# ----------------------------------------------------------------------------------------------- One förbund's page


@dataclass
class MedlemRad:
    """One line of the medlemsbidrag table: a member by the registry (or a contribution from a former member)."""

    medlemstyp: str
    kod: str
    namn: str
    belopp: int | None
    period: str = ""  # set when the member was in the förbund only part of the year
    i_registret: bool = True

    @property
    def falt(self) -> str:
        """The form field name of this member's amount."""
        return self.medlemstyp if self.medlemstyp == Medlemstyp.STAT else f"{self.medlemstyp}_{self.kod}"


@dataclass
class ForbundEkonomi:
    forbund: Forbund
    ar: int
    fa: ForbundAr
    medlemmar: list[MedlemRad]
    foregaende: ForbundAr | None

    @property
    def registrerad(self) -> bool:
        return self.fa.arsekonomi is not None

    @property
    def insatskostnader(self) -> list[dict]:
        """Budget and utfall split individinriktade / strukturövergripande and ordinary / ESF."""
        rader = []
        for typ in Typ:
            for esf, finansiering in ((False, _("ordinarie")), (True, _("ESF"))):
                rader.append(
                    {
                        "typ": INSATSER_PLURAL[typ],
                        "finansiering": finansiering,
                        "budget": self.fa.insats_budget_registrerad(typ.value, esf),
                        "utfall": self.fa.insats_utfall_registrerat(typ.value, esf),
                    }
                )
        return rader


def _period_inom_ar(medlemskap, ar: int) -> str:
    start, end = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    fran = medlemskap.giltig_fran if medlemskap.giltig_fran and medlemskap.giltig_fran > start else None
    till = medlemskap.giltig_till if medlemskap.giltig_till and medlemskap.giltig_till < end else None
    if not fran and not till:
        return ""
    return f"{(fran or start).isoformat()}–{(till or end).isoformat()}"


def forbund_ekonomi(forbund: Forbund, ar: int) -> ForbundEkonomi:
    """Everything the förbund's economy page for a year shows. 5 queries."""
    tabell = forbund_ar_tabell(ar_till=ar, forbund_ids=[forbund.pk])
    fa = tabell.get((forbund.pk, ar)) or ForbundAr(forbund_id=forbund.pk, ar=ar)
    bidrag = {
        (m.medlemstyp, m.region_id or m.kommun_id or ""): m
        for m in Medlemsbidrag.objects.filter(forbund=forbund, ar=ar).select_related("region", "kommun")
    }
    stat = bidrag.pop(("stat", ""), None)
    medlemmar = [MedlemRad(Medlemstyp.STAT, "", str(Medlemstyp.STAT.label), stat.belopp if stat else None)]
    regioner, kommuner = {}, {}
    for m in medlemmar_during(forbund, datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)):
        if m.kommun_id:
            key, target, namn = ("kommun", m.kommun_id), kommuner, m.kommun.namn
        else:
            key, target, namn = ("region", m.region_id), regioner, m.region.region_namn
        rad = bidrag.pop(key, None)
        period = _period_inom_ar(m, ar)
        if key[1] in target:  # two periods in one year: show both
            target[key[1]].period = ", ".join(p for p in (target[key[1]].period, period) if p)
            continue
        target[key[1]] = MedlemRad(key[0], key[1], namn, rad.belopp if rad else None, period)
    for (typ, kod), rad in bidrag.items():  # contributions from members the registry no longer lists for the year
        target = kommuner if typ == "kommun" else regioner
        target[kod] = MedlemRad(typ, kod, rad.medlem_namn, rad.belopp, i_registret=False)
    medlemmar += sorted(regioner.values(), key=lambda r: r.kod) + sorted(kommuner.values(), key=lambda r: r.namn)
    return ForbundEkonomi(
        forbund=forbund, ar=ar, fa=fa, medlemmar=medlemmar, foregaende=tabell.get((forbund.pk, ar - 1))
    )


# ----------------------------------------------------------------------------------------------- National pages


@dataclass
class NationellRad:
    forbund: Forbund
    fa: ForbundAr
    namn: str = ""


@dataclass
class NationellEkonomi:
    """Read-only once built: the counts and lists below are computed once (the page asks for them repeatedly)."""

    ar: int
    statistik: dict
    rader: list[NationellRad]
    fordelning: Fordelning

    @cached_property
    def antal_forbund(self) -> int:
        """Förbund that existed during the year (or have figures for it): the "av N" of every national sum."""
        return len(self.rader)

    @cached_property
    def antal_registrerade(self) -> int:
        return sum(1 for r in self.rader if r.fa.registrerad)

    @cached_property
    def antal_med_statliga_medel(self) -> int:
        return sum(1 for r in self.rader if r.fa.har_statliga_medel)

    @cached_property
    def antal_med_kostnader(self) -> int:
        return sum(1 for r in self.rader if r.fa.kostnader_registrerade is not None)

    @cached_property
    def antal_med_insatsbudget(self) -> int:
        return sum(1 for r in self.rader if r.fa.insats_budget_registrerad() is not None)

    @cached_property
    def utan_statliga_medel(self) -> list[NationellRad]:
        """Förbund with costs but no state funds registered for the year (left out of förbrukat/oförbrukat)."""
        return [r for r in self.rader if not r.fa.har_statliga_medel and r.fa.kostnader_registrerade is not None]

    @cached_property
    def avvikande(self) -> list[NationellRad]:
        return [r for r in self.rader if r.fa.fordelning.avviker]

    @cached_property
    def differens_arsredovisning(self) -> list[NationellRad]:
        return [r for r in self.rader if r.fa.har_differens]


def nationell_ekonomi(ar: int) -> NationellEkonomi:
    """The national economy page: every förbund that existed in the year or has figures for it. 6 queries."""
    tabell = forbund_ar_tabell(ar_till=ar)
    statistik = _ekonomi_statistik(tabell, ar)
    start, end = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    med_data = {fid for (fid, a) in tabell if a == ar}
    forbund = Forbund.objects.filter(Q(pk__in=med_data) | forbund_existing_q(start, end)).prefetch_related(
        "tidigare_namn"
    )
    rader = [NationellRad(f, tabell.get((f.pk, ar)) or ForbundAr(forbund_id=f.pk, ar=ar)) for f in forbund]
    for r in rader:
        r.namn = r.forbund.namn_on(end)
    rader.sort(key=lambda r: r.namn)
    mb = statistik["medlemsbidrag"]
    return NationellEkonomi(
        ar=ar,
        statistik=statistik,
        rader=rader,
        fordelning=Fordelning(stat=mb["stat"], regioner=mb["regioner"], kommuner=mb["kommuner"]),
    )


def eget_kapital_per_forbund(*, ar_fran: int, ar_till: int) -> tuple[list[int], list[dict]]:
    """Utgående eget kapital per förbund and year, with its share of the year's income. 4 queries."""
    tabell = forbund_ar_tabell(ar_till=ar_till)
    ar_lista = list(range(ar_fran, ar_till + 1))
    ids = {fid for (fid, a), fa in tabell.items() if ar_fran <= a <= ar_till and fa.arsekonomi}
    rader = []
    for f in Forbund.objects.filter(pk__in=ids):
        rader.append(
            {
                "forbund": f,
                "ar": [
                    tabell.get((f.pk, a)) if tabell.get((f.pk, a)) and tabell[(f.pk, a)].arsekonomi else None
                    for a in ar_lista
                ],
            }
        )
    return ar_lista, rader


def forbund_ekonomi_ar(forbund: Forbund) -> list[int]:
    """Years with a registered economy (anything saved in the form or imported), newest first. 1 query.

    Years with only insats figures are not listed: their economy is not registered yet.
    """
    return sorted(set(Arsekonomi.objects.filter(forbund=forbund).values_list("ar", flat=True)), reverse=True)


def antal_forbund_per_ar(ar_lista: list[int]) -> dict[int, int]:
    """How many förbund existed during each year (the "av N" of Tabell 3). 1 query."""
    perioder = list(Forbund.objects.values_list("bildat", "upphort"))
    return {
        ar: sum(1 for bildat, upphort in perioder if Period(bildat, upphort).overlaps(Period.year(ar)))
        for ar in ar_lista
    }
