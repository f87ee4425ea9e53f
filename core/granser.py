"""The ranges of PostgreSQL's integer columns, as validators, so a value too large for its column is a form or API
error on every database (SQLite, used in development and tests, would store it and PostgreSQL refuse it); and the
bounds of the years the system knows."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404
from django.utils.functional import lazy
from django.utils.translation import gettext

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


# ---------------------------------------------------------------- Years: the one home of every year bound
#
# AR_MIN–AR_MAX: any year a page, filter, URL or API parameter may name (insatser are registered from 1990, nothing
# is planned beyond 2100); a year outside is an error in words or a 404, never a query. FORSTA_FORBUNDSAR: the first
# year a förbund can have figures of its own (economy, national statistics). The last year depends on the day:
# innevarande_ar() is the last year with figures to show, sista_registreringsar() the last year that may be
# registered (next year: its budget is set in the autumn).
AR_MIN, AR_MAX = 1990, 2100
FORSTA_FORBUNDSAR = 2004  # Finsamlagen came into force on 1 January 2004: no förbund is older.
# The two follow-up systems: SUS classified insatser up to and including 2022; Uppföljning Finsam (its inriktningar,
# målgrupper, outcomes and checks) applies from 2023.
SUS_SISTA_AR = 2022
FORSTA_AR_UPPFOLJNING_FINSAM = SUS_SISTA_AR + 1


def innevarande_ar() -> int:
    """This year: the last year with figures (live and preliminary) to show."""
    return datetime.date.today().year


def sista_registreringsar() -> int:
    """Next year: the last year that may be registered (its budget is set in the autumn), never later."""
    return innevarande_ar() + 1


def rapportar() -> int:
    """Last year: the year the national report, written in January, is about (the pages' default year)."""
    return innevarande_ar() - 1


def ar_utanfor(forsta: int = AR_MIN, sista: int = AR_MAX) -> str:
    """The message for a year outside forsta–sista."""
    return gettext("Välj ett år mellan %(min)s och %(max)s.") % {"min": forsta, "max": sista}


def datum_utanfor(datum: datetime.date) -> str | None:
    """The message for a date outside AR_MIN–AR_MAX (a typo such as 0224-03-01), None for a date the system knows:
    forms and imports alike."""
    if AR_MIN <= datum.year <= AR_MAX:
        return None
    return gettext("Datumet ska ligga mellan år %(min)s och %(max)s.") % {"min": AR_MIN, "max": AR_MAX}


def las_ar(text, forsta: int = AR_MIN, sista: int = AR_MAX) -> int | None:
    """The year a query parameter names, or None when it names none within forsta–sista ("", "abc", "²", "2024.0",
    a hundred digits): the caller chooses its default and message."""
    text = str(text or "").strip()
    # isascii: "²".isdigit() is true but int() refuses it; a year has at most a few digits.
    if not (text.isascii() and text.isdigit() and len(text) <= 6):
        return None
    ar = int(text)
    return ar if forsta <= ar <= sista else None


def ar_kontrollera(ar: int, forsta: int = AR_MIN, sista: int = AR_MAX) -> None:
    """Refuse a year outside forsta–sista in a service (a ValidationError with ar_utanfor's message)."""
    if not forsta <= ar <= sista:
        raise ValidationError(ar_utanfor(forsta, sista), code="ar")


ar_utanfor_lazy = lazy(ar_utanfor, str)  # for messages fixed at import time, translated when shown


def ar_eller_404(ar: int) -> None:
    """A year in the address outside AR_MIN–AR_MAX (e.g. 99999999999999999999) is a 404, not an overflow in a query."""
    if not AR_MIN <= ar <= AR_MAX:
        raise Http404
