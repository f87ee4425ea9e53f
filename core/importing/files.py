"""Shared machinery for the all-or-nothing file imports (CSV and XLSX).

A file that is not what it claims (binary, a ZIP that is no workbook, empty, header only, wrong columns) is refused
with one sentence (`ImportFel.fil`). Every other error names the row (as numbered in a spreadsheet: the header is
row 1), the column, the value and what is wrong, so a user can find and fix it in their file. Everything the
database would refuse (numbers out of the column's range, NUL characters, text too long) is found before the
preview (here and in core.importing.celler, which reads the cells), so a preview never promises what the import then
cannot save.
"""

import codecs
import csv
import datetime
import io
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import openpyxl
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from core.export import APOSTROF, read_cell

FIL = 0  # the "row" of an error about the whole file
VISA_TECKEN = 60  # values longer than this are shortened in messages
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format (.xls)
# An empty file: nothing but a BOM and white space, found without a copy of the file and (possessive) without going
# back over the white space.
TOM = re.compile(rb"\s*+(?:\xef\xbb\xbf)?\s*+")


def visa(value: str) -> str:
    """A cell value as shown in a message: NUL visible, long values shortened."""
    text = str(value).replace("\x00", "\\0")
    return text if len(text) <= VISA_TECKEN else text[: VISA_TECKEN - 1] + "…"


@dataclass(frozen=True)
class RadFel:
    rad: int
    kolumn: str
    varde: str
    meddelande: str

    def __str__(self):
        if self.rad == FIL:
            return self.meddelande
        return _("Rad %(rad)s, kolumn %(kolumn)s, värde ”%(varde)s”: %(meddelande)s") % {
            "rad": self.rad,
            "kolumn": self.kolumn,
            "varde": visa(self.varde),
            "meddelande": self.meddelande,
        }


class ImportFel(Exception):
    """The file was rejected; nothing was changed."""

    def __init__(self, fel: list[RadFel]):
        self.fel = fel
        super().__init__("\n".join(str(f) for f in fel))

    @classmethod
    def fil(cls, meddelande: str) -> "ImportFel":
        """The file as a whole is wrong: one sentence, no row."""
        return cls([RadFel(FIL, "", "", meddelande)])

    @property
    def filfel(self) -> str:
        """The sentence about the whole file, or an empty string when the errors are about rows."""
        return self.fel[0].meddelande if len(self.fel) == 1 and self.fel[0].rad == FIL else ""


def cell_text(value) -> str:
    """A cell as the text a person wrote: stripped, a whole number without ".0", a date without a time, and without
    the apostrophe our exports put before a formula."""
    if value is None:
        return ""
    if value.__class__ is str and not value.startswith(APOSTROF):  # most cells: a plain text (CSV)
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return read_cell(str(value)).strip()


@dataclass(slots=True)
class Rad:
    """One data row: its spreadsheet row number, its cells by (lower-cased, stripped) column name, and their text
    (cell_text), worked out once as the row is read: an import asks for each cell's text more than once."""

    nummer: int
    celler: dict[str, object]
    texter: dict[str, str]

    def text(self, kolumn: str) -> str:
        return self.texter.get(kolumn, "")


def read_rows(
    content: bytes,
    filnamn: str,
    required: set[str],
    optional: set[str] = frozenset(),
    alias: dict[str, str] | None = None,
) -> list[Rad]:
    """Parse a CSV or XLSX file into its data rows (at least one); raise ImportFel for anything wrong with the file.

    CSV: UTF-8 (with or without BOM) or Windows-1252/ISO-8859-1 as older Excel saves it; comma, semicolon or tab.
    alias maps other spellings of a column name (e.g. "år") to the column.
    """
    return list(iter_rows(content, filnamn, required, optional, alias))


