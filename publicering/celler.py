"""The input of disclosure control: cells of a published table and the sums a reader can use to recompute them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One published figure. `personer` is False for money and counts of insatser: those are never suppressed."""

    id: str
    varde: int
    personer: bool = True

    def __post_init__(self):
        if not isinstance(self.varde, int) or self.varde < 0:
            raise ValueError(f"Cellen {self.id} måste ha ett heltal ≥ 0, inte {self.varde!r}.")


@dataclass(frozen=True)
class Villkor:
    """An additivity a reader can use: the total cell equals the sum of the part cells."""

    total: str
    delar: tuple[str, ...]

    def __post_init__(self):
        object.__setattr__(self, "delar", tuple(self.delar))
        if not self.delar or self.total in self.delar or len(set(self.delar)) != len(self.delar):
            raise ValueError(f"Ogiltigt summavillkor för {self.total}: {self.delar!r}.")

    @property
    def celler(self) -> tuple[str, ...]:
        return (self.total, *self.delar)


def kontrollera(celler: dict[str, Cell], villkor: list[Villkor]) -> None:
    """Every constraint names known cells and holds for the values: the engine reasons from true sums."""
    for v in villkor:
        saknas = [c for c in v.celler if c not in celler]
        if saknas:
            raise ValueError(f"Summavillkoret för {v.total} nämner okända celler: {', '.join(saknas)}.")
        if celler[v.total].varde != sum(celler[d].varde for d in v.delar):
            raise ValueError(f"Summavillkoret för {v.total} stämmer inte med värdena.")
