"""The economy of one förbund-year as plain values: the definitions every page, export and statistic uses.

Definitions (also on the pages and in docs/ekonomi.md):
- Intäkter = medlemsbidrag (staten + regioner + kommuner) + ESF-medel + övriga intäkter.
- Kostnader = insatsernas utfall (read from the insatser) + administrationens utfall.
- The costs are complete when the administration's utfall (0 kr included) and the utfall of every insats that ran
  during the year are registered. Årets resultat (beräknat) = intäkter − kostnader, only when the costs are
  complete; otherwise None ("ofullständigt": the page says which utfall are missing), never intäkter − 0.
- Ingående eget kapital = föregående års utgående; for the first registered year the ingående registered by hand.
- Utgående eget kapital (beräknat) = ingående + årets beräknade resultat; None when either is missing.
- Redovisat resultat / utgående = the fastställd årsredovisning's figure when registered, else the computed one; the
  next year's ingående builds on the redovisat utgående.
- 50/25/25: expected = the year's total medlemsbidrag × 50 % (staten), 25 % (regionerna), 25 % (kommunerna);
  avvikelse = actual − expected, in kronor and in percent of the expected amount.
- Statens medel: utbetalt = the state's medlemsbidrag to the förbund; förbrukat = half of the förbund's kostnader
  (the state's share under 5 §); oförbrukat = utbetalt − förbrukat. Only förbund-years where the state's
  medlemsbidrag is registered (> 0) and the costs are complete count: a förbund without registered state funds has no förbrukat/oförbrukat
  (its costs are reported apart, "kostnader i förbund utan registrerade statliga medel").
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.avrundning import avrunda, kronor
from ekonomi.models import Arsekonomi, Medlemstyp
from insatser.models import Typ

ANDELAR = {Medlemstyp.STAT: Decimal("0.50"), Medlemstyp.REGION: Decimal("0.25"), Medlemstyp.KOMMUN: Decimal("0.25")}
# A part deviates when it differs from its expected share by more than this (whole-krona rounding of odd totals).
AVVIKELSE_TOLERANS_KR = 1
STATENS_ANDEL_AV_KOSTNADER = Decimal("0.5")
# Row labels for the insatskostnader ("Individinriktade insatser", not "Individinriktad insatser").
INSATSER_PLURAL = {
    Typ.INDIVIDINRIKTAD: _("Individinriktade insatser"),
    Typ.STRUKTUROVERGRIPANDE: _("Strukturövergripande insatser"),
}


def procentandel(taljare, namnare, decimaler: int = 1) -> Decimal | None:
    """taljare / namnare in percent, rounded by the one rule; None when the denominator is zero or missing."""
    if not namnare or taljare is None:
        return None
    return avrunda(Decimal(taljare) * 100 / Decimal(namnare), decimaler)


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
        return procentandel(self.avvikelse, self.forvantat)

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
                forvantat=kronor(Decimal(self.totalt) * andel),
                andel_lag=andel * 100,
            )
            for typ, andel in ANDELAR.items()
        ]

    def andel(self, typ: str) -> Decimal | None:
        return procentandel({"stat": self.stat, "region": self.regioner, "kommun": self.kommuner}[typ], self.totalt)

    @property
    def andel_stat(self) -> Decimal | None:
        return self.andel(Medlemstyp.STAT)

    @property
    def andel_regioner(self) -> Decimal | None:
        return self.andel(Medlemstyp.REGION)

    @property
    def andel_kommuner(self) -> Decimal | None:
        return self.andel(Medlemstyp.KOMMUN)

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
    # medlemstyper with at least one registered contribution ("stat", "region", "kommun")
    medlemsbidrag_registrerat: set = field(default_factory=set)
    ingaende: int | None = None
    ingaende_kalla: str = ""  # "foregaende" | "registrerat" | "saknas"
    # insatser that ran some day of the year, and how many of them have the year's utfall registered
    insatser_lopande: int = 0
    insatser_med_utfall: int = 0

    # -- insatskostnader
    def _insats(self, index: int, typ: str | None = None, esf: bool | None = None, tom=0):
        values = [
            v[index]
            for (t, e), v in self.insats.items()
            if (typ is None or t == typ) and (esf is None or e == esf) and v[index] is not None
        ]
        return sum(values) if values else tom

    def insats_budget(self, typ=None, esf=None) -> int:
        return self._insats(0, typ, esf)

    def insats_utfall(self, typ=None, esf=None) -> int:
        return self._insats(1, typ, esf)

    def insats_budget_registrerad(self, typ=None, esf=None) -> int | None:
        """Like insats_budget, but None when no matching insats has a budget registered for the year."""
        return self._insats(0, typ, esf, tom=None)

    def insats_utfall_registrerat(self, typ=None, esf=None) -> int | None:
        return self._insats(1, typ, esf, tom=None)

    @property
    def registrerad(self) -> bool:
        """The förbund has saved (or imported) economy figures for the year."""
        return self.arsekonomi is not None

    def medlemsbidrag_registrerad(self, typ: str | None = None) -> int | None:
        """The contributions of one medlemstyp (or all), None when none is registered."""
        if typ is None:
            return self.medlemsbidrag_totalt if self.medlemsbidrag_registrerat else None
        return self.medlemsbidrag[typ] if typ in self.medlemsbidrag_registrerat else None

    @property
    def kostnader_registrerade(self) -> int | None:
        """Kostnader, None when neither an insats utfall nor the administration's utfall is registered."""
        adm = self.arsekonomi.administration_utfall if self.arsekonomi else None
        if adm is None and self.insats_utfall_registrerat() is None:
            return None
        return self.kostnader

    @property
    def kostnader_budget_registrerad(self) -> int | None:
        adm = self.arsekonomi.administration_budget if self.arsekonomi else None
        if adm is None and self.insats_budget_registrerad() is None:
            return None
        return self.kostnader_budget

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
    def insatser_utan_utfall(self) -> int:
        """Running insatser without the year's utfall: until they are in, the costs are incomplete."""
        return max(self.insatser_lopande - self.insatser_med_utfall, 0)

    @property
    def administration_utfall_saknas(self) -> bool:
        return self.arsekonomi is None or self.arsekonomi.administration_utfall is None

    @property
    def kostnader_kompletta(self) -> bool:
        """The year's costs are all in: the administration's utfall (0 kr included) and every running insats's.

        Otherwise a computed result would count the missing costs as 0 kr, so årets resultat, utgående eget
        kapital and förbrukade medel are not computed ("ofullständigt").
        """
        return not self.administration_utfall_saknas and self.insatser_utan_utfall == 0

    @property
    def ofullstandig(self) -> bool:
        """The förbund has registered the year's economy but a result cannot be given yet (costs missing)."""
        return self.arsekonomi is not None and self.arets_resultat is None

    @property
    def arets_resultat_beraknat(self) -> int | None:
        if not self.kostnader_kompletta:
            return None
        return self.intakter - self.kostnader

    @property
    def utgaende_beraknat(self) -> int | None:
        resultat = self.arets_resultat_beraknat
        if self.ingaende is None or resultat is None:
            return None
        return self.ingaende + resultat

    @property
    def faststallt_resultat(self) -> int | None:
        return self.arsekonomi.faststallt_arets_resultat if self.arsekonomi else None

    @property
    def faststallt_utgaende(self) -> int | None:
        return self.arsekonomi.faststallt_eget_kapital_utgaende if self.arsekonomi else None

    @property
    def arets_resultat(self) -> int | None:
        """Redovisat: the fastställd årsredovisning's when registered, else computed (None when not registered)."""
        f = self.faststallt_resultat
        return f if f is not None else self.arets_resultat_beraknat

    @property
    def utgaende(self) -> int | None:
        f = self.faststallt_utgaende
        return f if f is not None else self.utgaende_beraknat

    @property
    def differens_resultat(self) -> int | None:
        f, b = self.faststallt_resultat, self.arets_resultat_beraknat
        return None if f is None or b is None else f - b

    @property
    def differens_utgaende(self) -> int | None:
        f, b = self.faststallt_utgaende, self.utgaende_beraknat
        return None if f is None or b is None else f - b

    @property
    def har_differens(self) -> bool:
        return bool(self.differens_resultat) or bool(self.differens_utgaende)

    @property
    def eget_kapital_andel_av_intakter(self) -> Decimal | None:
        return procentandel(self.utgaende, self.intakter)

    # -- the state's funds
    @property
    def stat_utbetalt(self) -> int:
        return self.medlemsbidrag["stat"]

    @property
    def har_statliga_medel(self) -> bool:
        """The state's medlemsbidrag for the year is registered (and not zero)."""
        return self.medlemsbidrag["stat"] > 0

    @property
    def stat_forbrukat(self) -> int | None:
        """The state's half of the kostnader; None without state funds registered or before the costs are complete."""
        if not self.har_statliga_medel or not self.kostnader_kompletta:
            return None
        return kronor(Decimal(self.kostnader) * STATENS_ANDEL_AV_KOSTNADER)

    @property
    def stat_oforbrukat(self) -> int | None:
        f = self.stat_forbrukat
        return None if f is None else self.stat_utbetalt - f