def iter_rows(
    content: bytes,
    filnamn: str,
    required: set[str],
    optional: set[str] = frozenset(),
    alias: dict[str, str] | None = None,
) -> Iterator[Rad]:
    """read_rows one row at a time, so a large file is never held as rows: the header is checked now, the rows'
    own errors (and a file without rows) raise ImportFel when the last row has been read."""
    raw_headers, records, text_only = _read_table(content, filnamn)
    alias = alias or {}
    headers = [alias.get(h, h) for h in (str(h if h is not None else "").strip().lower() for h in raw_headers)]
    forvantade = ", ".join(sorted(required) + sorted(set(optional) - set(required)))
    dubbletter = sorted({h for h in headers if h and headers.count(h) > 1})
    if dubbletter:
        raise ImportFel.fil(
            _("Kolumnen %(kolumn)s står mer än en gång i rubrikraden.") % {"kolumn": ", ".join(dubbletter)}
        )
    unknown = sorted(set(headers) - required - set(optional) - {""})
    if unknown:
        raise ImportFel.fil(
            ngettext(
                "Rubrikraden har en okänd kolumn (%(okanda)s); förväntade kolumner är %(forvantade)s.",
                "Rubrikraden har okända kolumner (%(okanda)s); förväntade kolumner är %(forvantade)s.",
                len(unknown),
            )
            % {"okanda": ", ".join(unknown), "forvantade": forvantade}
        )
    missing = sorted(required - set(headers))
    if missing:
        raise ImportFel.fil(
            ngettext(
                "Kolumnen %(saknas)s saknas i rubrikraden; förväntade kolumner är %(forvantade)s.",
                "Kolumnerna %(saknas)s saknas i rubrikraden; förväntade kolumner är %(forvantade)s.",
                len(missing),
            )
            % {"saknas": ", ".join(missing), "forvantade": forvantade}
        )
    return _rows(headers, records, text_only)


def _rows(headers: list[str], records: Iterator, text_only: bool) -> Iterator[Rad]:
    """The data rows; with text_only (CSV: every cell a text, none a number or a date) most rows take a shorter way
    to the same Rad."""
    fel, antal, bredd = [], 0, len(headers)
    kort = text_only and all(headers)  # every column named (as usual): a row's cells are its values, stripped
    for index, values in enumerate(records, start=2):
        extra = next((v for v in values[bredd:] if v not in (None, "")), None) if len(values) > bredd else None
        if extra is not None:
            fel.append(
                RadFel(
                    index,
                    "-",
                    str(extra),
                    _("Raden har fler celler (%(n)s) än rubrikraden (%(m)s).") % {"n": len(values), "m": bredd},
                )
            )
        hela = "".join(values[:bredd]) if kort else None
        if kort and APOSTROF not in hela and "\x00" not in hela:
            if not hela:
                continue  # blank lines at the end of spreadsheets are common
            celler = dict(zip(headers, map(str.strip, values), strict=False))
            antal += 1
            yield Rad(index, celler, celler)
            continue
        celler = {h: v for h, v in zip(headers, values, strict=False) if h}
        if all(v is None or v == "" for v in celler.values()):
            continue
        texter = {h: cell_text(v) for h, v in celler.items()}
        fel += [
            RadFel(index, kolumn, value, _("Cellen innehåller ett NUL-tecken (\\0), som inte kan sparas."))
            for kolumn, value in celler.items()
            if isinstance(value, str) and "\x00" in value
        ]
        antal += 1
        yield Rad(index, celler, texter)
    if fel:
        raise ImportFel(fel)
    if not antal:
        raise ImportFel.fil(_("Filen har bara en rubrikrad och inga rader med uppgifter."))


