"""The lock every write to a förbund-year goes through (insatser and ekonomi services, imports included).

A locked year (approved, or past the round's lock date without an exception) refuses the change with a message that
says why and whom to ask; a change to a submitted year is flagged for the reviewer as a correction.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import dataversion
from rapportering.models import Arsrapport, Handelse, Handelsetyp, Status
from rapportering.selectors import las_for


class Last(ValidationError):
    """The förbund-year is locked; the message says why and whom to ask."""


def ar_kontrollera_oppet(*, forbund_id: int, ar: int) -> None:
    """Refuse a change to a locked förbund-year."""
    las = las_for(forbund_id=forbund_id, ar=ar)
    if las is not None:
        raise Last(las.meddelande, code="last")


def ar_andrat(*, forbund_id: int, ar: int | Iterable[int], user=None) -> None:
    """After a change to one or more years of a förbund: a submitted year is marked as corrected, once."""
    ar_lista = [ar] if isinstance(ar, int) else list(ar)
    ar_andrade({(forbund_id, a) for a in ar_lista}, user=user)


def ar_andrade(par: set[tuple[int, int]], *, user=None) -> None:
    """ar_andrat for many (förbund id, year) pairs at once (an import): 2–3 queries."""
    if not par:
        return
    forbund_ids, ar_lista = {f for f, _a in par}, {a for _f, a in par}
    rapporter = Arsrapport.objects.filter(
        forbund_id__in=forbund_ids, ar__in=ar_lista, status=Status.INSKICKAD, korrigerad=False
    )
    andrade = [(pk, f, a) for pk, f, a in rapporter.values_list("pk", "forbund_id", "ar") if (f, a) in par]
    if not andrade:
        return
    Arsrapport.objects.filter(pk__in=[pk for pk, _f, _a in andrade]).update(korrigerad=True)
    dataversion.bump()  # update() and bulk_create send no signals
    anvandare = user if user is not None and user.is_authenticated else None
    Handelse.objects.bulk_create(
        Handelse(
            forbund_id=f,
            ar=a,
            typ=Handelsetyp.KORRIGERAD,
            user=anvandare,
            text=_("Uppgifterna har ändrats efter att året skickades in."),
        )
        for _pk, f, a in andrade
    )
