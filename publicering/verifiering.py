"""Exact check of a suppression pattern: the lowest and highest value a reader can deduce for each hidden cell.

A reader knows every published value and every summavillkor. The hidden cells are then the unknowns of a system of
linear equations with non-negative solutions; the true values are one solution. For each hidden cell we solve two
linear programs (minimise and maximise that cell) with HiGHS. Integrality is relaxed: for the tables we publish
(hierarchical sums over rows and columns) the bounds are whole numbers anyway, and the relaxed range is never narrower
than the integer one, so a pattern that passes here is safe.

The equations fall apart into independent components (hidden cells linked by shared summavillkor); each component is
solved on its own and its result can be cached, because it depends only on which cells of the component are hidden.
"""

import math
from collections.abc import Iterable, Mapping

import numpy as np
from scipy.optimize import linprog

from publicering.celler import Villkor

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
    if not rader:
        return {c: (0, math.inf) for c in celler}
    index = {c: i for i, c in enumerate(celler)}
    a = np.zeros((len(rader), len(celler)))
    b = np.zeros(len(rader))
    for r, (koef, hoger) in enumerate(rader):
        for c, k in koef.items():
            a[r, index[c]] = k
        b[r] = hoger
    resultat = {}
    for c, i in index.items():
        mal = np.zeros(len(celler))
        mal[i] = 1
        lagst = _optimum(mal, a, b)
        hogst = _optimum(-mal, a, b)
        resultat[c] = (lagst, math.inf if hogst is None else -hogst)
    return resultat


def _optimum(mal, a, b) -> float | None:
    """The minimum of mal·x subject to a·x = b, x ≥ 0; None when unbounded below."""
    svar = linprog(mal, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    if svar.status == 3:
        return None
    if svar.status != 0:
        raise RuntimeError(f"Kontrollen av skyddsmönstret kunde inte lösas: {svar.message}")
    varde = float(svar.fun)
    return float(round(varde)) if abs(varde - round(varde)) < 1e-7 else varde
