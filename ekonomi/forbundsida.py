"""Reads for one förbund's economy page: the year's figures (ForbundAr), its members' contributions, and what is
missing before the year's result can be given."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ekonomi.arsekonomi import INSATSER_PLURAL, ForbundAr
from ekonomi.forbundar import forbund_ar_tabell
from ekonomi.models import Arsekonomi, Medlemsbidrag, Medlemstyp
from forbund.models import Forbund
from forbund.selectors import medlemmar_during
from insatser.models import Insats, InsatsAr, Typ


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
    # running insatser without the year's utfall: årets resultat waits for them
    insatser_utan_utfall: list[Insats] = field(default_factory=list)

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
    """Everything the förbund's economy page for a year shows. 7 queries (8 when utfall are missing)."""
    tabell = forbund_ar_tabell(ar_till=ar, forbund_ids=[forbund.pk], ar_fran=ar - 1)
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
        forbund=forbund,
        ar=ar,
        fa=fa,
        medlemmar=medlemmar,
        foregaende=tabell.get((forbund.pk, ar - 1)),
        insatser_utan_utfall=insatser_utan_utfall(forbund, ar) if fa.insatser_utan_utfall else [],
    )


def insatser_utan_utfall(forbund: Forbund, ar: int) -> list[Insats]:
    """The förbund's insatser that ran during the year but have no utfall registered for it. 1 query."""
    med_utfall = InsatsAr.objects.filter(insats=OuterRef("pk"), ar=ar, utfall__isnull=False)
    return list(
        Insats.objects.filter(forbund=forbund).running_in(ar).filter(~Exists(med_utfall)).order_by("namn", "pk")
    )


def forbund_ekonomi_ar(forbund: Forbund) -> list[int]:
    """Years with a registered economy (anything saved in the form or imported), newest first. 1 query.

    Years with only insats figures are not listed: their economy is not registered yet.
    """
    return sorted(set(Arsekonomi.objects.filter(forbund=forbund).values_list("ar", flat=True)), reverse=True)
