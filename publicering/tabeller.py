"""Cells and summavillkor from the tables Finsam publishes, so disclosure control sees every sum a reader can use.

A förbund table (rows = förbund, columns = kvinnor, män, totalt) is aggregated to län and riket: each row's total is
the sum of its parts, and each column of a län is the sum of its förbund, each column of riket the sum of its län.
A breakdown (inriktning → total, outcome categories → avslutade) is one more summavillkor; when its total is a cell of
another table (the same id), the two tables are linked and protected together.

Cell ids are `namn:forbund:<id>:<kolumn>`, `namn:lan:<id>:<kolumn>`, `namn:riket:<kolumn>` (see `cell_id`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from publicering.celler import Cell, Villkor


@dataclass
class Tabell:
    celler: list[Cell] = field(default_factory=list)
    villkor: list[Villkor] = field(default_factory=list)

    def varden(self) -> dict[str, int]:
        return {c.id: c.varde for c in self.celler}


def cell_id(*delar: str) -> str:
    return ":".join(str(d) for d in delar)


def forbundstabell(
    rader: Mapping[str, Mapping[str, int]],
    lan_for: Mapping[str, str],
    *,
    namn: str = "deltagare",
    delar: Sequence[str] = ("kvinnor", "man"),
    total: str = "totalt",
    personer: bool = True,
) -> Tabell:
    """One row per förbund ({förbund: {kolumn: värde}}; the total column is computed when missing), with län and riket.

    A given total must equal the sum of the parts: if some are not counted in any part (kön okänt), add that part.
    """
    kolumner = (*delar, total)
    per_forbund = {}
    for forbund, rad in rader.items():
        if forbund not in lan_for:
            raise ValueError(f"Förbundet {forbund} saknar län.")
        varden = {d: int(rad.get(d, 0)) for d in delar}
        summa = sum(varden.values())
        if total in rad and int(rad[total]) != summa:
            raise ValueError(f"Förbundet {forbund}: {total} ({rad[total]}) är inte summan av {', '.join(delar)}.")
        per_forbund[forbund] = {**varden, total: summa}

    lanens: dict[str, list[str]] = {}
    for forbund in sorted(per_forbund):
        lanens.setdefault(lan_for[forbund], []).append(forbund)

    tabell = Tabell()
    for forbund, varden in sorted(per_forbund.items()):
        _rad(tabell, [namn, "forbund", forbund], varden, delar, total, personer)
    for lan, forbunden in sorted(lanens.items()):
        varden = {k: sum(per_forbund[f][k] for f in forbunden) for k in kolumner}
        _rad(tabell, [namn, "lan", lan], varden, delar, total, personer)
        for k in kolumner:
            tabell.villkor.append(
                Villkor(cell_id(namn, "lan", lan, k), tuple(cell_id(namn, "forbund", f, k) for f in forbunden))
            )
    riket = {k: sum(v[k] for v in per_forbund.values()) for k in kolumner}
    _rad(tabell, [namn, "riket"], riket, delar, total, personer)
    for k in kolumner:
        tabell.villkor.append(
            Villkor(cell_id(namn, "riket", k), tuple(cell_id(namn, "lan", lan, k) for lan in sorted(lanens)))
        )
    return tabell


def uppdelning(total_id: str, delar: Mapping[str, int], *, namn: str | None = None, personer: bool = True) -> Tabell:
    """A breakdown of one total ({kategori: värde}): cells `namn:kategori` and the total cell `total_id` as their sum.

    Pass the id of an existing cell (e.g. `cell_id("deltagare", "riket", "totalt")`) to link the breakdown to it.
    """
    namn = namn or total_id
    delceller = [Cell(cell_id(namn, kategori), int(v), personer) for kategori, v in sorted(delar.items())]
    totalcell = Cell(total_id, sum(c.varde for c in delceller), personer)
    return Tabell([*delceller, totalcell], [Villkor(total_id, tuple(c.id for c in delceller))])


def sla_ihop(*tabeller: Tabell) -> Tabell:
    """Tables that share cells (same id) as one: the shared cells must agree."""
    celler: dict[str, Cell] = {}
    villkor: dict[Villkor, None] = {}
    for tabell in tabeller:
        for cell in tabell.celler:
            if cell.id in celler and celler[cell.id] != cell:
                raise ValueError(f"Cellen {cell.id} har olika värden i tabellerna: {celler[cell.id]} och {cell}.")
            celler[cell.id] = cell
        villkor.update(dict.fromkeys(tabell.villkor))
    return Tabell(list(celler.values()), list(villkor))


def _rad(tabell: Tabell, nyckel: list[str], varden: dict[str, int], delar, total: str, personer: bool) -> None:
    for k, v in varden.items():
        tabell.celler.append(Cell(cell_id(*nyckel, k), v, personer))
    tabell.villkor.append(Villkor(cell_id(*nyckel, total), tuple(cell_id(*nyckel, d) for d in delar)))
