"""Exact check of a suppression pattern: the lowest and highest value a reader can deduce for each hidden cell.

A reader knows every published value and every summavillkor. The hidden cells are then the unknowns of a system of
linear equations with non-negative solutions; the true values are one solution. For each hidden cell we find the
minimum and the maximum of that cell by linear programming (HiGHS), all cells of a component at once (see `_los`). Integrality is relaxed: for the tables we publish
(hierarchical sums over rows and columns) the bounds are whole numbers anyway, and the relaxed range is never narrower
than the integer one, so a pattern that passes here is safe.

The equations fall apart into independent components (hidden cells linked by shared summavillkor); each component is
solved on its own and its result can be cached, because it depends only on which cells of the component are hidden.
"""

import math
from collections.abc import Iterable, Mapping

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from publicering.celler import Villkor

_TATT = 1_000_000  # entries of a dense block-diagonal program
Intervall = tuple[float, float]  # (lowest, highest); highest is math.inf when nothing bounds the cell


def intervall(
    varden: Mapping[str, int],
    villkor: Iterable[Villkor],
    dolda: Iterable[str],
    cache: dict[frozenset[str], dict[str, Intervall]] | None = None,
) -> dict[str, Intervall]:
    """The feasible range of every hidden cell, given all published values and all summavillkor."""
    dolda = set(dolda)
    rader = []  # (coefficients by hidden cell, right-hand side)
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
    """Three linear programs for a whole component: which cells are unbounded, then all minima, then all maxima.

    The minima (and maxima) are found together in one program made of one copy of the equations per cell, each copy
    minimising its own cell: the copies share nothing, so each copy's optimum is that cell's minimum.
    """
    if not rader:
        return {c: (0, math.inf) for c in celler}
    n = len(celler)
    index = {c: i for i, c in enumerate(celler)}
    a = np.zeros((len(rader), n))
    b = np.zeros(len(rader))
    for r, (koef, hoger) in enumerate(rader):
        for c, k in koef.items():
            a[r, index[c]] = k
        b[r] = hoger

    obegransade = _obegransade(a, n)
    lagsta = _optimum_per_cell(a, b, list(range(n)), 1)
    begransade = [i for i in range(n) if not obegransade[i]]
    hogsta = dict(zip(begransade, _optimum_per_cell(a, b, begransade, -1), strict=True))
    return {c: (lagsta[i], math.inf if obegransade[i] else hogsta[i]) for c, i in index.items()}


def _obegransade(a, n: int) -> list[bool]:
    """Which cells can grow without bound: those positive in some d ≥ 0 with a·d = 0.

    Maximise Σt with a·d = 0, 0 ≤ t ≤ 1, t ≤ d: directions add up, so at the optimum t is 1 exactly for those cells.
    """
    enhet = np.eye(n)
    svar = _linprog(
        np.concatenate([np.zeros(n), -np.ones(n)]),
        A_ub=np.hstack([-enhet, enhet]),
        b_ub=np.zeros(n),
        A_eq=np.hstack([a, np.zeros(a.shape)]),
        b_eq=np.zeros(a.shape[0]),
        bounds=[(0, None)] * n + [(0, 1)] * n,
    )
    return [t > 0.5 for t in svar.x[n:]]


def _optimum_per_cell(a, b, index: list[int], tecken: int) -> list[float]:
    """x[i] at the minimum of tecken·x[i] subject to a·x = b, x ≥ 0, for each i in index, as one block-diagonal program."""
    if not index:
        return []
    n = a.shape[1]
    mal = np.zeros(n * len(index))
    for kopia, i in enumerate(index):
        mal[kopia * n + i] = tecken
    kopior = np.eye(len(index))
    # Dense while small (much less overhead), sparse for large components.
    block = (
        np.kron(kopior, a)
        if a.size * len(index) ** 2 <= _TATT
        else sparse.kron(sparse.eye_array(len(index)), sparse.csr_array(a), format="csr")
    )
    svar = _linprog(mal, A_eq=block, b_eq=np.tile(b, len(index)))
    return [_heltal(svar.x[kopia * n + i]) for kopia, i in enumerate(index)]


def _linprog(mal, bounds=(0, None), **villkor):
    svar = linprog(mal, bounds=bounds, method="highs", **villkor)
    if svar.status != 0:
        raise RuntimeError(f"Kontrollen av skyddsmönstret kunde inte lösas: {svar.message}")
    return svar


def _heltal(x: float) -> float:
    return float(round(x)) if abs(x - round(x)) < 1e-7 else float(x)
