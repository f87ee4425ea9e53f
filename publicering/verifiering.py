"""Exact check of a suppression pattern: the lowest and highest value a reader can deduce for each hidden cell.

A reader knows every published value and every summavillkor. The hidden cells are then the unknowns of a system of
linear equations with non-negative solutions; the true values are one solution. For each hidden cell we find the
minimum and the maximum of that cell by linear programming (HiGHS), all cells of a component at once (see `_los`).

Integrality is relaxed, and a relaxed range can only be wider than the range of whole numbers. For the tables we
publish (sums over rows and columns, one dimension hierarchical, breakdowns of a total) the bounds come out as whole
numbers and are reached by whole-number solutions; the tests compare them with an integer program. A bound that is
not whole is rounded inwards (up for the lowest, down for the highest), which can only make the check stricter.

The equations fall apart into independent components (hidden cells linked by shared summavillkor); each component is
solved on its own and its result can be cached, because it depends only on which cells of the component are hidden.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from publicering.celler import Villkor

if TYPE_CHECKING:
    import numpy as np

_TATT = 1_000_000  # entries of a dense block-diagonal program
Intervall = tuple[float, float]  # (lowest, highest); highest is math.inf when nothing bounds the cell


Ekvation = tuple[dict[str, int], int]  # Σ koef·cell = right-hand side, over hidden cells


def ekvationer(varden: Mapping[str, int], villkor: Iterable[Villkor], dolda: Iterable[str]) -> list[Ekvation]:
    """What a reader knows about the hidden cells: each summavillkor that names one, with the published values moved
    to the right-hand side. Only published values are used, so the equations can be stored with a release."""
    dolda = set(dolda)
    rader = []
    for v in villkor:
        if not dolda.intersection(v.celler):
            continue
        koef: dict[str, int] = {}
        hoger = 0
        for cell, tecken in ((v.total, -1), *((d, 1) for d in v.delar)):
            if cell in dolda:
                koef[cell] = koef.get(cell, 0) + tecken
            else:
                hoger -= tecken * varden[cell]
        rader.append((koef, hoger))
    return rader


def intervall(
    varden: Mapping[str, int],
    villkor: Iterable[Villkor],
    dolda: Iterable[str],
    cache: dict[frozenset[str], dict[str, Intervall]] | None = None,
    tidigare: Iterable[Ekvation] = (),
) -> dict[str, Intervall]:
    """The feasible range of every hidden cell, given all published values and all summavillkor.

    `tidigare`: equations a reader has from earlier releases, over cells that exist now (a cell published now counts
    with its value); a reader who combines the releases solves them together with this release's.
    """
    dolda = set(dolda)
    rader = ekvationer(varden, villkor, dolda)
    for koef, hoger in tidigare:
        nya = {c: k for c, k in koef.items() if c in dolda}
        if nya:
            rader.append((nya, hoger - sum(k * varden[c] for c, k in koef.items() if c not in dolda)))

    resultat: dict[str, Intervall] = {}
    for celler, komponentens_rader in _komponenter(dolda, rader):
        nyckel = frozenset(celler)
        if cache is not None and nyckel in cache:
            resultat.update(cache[nyckel])
            continue
        losning = _los(celler, komponentens_rader)
        if cache is not None:
            cache[nyckel] = losning
        resultat.update(losning)
    return resultat


def bredd(spann: Intervall) -> float:
    return spann[1] - spann[0]


def _komponenter(dolda: set[str], rader: list[tuple[dict[str, int], int]]):
    """Hidden cells grouped by shared equations (union-find), each with its equations, in a stable order."""
    foralder = {c: c for c in dolda}

    def rot(c: str) -> str:
        while foralder[c] != c:
            foralder[c] = foralder[foralder[c]]
            c = foralder[c]
        return c

    for koef, _hoger in rader:
        forsta, *ovriga = sorted(koef)
        for c in ovriga:
            foralder[rot(c)] = rot(forsta)
    grupper: dict[str, tuple[list[str], list]] = {}
    for c in sorted(dolda):
        grupper.setdefault(rot(c), ([], []))[0].append(c)
    for rad in rader:
        grupper[rot(next(iter(rad[0])))][1].append(rad)
    return grupper.values()


def _los(celler: list[str], rader: list[tuple[dict[str, int], int]]) -> dict[str, Intervall]:
    """Two linear programs for a whole component: which cells are unbounded and all minima, then all maxima.

    A program here is made of independent blocks (one copy of the equations per cell, each copy minimising its own
    cell): the blocks share nothing, so each block's part of the optimum is that block's own optimum.
    """
    if not rader:
        return {c: (0, math.inf) for c in celler}
    import numpy as np  # here, not at the top: numpy and scipy are 64 MB that every web worker would carry

    n = len(celler)
    index = {c: i for i, c in enumerate(celler)}
    a = np.zeros((len(rader), n))
    b = np.zeros(len(rader))
    for r, (koef, hoger) in enumerate(rader):
        for c, k in koef.items():
            a[r, index[c]] = k
        b[r] = hoger

    # Cells that can grow without bound are those positive in some direction d ≥ 0 with a·d = 0. Maximise Σt with
    # a·d = 0, t + s = d, 0 ≤ t ≤ 1, s ≥ 0: directions add up, so at the optimum t is 1 exactly for those cells.
    enhet = np.eye(n)
    kon = Block(
        mal=np.concatenate([np.zeros(2 * n), -np.ones(n)]),
        a=np.block([[a, np.zeros((len(rader), 2 * n))], [-enhet, enhet, enhet]]),
        b=np.zeros(len(rader) + n),
        granser=[(0, None)] * (2 * n) + [(0, 1)] * n,
    )
    minima = [Block(mal=enhet[i], a=a, b=b) for i in range(n)]
    losning = _los_block([kon, *minima])
    obegransade = [t > 0.5 for t in losning[0][2 * n :]]
    lagsta = [_heltal(x[i], math.ceil) for i, x in enumerate(losning[1:])]

    begransade = [i for i in range(n) if not obegransade[i]]
    hogsta = dict(zip(begransade, _los_block([Block(mal=-enhet[i], a=a, b=b) for i in begransade]), strict=True))
    return {c: (lagsta[i], math.inf if obegransade[i] else _heltal(hogsta[i][i], math.floor)) for c, i in index.items()}


@dataclass
class Block:
    """min mal·x subject to a·x = b and the bounds of x."""

    mal: np.ndarray
    a: np.ndarray
    b: np.ndarray
    granser: list | None = None


def _los_block(block: list[Block]) -> list[np.ndarray]:
    """Solve independent programs as one (far less overhead than one call each); each program's x, in order."""
    if not block:
        return []
    import numpy as np
    from scipy import linalg, sparse
    from scipy.optimize import linprog

    matriser = [x.a for x in block]
    if sum(m.size for m in matriser) * len(block) <= _TATT:  # dense while small, sparse for large components
        a_eq = linalg.block_diag(*matriser)
    else:
        a_eq = sparse.block_diag([sparse.csr_array(m) for m in matriser], format="csr")
    granser = [g for x in block for g in (x.granser or [(0, None)] * len(x.mal))]
    svar = linprog(
        np.concatenate([x.mal for x in block]),
        A_eq=a_eq,
        b_eq=np.concatenate([x.b for x in block]),
        bounds=granser,
        method="highs",
    )
    if svar.status != 0:
        raise RuntimeError(f"Kontrollen av skyddsmönstret kunde inte lösas: {svar.message}")
    delar, borjan = [], 0
    for x in block:
        delar.append(svar.x[borjan : borjan + len(x.mal)])
        borjan += len(x.mal)
    return delar


def _heltal(x: float, avrunda) -> float:
    """A bound as a whole number: the nearest one when within solver tolerance, else rounded inwards."""
    return float(round(x)) if abs(x - round(x)) < 1e-6 else float(avrunda(x))
