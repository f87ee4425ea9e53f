"""One set of number formats for everything a person reads: pages, tables, charts, the report draft and messages.

Swedish grouping (23 849), a decimal comma (57,3), a real minus sign (U+2212, never a hyphen), "+" only where a
change is shown, and "–" where nothing is registered (None): not registered is not zero. Templates use the filters
in core/templatetags/tal.py; Python code calls these functions. Files (CSV, XLSX) keep numbers as numbers and never
go through here (core.export).

    tal(23849)                 "23 849"       tal(-3000)          "−3 000"      tal(None)  "–"
    tal(2.04, 1, tecken=True)  "+2,0"         kr(1234567)         "1 234 567 kr"
    procent(57.26)             "57,3 %"       visa(value, typ)    a table cell by its column's kind
"""

from dataclasses import dataclass

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

from core.avrundning import avrunda

MINUS = "\u2212"
SAKNAS = "–"
NBSP = "\u00a0"


def tal(value, decimaler: int | None = None, *, tecken: bool = False) -> str:
    """A number with grouping; rounded to `decimaler` when given; "+" before a positive number when tecken."""
    if value is None or value == "":
        return SAKNAS
    if decimaler is not None:
        value = avrunda(value, decimaler)  # half away from zero, the one rounding rule (core.avrundning)
    text = number_format(abs(value), decimal_pos=decimaler, force_grouping=True)
    if value < 0:
        return MINUS + text
    if value > 0 and tecken:
        return "+" + text
    return text


def kr(value, *, enhet: bool = True, tecken: bool = False) -> str:
    """Whole kronor: 1234567 -> "1 234 567 kr"; without enhet (a column whose heading says kr) "1 234 567"."""
    if value is None or value == "":
        return SAKNAS
    text = tal(value, tecken=tecken)
    return f"{text}{NBSP}kr" if enhet else text


def procent(value, *, tecken: bool = False, decimaler: int = 1) -> str:
    """A share in percent with one decimal: 57.26 -> "57,3 %"."""
    if value is None or value == "":
        return SAKNAS
    return f"{tal(value, decimaler, tecken=tecken)}{NBSP}%"


def ja_nej(value) -> str:
    if value is None:
        return _("Okänt")
    return _("Ja") if value else _("Nej")


@dataclass(frozen=True)
class Talformat:
    """The active language's thousand separator and yes/no texts, read once for a whole table: a table of 700 rows
    and 11 columns would otherwise look the settings up 7 700 times."""

    tusental: str | None  # None: the language does not group by threes, use number_format
    ja: str
    nej: str
    okant: str

    @classmethod
    def aktuellt(cls) -> "Talformat":
        grupp = get_format("NUMBER_GROUPING")
        return cls(
            tusental=get_format("THOUSAND_SEPARATOR") if grupp == 3 else None,
            ja=_("Ja"),
            nej=_("Nej"),
            okant=_("Okänt"),
        )


# The kinds of a table column (core.tabell.Kolumn.typ) whose cells are numbers, right-aligned on the page.
TEXTTYPER = ("text", "ja_nej", "pe_text", "datum")


def decimaler(value, typ: str) -> int | None:
    """How many decimals a cell of this kind is shown with, on the page and in the files alike: a share and a
    change in percentage points one (a whole number of points none), a change in number or kronor none. None: the
    value as it is."""
    if typ == "procent":
        return 1
    if typ in ("pe", "pe_text"):
        return 0 if isinstance(value, int) else 1
    if typ in ("diff", "diff_kr"):
        return 0
    return None


def visa(value, typ: str, fmt: Talformat | None = None) -> str:
    """A table cell as the page writes it, by its column's kind: antal and kr (the heading names the unit) 23 849,
    procent 57,3 %, pe/diff a signed change, pe_text "+2,0 procentenheter", ar 2024, datum 2024-03-01, ja_nej,
    text."""
    if typ == "ja_nej":
        if fmt is not None:
            return fmt.okant if value is None else (fmt.ja if value else fmt.nej)
        return ja_nej(value)
    if fmt is not None and fmt.tusental is not None and type(value) is int and typ in ("antal", "kr"):
        # The same text as tal(value), without number_format's per-call settings lookups.
        return f"{value:,}".replace(",", fmt.tusental).replace("-", MINUS)
    if value is None:
        return SAKNAS
    if typ in ("text", "ar"):
        return str(value)
    if typ == "datum":
        return value.isoformat()
    if typ == "procent":
        return procent(value, decimaler=decimaler(value, typ))
    if typ == "pe":
        return tal(value, decimaler(value, typ), tecken=True)
    if typ == "pe_text":
        return _("%(andring)s procentenheter") % {"andring": tal(value, decimaler(value, typ), tecken=True)}
    if typ in ("diff", "diff_kr"):
        return tal(value, decimaler(value, typ), tecken=True)
    return tal(value)
