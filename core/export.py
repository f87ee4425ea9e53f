"""Every CSV and XLSX file the app writes goes through safe_cell, so that no cell can attack the person who opens it.

A spreadsheet evaluates a cell that begins with =, +, -, @, tab or carriage return as a formula ("CSV injection"):
an insats named `=HYPERLINK("http://…")` would be a live link in Excel. safe_cell writes such text with a leading
apostrophe, as OWASP recommends; Excel and LibreOffice show the cell as text and never evaluate it. In XLSX the cell
is, in addition, stored as a string (openpyxl would otherwise store a string that begins with "=" as a formula).

Only text is escaped. A number is passed on as a number (int, float, Decimal) and never changed, so -12400 stays a
number a spreadsheet can sum. Callers therefore hand numbers to these writers as numbers and never format them as
text first: a "-12 400" string would be escaped like any other text that begins with "-".

read_cell undoes safe_cell for imports, so an exported file can be edited and imported again unchanged.

CSV is written as Swedish Excel opens it in columns: ";" between cells, a decimal comma (1234,5) and UTF-8 with a
byte order mark. The imports read both "," and ";" (core/importing/files.py).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")
APOSTROF = "'"

CSV_TYP = "text/csv; charset=utf-8"
XLSX_TYP = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def safe_cell(value):
    """The value as it may be written to a file: text that a spreadsheet would evaluate gets a leading apostrophe.

    Text that already begins with apostrophes before such a character gets one more, so read_cell can always take
    exactly one away. A lazy translation is text. Anything else (numbers, dates, None) is returned unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.lstrip(APOSTROF).startswith(FORMELTECKEN):
        return APOSTROF + value
    return value


def read_cell(value):
    """The inverse of safe_cell, for a value read from an imported file."""
    if isinstance(value, str) and value.startswith(APOSTROF) and value.lstrip(APOSTROF).startswith(FORMELTECKEN):
        return value[1:]
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def csv_value(value, *, delimiter: str = ";"):
    """A cell as CSV text: with ";" between cells (Swedish Excel) a decimal number is written with a decimal comma
    (Excel then reads it as a number); dates as ÅÅÅÅ-MM-DD; None as an empty cell."""
    if value is None:
        return ""
    if delimiter == ";" and isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_csv(rows: Iterable[Iterable], out=None, *, delimiter=";", lineterminator="\r\n", bom=True) -> str:
    """Write rows as CSV to out (a text stream), or return the text when out is None.

    None is an empty cell. With bom (the default for downloads) the text starts with a byte order mark, since Excel
    reads UTF-8 (å, ä, ö) correctly only with one. The default ";" and decimal comma are what Swedish Excel opens in
    columns."""
    target = io.StringIO() if out is None else out
    if bom:
        target.write("\ufeff")
    writer = csv.writer(target, delimiter=delimiter, lineterminator=lineterminator)
    # The csv module quotes a field only for the characters of its own line terminator: with "\n" a CR inside a
    # text would be written bare and split the row in Excel. Such a row is written with every text quoted.
    quoted = csv.writer(target, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_STRINGS)
    radbrytning = {c for c in "\r\n" if c not in lineterminator}
    for row in rows:
        row = [csv_value(value, delimiter=delimiter) for value in safe_row(row)]
        bar = any(isinstance(value, str) and radbrytning.intersection(value) for value in row)
        (quoted if bar else writer).writerow(row)
    return target.getvalue() if out is None else ""


def xlsx_cell(ws, value, *, fet: bool = False):
    """One value for a write-only sheet's append, escaped by safe_cell.

    Plain numbers and text go as they are: after safe_cell no text begins with "=", so openpyxl stores it as a
    string, never a formula. A cell object only where the value needs more: a date (shown as ÅÅÅÅ-MM-DD whatever
    Excel's language), text that reads as an Excel error code (#N/A is stored as text, not as an error), bold."""
    value = safe_cell(value)
    felkod = isinstance(value, str) and value in ERROR_CODES
    if not (fet or felkod or isinstance(value, datetime.date)):
        return value
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    if fet:
        cell.font = BOLD
    return cell


