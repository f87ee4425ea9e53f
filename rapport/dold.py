"""A count of people the draft may not show (hidden by a release's suppression pattern), and what is computed from it.

Arithmetic with a hidden value gives a hidden value, so a share, a sum or a change computed from one is hidden too;
the formatting helpers write it as ".." (publicering.skydd.PRICKAR) with the footnote in the table's caption.
"""

from publicering.skydd import FOTNOT, PRICKAR

__all__ = ["DOLD", "FOTNOT", "PRICKAR", "Dold", "ar_dold"]


class Dold:
    """The hidden value: every operation with it is hidden, and it is never mistaken for 0 or for "not registered"."""

    _instans = None

    def __new__(cls):
        if cls._instans is None:
            cls._instans = super().__new__(cls)
        return cls._instans

    def _dold(self, *_args):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _dold
    __truediv__ = __rtruediv__ = __neg__ = __abs__ = __round__ = _dold

    def __bool__(self):
        return True

    def __str__(self):
        return PRICKAR

    __repr__ = __str__


DOLD = Dold()


def ar_dold(value) -> bool:
    return isinstance(value, Dold)
