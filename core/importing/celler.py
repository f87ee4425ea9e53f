"""A cell's value as the import needs it: a whole number, a date or yes/no, checked against what its database column
can hold (core.importing.files reads the rows; this reads their cells). Every error names the row, the column and
the value, as every import's errors do; a misspelt name gets a hint (closest).
"""

import datetime
import difflib
import functools

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from core.granser import datum_utanfor
from core.importing.files import Rad, RadFel


@functools.cache
def _limits(field) -> tuple[int | None, int | None, tuple]:
    """The tightest bounds of a model field (its column's standard SQL range and its Min/MaxValueValidators) and
    its other validators; read once per field, since an import checks it for every row."""
    lo, hi = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type(), (None, None))
    andra = []
    for validator in field.validators:
        if isinstance(validator, MinValueValidator) and not callable(validator.limit_value):
            lo = validator.limit_value if lo is None else max(lo, validator.limit_value)
        elif isinstance(validator, MaxValueValidator) and not callable(validator.limit_value):
            hi = validator.limit_value if hi is None else min(hi, validator.limit_value)
        elif not isinstance(validator, MaxLengthValidator):
            andra.append(validator)
    return lo, hi, tuple(andra)


def field_errors(field, value) -> list[str]:
    """Why the database column of a model field (or the field's validators) would refuse value; [] if it is fine.

    The ranges are the standard SQL ones (as PostgreSQL enforces them), also on SQLite, which enforces none.
    """
    lo, hi, andra = _limits(field)
    if isinstance(value, int) and not isinstance(value, bool):
        if hi is not None and value > hi:
            return [_("Talet är för stort: högst %(max)s.") % {"max": hi}]
        if lo is not None and value < lo:
            return [_("Talet är för litet: minst %(min)s.") % {"min": lo}]
        if not andra:
            return []
    max_length = getattr(field, "max_length", None)
    if isinstance(value, str) and max_length and len(value) > max_length:
        return [_("Texten är för lång: högst %(max)s tecken (här %(n)s).") % {"max": max_length, "n": len(value)}]
    if value in field.empty_values:
        return []
    messages = []
    for validator in andra:
        try:
            validator(value)
        except ValidationError as exc:
            messages.extend(exc.messages)
    return messages


def check_field(rad: Rad, kolumn: str, value, field, fel: list[RadFel]) -> bool:
    """Report (as a row error) a value the field's database column would refuse; True when it fits."""
    messages = field_errors(field, value)
    if messages:
        fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn) or str(value), messages[0]))
    return not messages


def parse_date(rad: Rad, kolumn: str, *, required: bool, fel: list[RadFel]) -> datetime.date | None:
    raw = rad.celler.get(kolumn)
    if isinstance(raw, datetime.datetime):
        value = raw.date()
    elif isinstance(raw, datetime.date):
        value = raw
    else:
        text = rad.text(kolumn)
        if not text:
            if required:
                fel.append(RadFel(rad.nummer, kolumn, "", _("Datum saknas.")))
            return None
        try:
            value = datetime.date.fromisoformat(text)
        except ValueError:
            fel.append(RadFel(rad.nummer, kolumn, text, _("Ogiltigt datum: skriv ÅÅÅÅ-MM-DD.")))
            return None
    if utanfor := datum_utanfor(value):
        fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn), utanfor))
        return None
    return value


def parse_int(rad: Rad, kolumn: str, *, required: bool, fel: list[RadFel], minimum: int = 0, field=None) -> int | None:
    """A whole number from a cell; with field, also within what that model field's column can hold."""
    text = rad.text(kolumn)
    if not text:
        if required:
            fel.append(RadFel(rad.nummer, kolumn, "", _("Värde saknas.")))
        return None
    try:
        value = int(text)
    except ValueError:
        text = text.replace(" ", "").replace("\u00a0", "")  # thousands written with spaces: "12 500"
        try:
            value = int(text)
        except ValueError:
            fel.append(RadFel(rad.nummer, kolumn, text, _("Inte ett heltal.")))
            return None
    if value < minimum:
        fel.append(RadFel(rad.nummer, kolumn, text, _("Får inte vara mindre än %(min)s.") % {"min": minimum}))
        return None
    if field is None:
        return value
    lo, hi, andra = _limits(field)
    if (hi is None or value <= hi) and (lo is None or value >= lo) and not andra:
        return value  # within the column's range (the common case, checked without building messages)
    return value if check_field(rad, kolumn, value, field, fel) else None


def parse_ja_nej(rad: Rad, kolumn: str, *, fel: list[RadFel], default: bool = False) -> bool:
    text = rad.text(kolumn).lower()
    if not text:
        return default
    if text in {"ja", "j", "1", "true", "yes"}:
        return True
    if text in {"nej", "n", "0", "false", "no"}:
        return False
    fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn), _("Skriv ja eller nej.")))
    return default


def closest(value: str, candidates: list[str]) -> str:
    """A Swedish hint naming the closest known value, or an empty string."""
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in candidates}
        match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.5)
        match = [lowered[m] for m in match]
    return _(" Menade du ”%(namn)s”?") % {"namn": match[0]} if match else ""
