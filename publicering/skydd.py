"""Disclosure control of published counts of people: which cells to hide, and why.

1. Primary suppression: a count of people from 1 to `troskel` − 1 is hidden (0 is shown; money and counts of insatser
   are never hidden).
2. Secondary suppression, greedy: in every summavillkor a single hidden cell could be recomputed by subtraction, and
   hidden parts beside a published total whose sum is below the threshold (1 and 1 in a row of 2) pin each other
   down. Such a summavillkor gets one more hidden cell: a previously hidden one if any, else the smallest value that
   is enough, else the smallest non-zero value; ties by cell id, so the result is deterministic.
3. Exact check: the range a reader can deduce for every hidden cell from all published values and all summavillkor
   together (verifiering.py). A cell whose range is narrower than the threshold gets one more hidden neighbour (same
   choice as above, from the summavillkor that constrain it) and steps 2–3 run again. Hiding more only widens ranges,
   and every round hides at least one more cell, so this ends within as many rounds as there are cells.

With the pattern of a previous release of the same cells, every cell hidden then stays hidden, so two releases can
never be subtracted from each other (and unchanged data give the same pattern). A pattern also keeps what a reader
knows about its hidden cells (the equations, from published values only, its predecessors' included); the next
release's check solves those together with its own wherever the cells still hold values that satisfy them, so a
reader who intersects the ranges of two releases (assuming a hidden cell unchanged) gets nothing narrower than the
threshold either: a release that would allow it hides more, or is refused.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from publicering.celler import Cell, Villkor, kontrollera
from publicering.verifiering import Ekvation, Intervall, bredd, ekvationer, intervall

TROSKEL = 5
PRIMAR = "primär"
SEKUNDAR = "sekundär"
PRICKAR = ".."
SAKNAS = "–"  # a förbund's figure it has not registered: published without a value, never as 0
FOTNOT = "Värdet visas inte för att skydda enskilda"
_EPS = 1e-6


@dataclass
class Skyddsmonster:
    """The hidden cells of a release, the reason for each, and the range a reader can deduce for each."""

    troskel: int
    skal: dict[str, str]
    intervall: dict[str, Intervall] = field(default_factory=dict)
    oskyddade: list[str] = field(
        default_factory=list
    )  # hidden cells still narrower than the threshold (should be none)
    # What a reader knows of the hidden cells, from this and earlier releases (published values only).
    ekvationer: list[Ekvation] = field(default_factory=list)

    @property
    def dolda(self) -> frozenset[str]:
        return frozenset(self.skal)

    def ar_dold(self, cell_id: str) -> bool:
        return cell_id in self.skal

    def to_json(self) -> dict:
        def tal(x: float):
            return None if x == float("inf") else (int(x) if float(x).is_integer() else x)

        return {
            "troskel": self.troskel,
            "celler": {
                c: {"skal": self.skal[c], "min": tal(self.intervall[c][0]), "max": tal(self.intervall[c][1])}
                for c in sorted(self.skal)
            },
            "oskyddade": list(self.oskyddade),
            "ekvationer": [[dict(sorted(koef.items())), hoger] for koef, hoger in self.ekvationer],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Skyddsmonster":
        celler = data["celler"]
        return cls(
            troskel=data["troskel"],
            skal={c: v["skal"] for c, v in celler.items()},
            intervall={c: (v["min"], float("inf") if v["max"] is None else v["max"]) for c, v in celler.items()},
            oskyddade=list(data.get("oskyddade", [])),
            ekvationer=[(dict(koef), hoger) for koef, hoger in data.get("ekvationer", [])],
        )


def visa(monster: Skyddsmonster, cell_id: str, varde):
    """The value as shown in a table: '..' when hidden (with the footnote FOTNOT), else the value unchanged."""
    return PRICKAR if monster.ar_dold(cell_id) else varde


def maskinvarde(monster: Skyddsmonster, cell_id: str, varde) -> tuple[object, str | None]:
    """(value, status) for machine formats: (None, '..') when hidden, else (value, None)."""
    return (None, PRICKAR) if monster.ar_dold(cell_id) else (varde, None)


def fotnot(monster: Skyddsmonster, cell_ids: Iterable[str]) -> str | None:
    """The footnote a table needs when any of its cells is hidden."""
    return FOTNOT if any(monster.ar_dold(c) for c in cell_ids) else None


def skydda(
    celler: Iterable[Cell],
    villkor: Iterable[Villkor],
    *,
    troskel: int = TROSKEL,
    tidigare: Skyddsmonster | None = None,
    kanda: Iterable[str] = (),
) -> Skyddsmonster:
    """The suppression pattern for these cells; `tidigare` is the pattern of a previous release of the same cells.

    `kanda`: cells a reader already knows (published with the same value in a previous release). Hiding one would
    protect nothing, so they are never chosen as complementary cells.
    """
    if troskel < 2:
        raise ValueError("Tröskeln måste vara minst 2.")
    celler = list(celler)
    if len({c.id for c in celler}) != len(celler):
        raise ValueError("Varje cell måste ha ett eget id.")
    celler = {c.id: c for c in celler}
    villkor = sorted(set(villkor), key=lambda v: (v.total, v.delar))
    kontrollera(celler, villkor)
    varden = {c: cell.varde for c, cell in celler.items()}
    primara = {c for c, cell in celler.items() if cell.personer and 1 <= cell.varde < troskel}
    behall = {c for c in tidigare.dolda if c in celler} if tidigare else set()
    val = _Val(celler, villkor, troskel, behall, set(kanda) - primara - behall)
    dolda = primara | behall
    # Earlier releases' equations that hold for today's values: a reader who assumes the cells unchanged is right.
    fore = [
        (koef, hoger)
        for koef, hoger in (tidigare.ekvationer if tidigare else [])
        if all(c in celler for c in koef) and sum(k * varden[c] for c, k in koef.items()) == hoger
    ]

    cache: dict = {}
    oskyddade: set[str] = set()
    while True:
        val.komplettera(dolda)
        spann = intervall(varden, villkor, dolda, cache, fore)
        svaga = [c for c in sorted(dolda) if c not in oskyddade and bredd(spann[c]) < troskel - _EPS]
        if not svaga:
            break
        rorda: set[Villkor] = set()  # summavillkor that got a new hidden cell this round
        for c in svaga:
            if rorda.intersection(val.per_cell[c]):
                continue
            ny = val.narmaste(c, dolda, troskel - bredd(spann[c]))
            if ny is None:
                oskyddade.add(c)
                continue
            dolda.add(ny)
            rorda.update(val.per_cell[ny])
        if not rorda:
            break

    spann = intervall(varden, villkor, dolda, cache, fore)
    kanda_ekvationer = {
        _ekvation_nyckel(e): e
        for e in [*(tidigare.ekvationer if tidigare else []), *ekvationer(varden, villkor, dolda)]
    }
    return Skyddsmonster(
        troskel=troskel,
        skal={c: PRIMAR if c in primara else SEKUNDAR for c in sorted(dolda)},
        intervall={c: spann[c] for c in sorted(dolda)},
        oskyddade=sorted(c for c in dolda if bredd(spann[c]) < troskel - _EPS),
        ekvationer=[kanda_ekvationer[k] for k in sorted(kanda_ekvationer)],
    )


def _ekvation_nyckel(ekvation: Ekvation) -> tuple:
    koef, hoger = ekvation
    return (tuple(sorted(koef.items())), hoger)


class _Val:
    """Which cell to hide next."""

    def __init__(
        self, celler: dict[str, Cell], villkor: list[Villkor], troskel: int, foredra: set[str], kanda: set[str]
    ):
        self.celler = celler
        self.kanda = kanda
        self.villkor = villkor
        self.troskel = troskel
        self.foredra = foredra
        self.per_cell: dict[str, list[Villkor]] = {c: [] for c in celler}
        for v in villkor:
            for c in v.celler:
                self.per_cell[c].append(v)

    def basta(self, kandidater: Iterable[str], brist: float) -> str | None:
        """Previously hidden first, then a value that covers `brist`, then the smallest non-zero value; then id."""

        def nyckel(c: str):
            varde = self.celler[c].varde
            return (c not in self.foredra, varde == 0, varde < brist, varde, c)

        return min((c for c in kandidater if c not in self.kanda), key=nyckel, default=None)

    def komplettera(self, dolda: set[str]) -> None:
        """Hide cells until no summavillkor gives away a hidden cell by subtraction or by a too small hidden sum."""
        andrad = True
        while andrad:
            andrad = False
            for v in self.villkor:
                doldadelar = [d for d in v.delar if d in dolda]
                totalen_dold = v.total in dolda
                antal = len(doldadelar) + totalen_dold
                if antal == 0:
                    continue
                massa = sum(self.celler[d].varde for d in doldadelar)
                if antal == 1:
                    brist = 0 if totalen_dold else self.troskel - massa
                elif not totalen_dold and massa < self.troskel:
                    brist = self.troskel - massa
                else:
                    continue
                ny = self.basta((c for c in v.celler if c not in dolda), brist)
                if ny is not None:
                    dolda.add(ny)
                    andrad = True

    def narmaste(self, cell: str, dolda: set[str], brist: float) -> str | None:
        """A cell to hide for a hidden cell whose range is too narrow: from its own summavillkor, else further out."""
        besokta: set[Villkor] = set()
        lager = list(self.per_cell[cell])
        while lager:
            besokta.update(lager)
            kandidater = {c for v in lager for c in v.celler if c not in dolda and c not in self.kanda}
            if kandidater:
                return self.basta(kandidater, brist)
            grannar = {c for v in lager for c in v.celler}
            lager = [v for c in sorted(grannar) for v in self.per_cell[c] if v not in besokta]
            lager = list(dict.fromkeys(lager))
        return None
