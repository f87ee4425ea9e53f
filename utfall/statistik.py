"""National tables of the outcome counts, as the 2021 report's Tabell 5–6: the share of those who finished an
individinriktad insats who went on to work or studies (and who were actively job-seeking), per inriktning and
nationally, by kön and age group, with the change from the year before in percentage points.

Shares are rounded to whole percent (half up) first and the rounded shares subtracted, the reports' convention
(rapport.procent, the one rule the dashboard uses too; settings.PROCENTENHETER=exakta for the exact difference).
The denominator is those who finished with a registered outcome (every finished participant has one outcome).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.granser import AR_MAX, AR_MIN, ar_utanfor, innevarande_ar, rapportar
from core.tabell import andel as exakt  # a share in percent, unrounded: the one definition
from insatser.models import Inriktning, Typ
from insatser.rules import inriktning_for_ar_uttryck
from rapport.procent import hel_procent, procentenheter
from utfall.koder import AKTIVT_ARBETSSOKANDE, ALDERSGRUPPER, ARBETE_ELLER_STUDIER, KON, UTFALL_KATEGORI
from utfall.models import Utfallsantal

# The table's columns: (key, label, kön or None, age group or None).
KOLUMNER = (
    *((k, namn, k, None) for k, namn in KON),
    *((g, namn, None, g) for g, namn in ALDERSGRUPPER),
    ("totalt", gettext_lazy("Totalt"), None, None),
)
HELA_LANDET = "riket"


def andel_hel_procent(del_: int, av: int) -> int | None:
    """A share in whole percent, rounded half up as a reader does (None without anyone finished)."""
    varde = exakt(del_, av)
    return None if varde is None else hel_procent(varde)


@dataclass
class Cell:
    andel: int | None
    forandring: float | int | None  # percentage points (settings.PROCENTENHETER: rounded shares subtracted)
    avslutade: int


@dataclass
class Rad:
    kod: str
    namn: str
    celler: list[Cell]


def _summor(ar_lista) -> dict:
    """{(år, inriktning, kon, aldersgrupp): {outcome: antal}} for individinriktade insatser: one query."""
    rows = (
        Utfallsantal.objects.filter(
            kategori=UTFALL_KATEGORI, utfall__ar__in=list(ar_lista), utfall__insats__typ=Typ.INDIVIDINRIKTAD
        )
        .annotate(klass=inriktning_for_ar_uttryck(ar="utfall__ar", insats="utfall__insats__"))
        .values("utfall__ar", "klass", "kon", "aldersgrupp", "kod")
        .annotate(antal=Sum("antal"))
    )
    summor: dict = defaultdict(lambda: defaultdict(int))
    for r in rows:
        summor[(r["utfall__ar"], r["klass"], r["kon"], r["aldersgrupp"])][r["kod"]] += r["antal"]
    return summor


def _rakna(summor, ar: int, inriktning: str | None, kon: str | None, grupp: str | None, koder) -> tuple[int, int]:
    """(those with an outcome in koder, all with an outcome) for one year and slice (None: all)."""
    del_ = av = 0
    for (a, i, k, g), per_kod in summor.items():
        if a != ar or (inriktning and i != inriktning) or (kon and k != kon) or (grupp and g != grupp):
            continue
        av += sum(per_kod.values())
        del_ += sum(per_kod.get(kod, 0) for kod in koder)
    return del_, av


def andel_tabell(*, ar: int, koder=ARBETE_ELLER_STUDIER) -> list[Rad]:
    """Rows per inriktning with outcomes in the year or the year before, and the whole country last."""
    summor = _summor((ar - 1, ar))
    med_data = {i for (_a, i, _k, _g) in summor}
    inriktningar = [(i.kod, i.namn) for i in Inriktning.objects.filter(typ=Typ.INDIVIDINRIKTAD) if i.kod in med_data]
    rader = []
    for kod, namn in [*inriktningar, (HELA_LANDET, _("Hela landet"))]:
        inriktning = None if kod == HELA_LANDET else kod
        celler = []
        for _k, _namn, kon, grupp in KOLUMNER:
            del_, av = _rakna(summor, ar, inriktning, kon, grupp, koder)
            del_fore, av_fore = _rakna(summor, ar - 1, inriktning, kon, grupp, koder)
            nu, fore = exakt(del_, av), exakt(del_fore, av_fore)
            celler.append(Cell(andel=andel_hel_procent(del_, av), forandring=procentenheter(nu, fore), avslutade=av))
        rader.append(Rad(kod=kod, namn=namn, celler=celler))
    return rader


@dataclass
class Trendrad:
    ar: int
    arbete_eller_studier: list[int | None]  # kvinnor, män, totalt
    aktivt_arbetssokande: list[int | None]
    avslutade: int


def trend() -> list[Trendrad]:
    """Every year with outcomes, nationally: Tabell 5 (work or studies) and Tabell 6 (actively job-seeking)."""
    ar_lista = sorted(
        set(Utfallsantal.objects.filter(kategori=UTFALL_KATEGORI).values_list("utfall__ar", flat=True).distinct())
    )
    summor = _summor(ar_lista)
    rader = []
    for ar in ar_lista:
        snitt = [("kvinnor", None), ("man", None), (None, None)]
        aos = [andel_hel_procent(*_rakna(summor, ar, None, k, g, ARBETE_ELLER_STUDIER)) for k, g in snitt]
        akt = [andel_hel_procent(*_rakna(summor, ar, None, k, g, (AKTIVT_ARBETSSOKANDE,))) for k, g in snitt]
        rader.append(
            Trendrad(
                ar=ar,
                arbete_eller_studier=aos,
                aktivt_arbetssokande=akt,
                avslutade=_rakna(summor, ar, None, None, None, ())[1],
            )
        )
    return rader


def valt_ar(value: str) -> tuple[int, str]:
    value = value.strip()
    if not value:
        return rapportar(), ""
    try:
        ar = int(value)
    except ValueError:
        return rapportar(), _("”%(varde)s” är inget årtal. Välj ett år i listan.") % {"varde": value[:20]}
    if not AR_MIN <= ar <= AR_MAX:
        return rapportar(), ar_utanfor()
    return ar, ""


def ar_val(ar: int) -> list[int]:
    this_year = innevarande_ar()
    return sorted({*range(this_year - 6, this_year + 1), ar}, reverse=True)
