"""The outcome counts' checks in the reporting round, registered with rapportering.kontroller's @kontroll.

Both read every registered grid of the year's individinriktade insatser in one query; a grid never registered is
not checked (not registered is not zero; the round's task list shows what is missing).
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapportering.kontroller import Data, Fynd, Niva, _kontroll, kontroll
from utfall.rules import deltagare_varningar, summa_fel
from utfall.selectors import varden_for


def _grids(data: Data):
    individ = [u for u in data.insatser if u.individinriktad]
    varden = varden_for({(u.id, data.ar) for u in individ})
    for u in individ:
        if (u.id, data.ar) in varden:
            yield u, varden[(u.id, data.ar)]


@kontroll(
    kod="utfall_summa",
    rattas_i="utfall:ar",
    niva=Niva.FEL,
    titel=gettext_lazy("Utfallen summerar inte till de avslutade"),
    vad=gettext_lazy(
        "För en individinriktad insats är utfallen efter avslutad insats inte lika många som de avslutade deltagarna, "
        "per kön och åldersgrupp (under 30 år, 30 år och äldre). Varje avslutad deltagare har ett utfall."
    ),
    varfor=gettext_lazy(
        "Andelen i arbete eller studier räknas på de avslutade; saknas eller överskjuter utfallen blir andelen fel."
    ),
)
def _utfall_summa(data: Data) -> Iterator[Fynd]:
    k = _kontroll("utfall_summa")
    for u, varden in _grids(data):
        for _kon, _grupp, text in summa_fel(varden):
            yield k.fynd(u, data.ar, _("”%(namn)s”: %(text)s") % {"namn": u.namn, "text": text})


@kontroll(
    kod="utfall_fler_an_deltagare",
    rattas_i="utfall:ar",
    niva=Niva.VARNING,
    titel=gettext_lazy("Fler påbörjade eller avslutade än deltagare"),
    vad=gettext_lazy(
        "Påbörjade eller avslutade under året är fler än årets registrerade deltagare av samma kön (bara där "
        "deltagarna är registrerade, och för insatser som startade 2023 eller senare, när deltagarna började räknas "
        "per år)."
    ),
    varfor=gettext_lazy(
        "Den som påbörjar eller avslutar en insats under året är också deltagare det året; fler är oftast ett "
        "skrivfel. Förklara annars varför, till exempel om deltagarna räknas på ett annat sätt i insatsen."
    ),
)
def _fler_an_deltagare(data: Data) -> Iterator[Fynd]:
    k = _kontroll("utfall_fler_an_deltagare")
    for u, varden in _grids(data):
        for text in deltagare_varningar(
            varden,
            deltagare_kvinnor=u.varden.get("deltagare_kvinnor"),
            deltagare_man=u.varden.get("deltagare_man"),
            startdatum=u.startdatum,
        ):
            yield k.fynd(u, data.ar, _("”%(namn)s”: %(text)s") % {"namn": u.namn, "text": text})
