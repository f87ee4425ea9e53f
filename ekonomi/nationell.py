"""Reads for the national economy pages: every förbund's year side by side, its sums (ekonomi.summor) and eget
kapital per förbund over the years."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q

from core import dataversion
from core.period import Period
from ekonomi.arsekonomi import ForbundAr, Fordelning
from ekonomi.forbundar import forbund_ar_tabell
from ekonomi.models import Statsbidrag
from ekonomi.summor import summera
from forbund.models import Forbund
from forbund.selectors import forbund_existing_q


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
        """Förbund whose costs are complete (every running insats's utfall and the administration's are in)."""
        return sum(1 for r in self.rader if r.fa.kostnader_kompletta)

    @cached_property
    def ofullstandiga(self) -> list[NationellRad]:
        """Förbund that registered the year's economy but whose result waits for costs (left out of the sums)."""
        return [r for r in self.rader if r.fa.ofullstandig]

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
    """The national economy page: every förbund that existed in the year or has figures for it. 7 queries, read
    every insats's figures up to the year; cached under the data version (core.dataversion), so only the first
    read after a change pays that."""
    return dataversion.cached("ekonomi.nationell", ar, lambda: _nationell_ekonomi(ar))


def _nationell_ekonomi(ar: int) -> NationellEkonomi:
    tabell = forbund_ar_tabell(ar_till=ar, ar_fran=ar)
    tilldelat = Statsbidrag.objects.filter(ar=ar).values_list("tilldelat", flat=True).first()
    statistik = summera([fa for (_fid, a), fa in tabell.items() if a == ar], ar=ar, tilldelat=tilldelat)
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
        fordelning=Fordelning(stat=mb["stat"] or 0, regioner=mb["regioner"] or 0, kommuner=mb["kommuner"] or 0),
    )


def eget_kapital_per_forbund(*, ar_fran: int, ar_till: int) -> tuple[list[int], list[dict]]:
    """Utgående eget kapital per förbund and year, with its share of the year's income. 6 queries, cached under the
    data version like the national economy."""
    return dataversion.cached(
        "ekonomi.eget_kapital_per_forbund", (ar_fran, ar_till), lambda: _eget_kapital_per_forbund(ar_fran, ar_till)
    )


def _eget_kapital_per_forbund(ar_fran: int, ar_till: int) -> tuple[list[int], list[dict]]:
    tabell = forbund_ar_tabell(ar_till=ar_till, ar_fran=ar_fran)
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


def antal_forbund_per_ar(ar_lista: list[int]) -> dict[int, int]:
    """How many förbund existed during each year (the "av N" of Tabell 3). 1 query."""
    perioder = list(Forbund.objects.values_list("bildat", "upphort"))
    return {
        ar: sum(1 for bildat, upphort in perioder if Period(bildat, upphort).overlaps(Period.year(ar)))
        for ar in ar_lista
    }