def _read_table(content: bytes, filnamn: str) -> tuple[list, Iterator, bool]:
    """The header and the records of a file, whatever its name says, and whether every cell is a text (CSV), or
    ImportFel with one sentence."""
    suffix = Path(filnamn).suffix.lower()
    if TOM.fullmatch(content):
        raise ImportFel.fil(_("Filen är tom."))
    if content.startswith(ZIP_MAGIC):
        return *_read_xlsx(content), False
    if content.startswith(OLE_MAGIC):
        raise ImportFel.fil(_("Filen är i Excels gamla format (.xls); spara den som XLSX eller CSV och försök igen."))
    if suffix in {".xlsx", ".xlsm"}:
        raise ImportFel.fil(_("Filen heter %(namn)s men är ingen Excel-fil (XLSX).") % {"namn": visa(filnamn)})
    if suffix not in {".csv", ".txt", ""}:
        raise ImportFel.fil(_("Okänt filformat (%(suffix)s): använd CSV eller XLSX.") % {"suffix": visa(suffix)})
    return *_read_csv(content), True


def _read_xlsx(content: bytes) -> tuple[list, Iterator]:
    """The first sheet read as openpyxl streams it (read_only): its rows are never all in memory."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        records = book.active.iter_rows(values_only=True)
        headers = list(next(records, ()))
    except Exception:  # noqa: BLE001 - zipfile, openpyxl and XML parsers each raise their own kinds
        raise _xlsx_fel() from None
    if not any(h not in (None, "") for h in headers):
        book.close()
        raise ImportFel.fil(_("Filen saknar rubrikrad: första raden ska ha kolumnernas namn."))
    return headers, _xlsx_records(book, records)


def _xlsx_fel() -> ImportFel:
    return ImportFel.fil(_("Filen går inte att läsa som XLSX: den är skadad eller ingen Excel-fil."))


def _xlsx_records(book, records: Iterator) -> Iterator:
    try:
        yield from records
    except Exception:  # noqa: BLE001 - a sheet damaged further down fails only when it is read
        raise _xlsx_fel() from None
    finally:
        book.close()


def _encoding(content: bytes) -> str:
    """UTF-8 (a BOM is dropped) or, failing that, Windows-1252; ImportFel when the bytes are neither."""
    for encoding in ("utf-8-sig", "cp1252"):  # cp1252: older Excel's "CSV"; a superset of ISO-8859-1's letters
        decoder, bit = codecs.getincrementaldecoder(encoding)(), 1 << 16
        try:  # in pieces: the whole text would be a second copy of the file
            for start in range(0, len(content), bit):
                decoder.decode(memoryview(content)[start : start + bit])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ImportFel.fil(_("Filen är varken en CSV-fil (UTF-8 eller Windows-1252) eller en XLSX-fil."))


def _read_csv(content: bytes) -> tuple[list, Iterator]:
    """The header and the records, decoded and split as they are read (the file's text is never held whole)."""
    stream = io.TextIOWrapper(io.BytesIO(content), encoding=_encoding(content), newline="")
    lines = (line for line in stream if line.strip("\r\n"))
    header_line = next(lines, "")
    if not header_line.strip():
        raise ImportFel.fil(_("Filen är tom."))
    if any(ord(c) < 32 and c != "\t" for c in header_line.rstrip("\r\n")):
        raise ImportFel.fil(_("Filen är ingen CSV-fil: rubrikraden innehåller tecken som inte är text."))
    # The separator is the one the header uses most: Swedish Excel writes ";", others ",".
    delimiter = max([",", ";", "\t"], key=header_line.count)
    records = _csv_records(csv.reader(itertools.chain([header_line], stream), delimiter=delimiter))
    return next(records, []), records


def _csv_records(reader) -> Iterator:
    try:
        yield from reader
    except csv.Error:
        raise ImportFel.fil(_("Filen går inte att läsa som CSV (ett citattecken eller en cell är fel).")) from None


@contextmanager
def history_user(user):
    """Make simple-history record user as the author of the saves inside (the command line has no request)."""
    context = HistoricalRecords.context
    had_request = hasattr(context, "request")
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if had_request:
            context.request = previous
        else:
            del context.request
