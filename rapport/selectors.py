"""What the report draft is written from: the year's statistics JSON (live or a frozen extract) and the registry.

The figures of the year come only from the statistics JSON (ar_statistik, or the extract's stored copy), so the
draft and the JSON always agree. The year before is the newest extract of that year when there is one, else live.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ekonomi.statsmedel import statsmedel
from forbund.selectors import Struktur, publicerade_serier, struktur_kand_vid_arets_slut, struktur_on
from forbund.strukturhandelser import Strukturhandelse, strukturhandelser
from insatser.models import Inriktning, Malgrupp, Typ
from rapport.skydd import publicering_for, skydd_text, skydda_statistik
from rapportering.models import Uttag
from revision.selectors import revision_summor
from statistik.arsstatistik import ar_statistik
from statistik.ekonomisummor import tabell3
from statistik.urval import Urval


@dataclass
class Kalla:
    """Where the figures come from: an extract (id, time) or the live registry (preliminary)."""

    uttag: Uttag | None
    tidpunkt: datetime.datetime
    fore_uttag: Uttag | None = None
    skydd: str = ""  # whose suppression pattern the counts of people follow (rapport.skydd)

    @property
    def levande(self) -> bool:
        return self.uttag is None


@dataclass
class SeriePunkt:
    ar: int
    forbund: int
    kommuner: int
    publicerad: bool  # published in a report (with its source) rather than counted from the registry
    kalla: str = ""


@dataclass
class Underlag:
    ar: int
    nu: dict
    fore: dict
    kalla: Kalla
    inriktningar: list[Inriktning]
    malgrupper: list[Malgrupp]
    struktur: Struktur
    serie: list[SeriePunkt] = field(default_factory=list)
    eget_kapital: list[dict] = field(default_factory=list)
    # §5.4: the revision of the year before (decided by the time the report is written) and of the year itself.
    revision_fore: dict = field(default_factory=dict)
    revision: dict = field(default_factory=dict)
    strukturhandelser: list[Strukturhandelse] = field(default_factory=list)
    statsmedel: dict = field(default_factory=dict)  # §5.1 as FK registered it (ekonomi.statsmedel)

    @property
    def fore_ar(self) -> int:
        return self.ar - 1

    def inriktningar_for(self, typ: str) -> list[Inriktning]:
        """The year's inriktningar of a typ (those valid in the year, and any other with insatser), largest first
        as the report's tables order them."""
        start, slut = datetime.date(self.ar, 1, 1), datetime.date(self.ar, 12, 31)
        per = self.nu["individinriktade" if typ == Typ.INDIVIDINRIKTAD else "strukturovergripande"]["per_inriktning"]
        valda = [
            i
            for i in self.inriktningar
            if i.typ == typ and (i.valid_during(start, slut) or (per.get(i.kod) or {}).get("insatser"))
        ]
        return sorted(valda, key=lambda i: -((per.get(i.kod) or {}).get("insatser") or 0))


def _serie(ar: int, nu: dict) -> list[SeriePunkt]:
    """Diagram 1: the published figures of earlier reports, the registry's counts for the other years whose
    structure it knows (struktur_kand_vid_arets_slut), and the year itself from its statistics JSON."""
    publicerade = [p for p in publicerade_serier() if p.ar < ar]
    punkter = [SeriePunkt(p.ar, p.forbund, p.kommuner, True, p.kalla) for p in publicerade]
    publicerade_ar = {p.ar for p in publicerade}
    fran = min([p.ar for p in publicerade] + [ar])
    for y in range(fran, ar):
        if y not in publicerade_ar and struktur_kand_vid_arets_slut(y):
            struktur = struktur_on(datetime.date(y, 12, 31))
            punkter.append(SeriePunkt(y, struktur.antal_forbund, struktur.antal_medlemskommuner, False))
    if nu["forbund"].get("antal") is not None and nu["forbund"].get("kommuner_i_forbund") is not None:
        punkter.append(SeriePunkt(ar, nu["forbund"]["antal"], nu["forbund"]["kommuner_i_forbund"], False))
    return sorted(punkter, key=lambda p: p.ar)


def rapport_underlag(ar: int, uttag: Uttag | None = None) -> Underlag:
    """Everything the draft for the year needs: from the extract when one is given, else live figures."""
    if uttag is not None:
        nu = uttag.statistik["statistik"]
        fore_uttag = Uttag.objects.filter(ar=ar - 1).first()
        fore = fore_uttag.statistik["statistik"] if fore_uttag else ar_statistik(Urval(ar=ar - 1))
        kalla = Kalla(uttag, uttag.tagen, fore_uttag)
    else:
        nu = ar_statistik(Urval(ar=ar))
        fore = ar_statistik(Urval(ar=ar - 1))
        kalla = Kalla(None, timezone.now())
    # Counts of people as a release shows them: never a small count (rapport.skydd).
    skyddat = skydda_statistik(nu, publicering_for(ar, uttag))
    nu = skyddat.statistik
    fore = skydda_statistik(fore, publicering_for(ar - 1)).statistik
    kalla.skydd = skydd_text(skyddat)
    return Underlag(
        ar=ar,
        nu=nu,
        fore=fore,
        kalla=kalla,
        inriktningar=list(Inriktning.objects.order_by("ordning", "kod")),
        malgrupper=list(Malgrupp.objects.order_by("ordning")),
        struktur=struktur_on(datetime.date(ar, 12, 31)),
        serie=_serie(ar, nu),
        eget_kapital=tabell3(ar),
        revision_fore=revision_summor(ar - 1),
        revision=revision_summor(ar),
        strukturhandelser=strukturhandelser(ar),
        statsmedel=statsmedel(ar),
    )
