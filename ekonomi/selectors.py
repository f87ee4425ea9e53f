"""Reads of the förbund's economy. Everything is aggregated in the database; each function runs a fixed number of
queries whatever the number of förbund, years, members or insatser.

Definitions (also on the pages and in docs/ekonomi.md):
- Intäkter = medlemsbidrag (staten + regioner + kommuner) + ESF-medel + övriga intäkter.
- Kostnader = insatsernas utfall (read from the insatser) + administrationens utfall.
- Årets resultat (beräknat) = intäkter − kostnader.
- Ingående eget kapital = föregående års utgående; for the first registered year the ingående registered by hand.
- Utgående eget kapital (beräknat) = ingående + årets beräknade resultat.
- Redovisat resultat / utgående = the fastställd årsredovisning's figure when registered, else the computed one; the
  next year's ingående builds on the redovisat utgående.
- 50/25/25: expected = the year's total medlemsbidrag × 50 % (staten), 25 % (regionerna), 25 % (kommunerna);
  avvikelse = actual − expected, in kronor and in percent of the expected amount.
- Statens medel: utbetalt = the state's medlemsbidrag to the förbund; förbrukat = half of the förbund's kostnader
  (the state's share under 5 §); oförbrukat = utbetalt − förbrukat.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from ekonomi.models import Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag
from forbund.models import Forbund
from forbund.selectors import forbund_existing_q
from insatser.models import InsatsAr, Typ

ANDELAR = {Medlemstyp.STAT: Decimal("0.50"), Medlemstyp.REGION: Decimal("0.25"), Medlemstyp.KOMMUN: Decimal("0.25")}
# A part deviates when it differs from its expected share by more than this (whole-krona rounding of odd totals).
AVVIKELSE_TOLERANS_KR = 1
STATENS_ANDEL_AV_KOSTNADER = Decimal("0.5")


def procent(taljare, namnare, decimaler: int = 1) -> Decimal | None:
    """taljare / namnare in percent, rounded half up; None when the denominator is zero or missing."""
    if not namnare or taljare is None:
        return None
    q = Decimal(1).scaleb(-decimaler)
    return (Decimal(taljare) * 100 / Decimal(namnare)).quantize(q, rounding=ROUND_HALF_UP)


def _kr(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ----------------------------------------------------------------------------------------------- 50/25/25


@dataclass(frozen=True)
class Fordelningsdel:
    medlemstyp: str
    namn: str
    belopp: int
    forvantat: int
    andel_lag: Decimal  # percent the law says

    @property
    def avvikelse(self) -> int:
        return self.belopp - self.forvantat

    @property
    def avvikelse_procent(self) -> Decimal | None:
        return procent(self.avvikelse, self.forvantat)

    @property
    def avviker(self) -> bool:
        return abs(self.avvikelse) > AVVIKELSE_TOLERANS_KR


@dataclass(frozen=True)
class Fordelning:
    """The 50/25/25 check of one förbund-year (or of many summed)."""

    stat: int
    regioner: int
    kommuner: int

    @property
    def totalt(self) -> int:
        return self.stat + self.regioner + self.kommuner

    @property
    def delar(self) -> list[Fordelningsdel]:
        namn = {
            Medlemstyp.STAT: Medlemstyp.STAT.label,
            Medlemstyp.REGION: _("Regionerna"),
            Medlemstyp.KOMMUN: _("Kommunerna"),
        }
        belopp = {Medlemstyp.STAT: self.stat, Medlemstyp.REGION: self.regioner, Medlemstyp.KOMMUN: self.kommuner}
        return [
            Fordelningsdel(
                medlemstyp=typ.value,
                namn=namn[typ],
                belopp=belopp[typ],
                forvantat=_kr(Decimal(self.totalt) * andel),
                andel_lag=andel * 100,
            )
            for typ, andel in ANDELAR.items()
        ]

    def andel(self, typ: str) -> Decimal | None:
        return procent({"stat": self.stat, "region": self.regioner, "kommun": self.kommuner}[typ], self.totalt)

    @property
    def avviker(self) -> bool:
        return self.totalt > 0 and any(d.avviker for d in self.delar)

    def as_dict(self) -> dict:
        return {
            "totalt": self.totalt,
            "avviker": self.avviker,
            "delar": [
                {
                    "medlem": d.medlemstyp,
                    "belopp": d.belopp,
                    "andel_procent": _num(self.andel(d.medlemstyp)),
                    "forvantat": d.forvantat,
                    "avvikelse_kr": d.avvikelse,
                    "avvikelse_procent": _num(d.avvikelse_procent),
                    "avviker": d.avviker,
                }
                for d in self.delar
            ],
        }


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


# ----------------------------------------------------------------------------------------------- One förbund-year


@dataclass
class ForbundAr:
    """Aggregated figures of one förbund for one year."""

    forbund_id: int
    ar: int
    arsekonomi: Arsekonomi | None = None
    medlemsbidrag: dict = field(default_factory=lambda: {"stat": 0, "region": 0, "kommun": 0})
    # (typ, esf) -> [budget, utfall]
    insats: dict = field(default_factory=dict)
    ingaende: int | None = None
    ingaende_kalla: str = ""  # "foregaende" | "registrerat" | "saknas"

    # -- insatskostnader
    def _insats(self, index: int, typ: str | None = None, esf: bool | None = None) -> int:
        return sum(
            v[index] for (t, e), v in self.insats.items() if (typ is None or t == typ) and (esf is None or e == esf)
        )

    def insats_budget(self, typ=None, esf=None) -> int:
        return self._insats(0, typ, esf)

    def insats_utfall(self, typ=None, esf=None) -> int:
        return self._insats(1, typ, esf)

    # -- income and costs
    @property
    def medlemsbidrag_totalt(self) -> int:
        return sum(self.medlemsbidrag.values())

    @property
    def fordelning(self) -> Fordelning:
        m = self.medlemsbidrag
        return Fordelning(stat=m["stat"], regioner=m["region"], kommuner=m["kommun"])

    @property
    def esf_intakter(self) -> int:
        return self.arsekonomi.esf_intakter if self.arsekonomi else 0

    @property
    def ovriga_intakter(self) -> int:
        return self.arsekonomi.ovriga_intakter if self.arsekonomi else 0

    @property
    def intakter(self) -> int:
        return self.medlemsbidrag_totalt + self.esf_intakter + self.ovriga_intakter

    @property
    def administration_budget(self) -> int:
        return (self.arsekonomi.administration_budget or 0) if self.arsekonomi else 0

    @property
    def administration_utfall(self) -> int:
        return (self.arsekonomi.administration_utfall or 0) if self.arsekonomi else 0

    @property
    def kostnader(self) -> int:
        return self.insats_utfall() + self.administration_utfall

    @property
    def kostnader_budget(self) -> int:
        return self.insats_budget() + self.administration_budget

    # -- eget kapital
    @property
    def arets_resultat_beraknat(self) -> int:
        return self.intakter - self.kostnader

    @property
    def utgaende_beraknat(self) -> int | None:
        if self.ingaende is None:
            return None
        return self.ingaende + self.arets_resultat_beraknat

    @property
    def faststallt_resultat(self) -> int | None:
        return self.arsekonomi.faststallt_arets_resultat if self.arsekonomi else None

    @property
    def faststallt_utgaende(self) -> int | None:
        return self.arsekonomi.faststallt_eget_kapital_utgaende if self.arsekonomi else None

    @property
    def arets_resultat(self) -> int:
        """Redovisat: the fastställd årsredovisning's when registered, else computed."""
        f = self.faststallt_resultat
        return f if f is not None else self.arets_resultat_beraknat

    @property
    def utgaende(self) -> int | None:
        f = self.faststallt_utgaende
        return f if f is not None else self.utgaende_beraknat

    @property
    def differens_resultat(self) -> int | None:
        f = self.faststallt_resultat
        return None if f is None else f - self.arets_resultat_beraknat

    @property
    def differens_utgaende(self) -> int | None:
        f, b = self.faststallt_utgaende, self.utgaende_beraknat
        return None if f is None or b is None else f - b

    @property
    def har_differens(self) -> bool:
        return bool(self.differens_resultat) or bool(self.differens_utgaende)

    @property
    def eget_kapital_andel_av_intakter(self) -> Decimal | None:
        return procent(self.utgaende, self.intakter)

    # -- the state's funds
    @property
    def stat_utbetalt(self) -> int:
        return self.medlemsbidrag["stat"]

    @property
    def stat_forbrukat(self) -> int:
        return _kr(Decimal(self.kostnader) * STATENS_ANDEL_AV_KOSTNADER)

    @property
    def stat_oforbrukat(self) -> int:
        return self.stat_utbetalt - self.stat_forbrukat


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
        get(rad["forbund_id"], rad["ar"]).medlemsbidrag[rad["medlemstyp"]] += rad["summa"] or 0
    kostnader = (
        InsatsAr.objects.filter(_forbund_filter(forbund_ids, "insats__forbund_id"), ar__lte=ar_till)
        .values("insats__forbund_id", "ar", "insats__typ", "insats__esf")
        .annotate(budget=Sum("budget"), utfall=Sum("utfall"))
        .order_by()
    )
    for rad in kostnader:
        fa = get(rad["insats__forbund_id"], rad["ar"])
        fa.insats[(rad["insats__typ"], rad["insats__esf"])] = [rad["budget"] or 0, rad["utfall"] or 0]

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
    """
    tabell = forbund_ar_tabell(ar_till=ar, forbund_ids=forbund_ids)
    rader = [fa for (fid, a), fa in tabell.items() if a == ar]
    ind, struk = Typ.INDIVIDINRIKTAD.value, Typ.STRUKTUROVERGRIPANDE.value

    def s(fn) -> int:
        return sum(fn(fa) for fa in rader)

    budget_ind = s(lambda fa: fa.insats_budget(ind))
    budget_struk = s(lambda fa: fa.insats_budget(struk))
    tilldelat = Statsbidrag.objects.filter(ar=ar).values_list("tilldelat", flat=True).first()
    utbetalt = s(lambda fa: fa.stat_utbetalt)
    forbrukat = s(lambda fa: fa.stat_forbrukat)
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
        "arets_resultat": s(lambda fa: fa.arets_resultat if fa.arsekonomi else 0),
        "eget_kapital_utgaende": s(lambda fa: (fa.utgaende or 0) if fa.arsekonomi else 0),
        "statsbidrag": {
            "tilldelat": tilldelat,
            "utbetalt": utbetalt,
            "forbrukat": forbrukat,
            "oforbrukat": utbetalt - forbrukat,
        },
        "forbund_avvikande_fordelning": sorted(fa.forbund_id for fa in rader if fa.fordelning.avviker),
    }


def eget_kapital_per_ar(*, ar_fran: int, ar_till: int, forbund_ids: list[int] | None = None) -> list[dict]:
    """Tabell 3: per year, the sum of årets resultat and utgående eget kapital (redovisat). 3 queries."""
    tabell = forbund_ar_tabell(ar_till=ar_till, forbund_ids=forbund_ids)
    summor = {
        ar: {"ar": ar, "arets_resultat": 0, "eget_kapital_utgaende": 0, "antal_forbund": 0}
        for ar in range(ar_fran, ar_till + 1)
    }
    for (_fid, ar), fa in tabell.items():
        if ar in summor and fa.arsekonomi is not None:
            summor[ar]["arets_resultat"] += fa.arets_resultat
            summor[ar]["eget_kapital_utgaende"] += fa.utgaende or 0
            summor[ar]["antal_forbund"] += 1
    return [summor[ar] for ar in range(ar_fran, ar_till + 1)]


def registreringsstatus(*, ar: int, forbund_ids: list[int] | None) -> dict[int, dict[str, bool]]:
    """Per förbund: whether medlemsbidrag, eget kapital (fastställt utgående) and administration are registered.

    2 queries. forbund_ids None = every förbund that existed during the year.
    """
    if forbund_ids is None:
        start, end = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
        forbund_ids = list(Forbund.objects.filter(forbund_existing_q(start, end)).values_list("pk", flat=True))
    status = {fid: {"medlemsbidrag": False, "eget_kapital": False, "administration": False} for fid in forbund_ids}
    for fid in (
        Medlemsbidrag.objects.filter(ar=ar, forbund_id__in=forbund_ids).values_list("forbund_id", flat=True).distinct()
    ):
        status[fid]["medlemsbidrag"] = True
    for fid, ek, budget, utfall in Arsekonomi.objects.filter(ar=ar, forbund_id__in=forbund_ids).values_list(
        "forbund_id", "faststallt_eget_kapital_utgaende", "administration_budget", "administration_utfall"
    ):
        status[fid]["eget_kapital"] = ek is not None
        status[fid]["administration"] = budget is not None or utfall is not None
    return status