def _width(value) -> int:
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, float | Decimal):
        return len(f"{value:,.1f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return len(str(value or ""))


def sheet_title(text: str, used: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, unique in the workbook (case-insensitive)."""
    title = re.sub(r"[\[\]:*?/\\]", "", str(text))[:31].strip() or "Blad"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def _sheet(wb, title: str, rows: Sequence[Sequence], *, widths: dict[int, int], fet=(), frys=False) -> None:
    """One sheet in a write-only workbook: columns sized and (frys) the header row frozen before the first row is
    written, since that writes the sheet's top; then each row once (the rows whose index is in fet in bold)."""
    ws = wb.create_sheet(title)
    if frys:
        ws.freeze_panes = "A2"
    for index, width in widths.items():
        ws.column_dimensions[get_column_letter(index)].width = width
    fet = set(fet)
    for index, row in enumerate(rows):
        bold = index in fet
        ws.append([xlsx_cell(ws, value, fet=bold) for value in row])


def _om_sheet(wb, rubrik: str, om: Sequence[Sequence], used: set[str]) -> None:
    widths = {
        1: max((_width(r[0]) for r in om if r), default=10) + 2,
        2: min(max((_width(r[1]) for r in om if len(r) > 1), default=10) + 2, 100),
    }
    _sheet(wb, sheet_title(rubrik, used), om, widths=widths)


def write_xlsx(
    sheets: Iterable[tuple],
    *,
    om: Sequence[Sequence] = (),
    summa_rader: int = 0,
    om_rubrik: str | None = None,
    om_forst: bool = False,
) -> bytes:
    """A workbook with one sheet per (title, rows), (title, rows, summa_rader) or (title, rows, summa_rader, noter);
    the first row of each is a bold, frozen header row, every column as wide as its widest value.

    om: rows of a sheet om_rubrik ("Om filen"), last or, with om_forst, first (which förbund and year the file
    holds, when it was taken). summa_rader: the last so many rows of a sheet are totals, in bold. noter: rows written
    under the table after an empty row (the table's heading and definition).

    The workbook is written in openpyxl's write-only mode: a row becomes XML as it is appended, so a national table
    of thousands of förbund does not stay in memory as one object per cell."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    om_rubrik = str(om_rubrik or _("Om filen"))
    if om and om_forst:
        _om_sheet(wb, om_rubrik, om, used)
    for title, rows, *extra in sheets:
        summa = extra[0] if extra else summa_rader
        noter = extra[1] if len(extra) > 1 else ()
        rows = [list(row) for row in rows]
        widths: dict[int, int] = {}
        for row in rows:
            for index, value in enumerate(row, start=1):
                widths[index] = max(widths.get(index, 0), _width(value))
        fet = {0, *range(max(len(rows) - summa, 1), len(rows))} if summa else {0}
        if noter:
            rows += [[], *noter]
        _sheet(
            wb,
            sheet_title(title, used),
            rows,
            widths={index: min(max(width, 6) + 2, 60) for index, width in widths.items()},
            fet=fet,
            frys=True,
        )
    if om and not om_forst:
        _om_sheet(wb, om_rubrik, om, used)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def tabeller_xlsx(tabeller: Sequence, *, om: Sequence[Sequence] = (), om_rubrik=None, om_forst=False) -> bytes:
    """Tables (core.tabell.Tabell) as a workbook: one sheet per table with its totals row in bold and its heading
    and definition under it, the numbers as numbers and dates as dates."""
    sheets = [
        (
            t.blad or t.rubrik,
            t.export_rader(),
            1 if t.summa else 0,
            [[t.rubrik], [t.definition]] if t.definition else [],
        )
        for t in tabeller
    ]
    return write_xlsx(sheets, om=om, om_rubrik=om_rubrik, om_forst=om_forst)


def tabeller_csv(tabeller: Sequence, *, om: Sequence[Sequence] = ()) -> str:
    """Tables as one CSV: what the file holds and an empty row (with om); then each table with its totals row, after
    a row with its heading when there are several."""
    rows: list = [*om, []] if om else []
    for i, t in enumerate(tabeller):
        if i:
            rows.append([])
        if len(tabeller) > 1:
            rows.append([t.rubrik])
        rows += t.export_rader()
    return write_csv(rows)


def tabeller_download(tabeller: Sequence, filnamn: str, *, om: Sequence[Sequence] = (), **xlsx) -> HttpResponse:
    """The tables as a CSV or XLSX download, by the file name's suffix; om names the förbund and year."""
    if filnamn.endswith(".xlsx"):
        return file_response(tabeller_xlsx(tabeller, om=om, **xlsx), filnamn)
    return file_response(tabeller_csv(tabeller, om=om), filnamn)


def file_response(content: str | bytes, filnamn: str) -> HttpResponse:
    """A download of a CSV (text) or XLSX (bytes) file written by write_csv or write_xlsx."""
    typ = XLSX_TYP if filnamn.endswith(".xlsx") else CSV_TYP
    response = HttpResponse(content, content_type=typ)
    response["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    return response


def safe_dataset(dataset):
    """A copy of a tablib Dataset with every cell escaped, for django-import-export's admin export.

    Its own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT setting only removes a leading "=" (not +, -, @, tab or CR) and
    turns every cell, numbers too, into text, so the resources call this instead."""
    import tablib

    safe = tablib.Dataset(title=dataset.title)
    safe.headers = safe_row(dataset.headers) if dataset.headers else None
    for row in dataset:
        safe.append(safe_row(row))
    return safe
