"""The report's tables, built once from the statistics and shown as HTML, CSV and XLSX alike.

A Tabell (statistik.tabell) holds raw values; the page formats them the Swedish way, the downloads keep the numbers.
The tables themselves live by subject: statistik.nyckeltal, statistik.insatstabeller, statistik.ekonomitabeller and
statistik.forbundtabeller; their names stay importable from here.
"""

from core import dataversion
from statistik.arsstatistik import ar_statistik_flera
from statistik.ekonomisummor import eget_kapital_rader, ekonomi_per_ar, tabell3_ar
from statistik.ekonomitabeller import eget_kapital_tabell, ekonomi_tabell, trend_tabell
from statistik.forbundtabeller import (  # noqa: F401
    REGISTRERING_SORT,
    forbund_tabell,
    om_uttaget,
    registrering_tabell,
    saknas,
)
from statistik.insatstabeller import budget_tabell, insatser_tabell, malgrupper_tabell, tabell1, tabell2
from statistik.nyckeltal import Rapport, forbund_och_kommuner
from statistik.tabell import AVSTAVNING, AVSTAVNINGAR, Cell, Format, Kolumn, Lank, Tabell, andel, forandring, visa  # noqa: F401
from statistik.urval import Referens, Urval, scope_by_year, varningar
from statistik.utveckling import trend

TREND_AR = 10  # years shown in the trend table


def rapport(urval: Urval) -> Rapport:
    """Everything the dashboard shows for the year: cached under the data version (one query when cached)."""
    return dataversion.cached("statistik.rapport", urval.cache_key(), lambda: _rapport(urval))


def _rapport(urval: Urval) -> Rapport:
    """Everything the dashboard shows for the year, computed (a fixed number of queries)."""
    referens = Referens.load()
    ar_fran = urval.ar - TREND_AR + 1
    ek_ar = _tabell3_ar(urval)
    ekonomi = ekonomi_per_ar(urval, min([urval.ar - 1, *ek_ar]))
    bada = ar_statistik_flera(urval, [urval.ar - 1, urval.ar], referens, ekonomi)
    nu, fore = bada[urval.ar], bada[urval.ar - 1]
    utveckling = trend(urval, ar_fran)
    ek = eget_kapital_rader(ekonomi, ek_ar)
    r = Rapport(urval, nu, fore, utveckling, ek, referens, [], varningar(urval, jamfor_med_ar_fore=True))
    r.tabeller = [
        forbund_och_kommuner(r),
        insatser_tabell(r),
        tabell1(r),
        tabell2(r),
        malgrupper_tabell(r),
        budget_tabell(r),
        ekonomi_tabell(r),
        eget_kapital_tabell(r),
        trend_tabell(r),
    ]
    return r


def _tabell3_ar(urval: Urval) -> list[int]:
    """Tabell 3's years (ekonomi.summor.tabell3_ar) for the förbund of the selection in the chosen year."""
    scope = scope_by_year(urval, [urval.ar])
    return tabell3_ar(urval.ar, None if scope is None else scope[urval.ar])
