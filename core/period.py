"""A period "from–to", both days included and either end open, and its queryset filter.

Memberships (giltig_fran–giltig_till), förbund (bildat–upphort), insatser (startdatum–slutdatum) and inriktningar
are all such periods; "was it active during this year" is asked of them all, in Python and in SQL, and is written
here once.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Period:
    """Days from fran to till, both included; None is an open end (since always, still going).

    A till before fran is not refused here: the forms, services and check constraints report it in words, and the
    rules asked before they run (e.g. an insats's inriktning) must not fail on it.
    """

    fran: datetime.date | None = None
    till: datetime.date | None = None

    @classmethod
    def day(cls, datum: datetime.date) -> "Period":
        return cls(datum, datum)

    @classmethod
    def year(cls, ar: int) -> "Period":
        return cls(datetime.date(ar, 1, 1), datetime.date(ar, 12, 31))

    @classmethod
    def years_between(cls, forsta: int, sista: int) -> "Period":
        """1 January of forsta to 31 December of sista."""
        return cls(datetime.date(forsta, 1, 1), datetime.date(sista, 12, 31))

    @property
    def _lo(self) -> datetime.date:
        return self.fran or datetime.date.min

    @property
    def _hi(self) -> datetime.date:
        return self.till or datetime.date.max

    def contains(self, datum: datetime.date) -> bool:
        return self._lo <= datum <= self._hi

    def overlaps(self, other: "Period") -> bool:
        """The two periods share at least one day."""
        return self._lo <= other._hi and other._lo <= self._hi

    def covers(self, other: "Period") -> bool:
        """Every day of other is in this period."""
        return self._lo <= other._lo and other._hi <= self._hi

    def years(self, *, forsta: int | None = None, sista: int | None = None) -> range:
        """The years the period touches, limited to forsta–sista (an open end needs its limit)."""
        return ar_mellan(self.fran and self.fran.year, self.till and self.till.year, forsta=forsta, sista=sista)


def ar_mellan(fran: int | None, till: int | None, *, forsta: int | None = None, sista: int | None = None) -> range:
    """The years from the year fran to the year till, limited to forsta–sista (an open end needs its limit): the one
    spreading of a period over years, for Period.years and for rows grouped by start and end year in SQL."""
    if fran is None and forsta is None or till is None and sista is None:
        raise ValueError("An open period's years need a limit at the open end.")
    lo = fran if fran is not None else forsta
    hi = till if till is not None else sista
    if forsta is not None:
        lo = max(lo, forsta)
    if sista is not None:
        hi = min(hi, sista)
    return range(lo, hi + 1)


def active_during(period: Period, fran_falt: str, till_falt: str, *, oppen_start: bool = True) -> Q:
    """Q for rows whose period [fran_falt, till_falt] shares a day with period.

    An empty till_falt is a period still going; an empty fran_falt one that began before the records (pass
    oppen_start=False when the column is never empty, so the SQL asks no needless IS NULL). Field names may carry a
    relation prefix ("forbund__bildat").
    """
    q = Q()
    if period.till is not None:
        starts = Q(**{f"{fran_falt}__lte": period.till})
        q &= (Q(**{f"{fran_falt}__isnull": True}) | starts) if oppen_start else starts
    if period.fran is not None:
        q &= Q(**{f"{till_falt}__isnull": True}) | Q(**{f"{till_falt}__gte": period.fran})
    return q
