"""The ranges of PostgreSQL's integer columns, as validators, so a value too large for its column is a form or API
error on every database (SQLite, used in development and tests, would store it and PostgreSQL refuse it)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404

SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
BIGINT_MAX = 9_223_372_036_854_775_807
BIGINT_MIN = -BIGINT_MAX - 1


def positivt_smallint() -> list:
    return [MinValueValidator(0), MaxValueValidator(SMALLINT_MAX)]


def positivt_heltal() -> list:
    return [MinValueValidator(0), MaxValueValidator(INTEGER_MAX)]


def bigint() -> list:
    return [MinValueValidator(BIGINT_MIN), MaxValueValidator(BIGINT_MAX)]


def storsta_varde(model, falt: str) -> int | None:
    """The largest value the model field accepts (its tightest MaxValueValidator)."""
    granser = [v.limit_value for v in model._meta.get_field(falt).validators if isinstance(v, MaxValueValidator)]
    return min(granser) if granser else None


# Years any page can mean: insatser are registered from 1990, and nothing is planned beyond 2100.
AR_MIN, AR_MAX = 1990, 2100


def ar_eller_404(ar: int) -> None:
    """A year in the address outside AR_MIN–AR_MAX (e.g. 99999999999999999999) is a 404, not an overflow in a query."""
    if not AR_MIN <= ar <= AR_MAX:
        raise Http404
