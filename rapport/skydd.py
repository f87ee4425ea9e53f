"""The draft's counts of people through a release's suppression pattern: a small count never reaches the report.

The participants of the statistics JSON (nationally, per typ, kön and inriktning) are replaced by what the year's
release published: its value, or DOLD where it is hidden. Without a release of the year the same national cells are
protected by the same engine on the spot (publicering.skydd), so the draft is never less protected than a release.
"""

import copy
from dataclasses import dataclass

from django.utils.translation import gettext as _

from insatser.models import Typ
from publicering.celler import Cell, Villkor
from publicering.indikatorer import DELTAGARE_I, DELTAGARE_S, RIKET, inriktning_id
from publicering.models import Publicering
from publicering.services import troskel
from publicering.skydd import skydda
from publicering.tabeller import cell_id
from rapport.dold import DOLD

I, S = Typ.INDIVIDINRIKTAD, Typ.STRUKTUROVERGRIPANDE  # noqa: E741
KON = {"K": "kvinnor", "M": "man", "T": "deltagare"}


@dataclass
class Skyddat:
    statistik: dict
    publicering: Publicering | None
    dolda: int


def _platser(statistik: dict):
    """(cell id, the dict holding the count, its key) for every count of people the draft writes."""
    ind, st = statistik.get("individinriktade") or {}, statistik.get("strukturovergripande") or {}
    for k, nyckel in KON.items():
        if nyckel in ind:
            yield cell_id(DELTAGARE_I, RIKET, k), ind, nyckel
    for kod, rad in (ind.get("per_inriktning") or {}).items():
        for k, nyckel in KON.items():
            if rad and nyckel in rad:
                yield cell_id(inriktning_id(I, kod), RIKET, k), rad, nyckel
    if "deltagare" in st:
        yield cell_id(DELTAGARE_S, RIKET, "T"), st, "deltagare"
    for kod, rad in (st.get("per_inriktning") or {}).items():
        if rad and "deltagare" in rad:
            yield cell_id(inriktning_id(S, kod), RIKET, "T"), rad, "deltagare"


def _fran_publicering(p: Publicering) -> dict[str, object]:
    return {
        cell_id(r["indikator"], RIKET, r["kon"]): DOLD if r["status"] else r["varde"]
        for r in p.data
        if r["omrade_typ"] == RIKET
    }


def _pa_platsen(statistik: dict) -> dict[str, object]:
    """The national cells protected now: kvinnor + män = totalt, inriktningar → their typ's total (where they add up)."""
    varden = {c: int(d[n] or 0) for c, d, n in _platser(statistik)}
    villkor = []
    for typ, total, kolumner in ((I, DELTAGARE_I, ("K", "M", "T")), (S, DELTAGARE_S, ("T",))):
        koder = (statistik.get("individinriktade" if typ == I else "strukturovergripande") or {}).get("per_inriktning")
        for kod in koder or {}:
            namn = inriktning_id(typ, kod)
            if typ == I and all(cell_id(namn, RIKET, k) in varden for k in kolumner):
                villkor.append(
                    Villkor(cell_id(namn, RIKET, "T"), (cell_id(namn, RIKET, "K"), cell_id(namn, RIKET, "M")))
                )
        for k in kolumner:
            delar = tuple(cell_id(inriktning_id(typ, kod), RIKET, k) for kod in koder or {})
            delar = tuple(d for d in delar if d in varden)
            if delar and cell_id(total, RIKET, k) in varden:
                villkor.append(Villkor(cell_id(total, RIKET, k), delar))
        if typ == I and all(cell_id(total, RIKET, k) in varden for k in kolumner):
            villkor.append(
                Villkor(cell_id(total, RIKET, "T"), (cell_id(total, RIKET, "K"), cell_id(total, RIKET, "M")))
            )
    # Only the sums that hold: a sum a reader cannot form gives nothing away.
    villkor = [v for v in villkor if varden[v.total] == sum(varden[d] for d in v.delar)]
    monster = skydda([Cell(c, v) for c, v in varden.items()], villkor, troskel=troskel())
    return {c: DOLD if monster.ar_dold(c) else v for c, v in varden.items()}


def skydda_statistik(statistik: dict, publicering: Publicering | None) -> Skyddat:
    """A copy of the statistics JSON whose counts of people are the release's (DOLD where hidden); a count the
    release does not publish is hidden. Without a release, the national cells are protected on the spot."""
    ut = copy.deepcopy(statistik)
    visas = _fran_publicering(publicering) if publicering is not None else _pa_platsen(ut)
    dolda = 0
    for c, d, nyckel in list(_platser(ut)):
        # Not published: hidden, except a 0 (an inriktning nobody registered in), which gives nothing away.
        d[nyckel] = visas.get(c, DOLD if d[nyckel] else d[nyckel])
        dolda += d[nyckel] is DOLD
    return Skyddat(ut, publicering, dolda)


def publicering_for(ar: int, uttag=None) -> Publicering | None:
    """The release the draft follows: the newest made from the extract, else the year's newest."""
    qs = Publicering.objects.filter(ar=ar).order_by("-skapad", "-pk")
    return (qs.filter(uttag=uttag).first() if uttag is not None else None) or qs.first()


def skydd_text(nu: Skyddat) -> str:
    """The footnote's sentence on the counts of people."""
    if nu.publicering is not None:
        text = _("Antalen deltagare är de som publicerades i publicering nr %(id)s.") % {"id": nu.publicering.pk}
    else:
        text = _("Antalen deltagare är skyddade som i en publicering; året är inte publicerat än.")
    if nu.dolda:
        text += " " + _("”..”: värdet visas inte för att skydda enskilda.")
    return text
