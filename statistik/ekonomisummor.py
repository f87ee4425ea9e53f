"""The national economy per year for a selection (hela landet, a län or a förbund): the economy app's one
definition (ekonomi.summor, built on ForbundAr) summed over the förbund the selection held each year."""

from ekonomi.summor import eget_kapital_rader, ekonomi_summor_per_ar, tabell3, tabell3_ar  # noqa: F401 - Tabell 3
from statistik.urval import Urval, scope_by_year


def ekonomi_per_ar(urval: Urval, ar_fran: int) -> dict[int, dict]:
    """ekonomi.summor.summera for urval.ar and the year before, Tabell 3's sums (eget_kapital_summor) for the years
    from ar_fran, for the förbund of the selection (6 queries at most)."""
    ar_lista = list(range(ar_fran, urval.ar + 1))
    scope = scope_by_year(urval, ar_lista)
    forbund_ids = None if scope is None else set().union(*scope.values())
    return ekonomi_summor_per_ar(
        ar_fran=ar_fran, ar_till=urval.ar, forbund_ids=forbund_ids, scope=scope, summor_fran=urval.ar - 1
    )
