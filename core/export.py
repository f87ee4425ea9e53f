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
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")
APOSTROF = "'"

CSV_TYP = "text/csv; charset=utf-8"
XLSX_TYP = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def xlsx_cell(ws, value) -> Cell:
    """One cell for ws.append: escaped by safe_cell, and text is always a string cell, never a formula."""
    cell = Cell(ws, value=safe_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"  # a real date, shown as ÅÅÅÅ-MM-DD whatever Excel's language
    return cell


def append_row(ws, row: Iterable) -> None:
    """ws.append for the app's workbooks: every value goes through xlsx_cell."""
    ws.append([xlsx_cell(ws, value) for value in row])


def _width(value) -> int:
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, float | Decimal):
        return len(f"{value:,.1f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return len(str(value or ""))


def write_xlsx(sheets: Iterable[tuple], *, om: Sequence[Sequence] = (), summa_rader: int = 0) -> bytes:
    """A workbook with one sheet per (title, rows) or (title, rows, summa_rader); the first row of each is a bold,
    frozen header row.

    om: rows of a last sheet "Om filen" (which förbund and year the file holds, when it was taken). summa_rader: the
    last so many rows of a sheet are totals, in bold."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows, *sheet_summa in sheets:
        summa = sheet_summa[0] if sheet_summa else summa_rader
        ws = wb.create_sheet(title)
        widths: dict[int, int] = {}
        for row in rows:
            append_row(ws, row)
            for index, value in enumerate(row, start=1):
                widths[index] = max(widths.get(index, 0), _width(value))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for rad in range(max(ws.max_row - summa + 1, 2), ws.max_row + 1) if summa else ():
            for cell in ws[rad]:
                cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for index, width in widths.items():
            ws.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, 60)
    if om:
        ws = wb.create_sheet(str(_("Om filen")))
        for row in om:
            append_row(ws, row)
        ws.column_dimensions["A"].width = max((_width(r[0]) for r in om if r), default=10) + 2
        ws.column_dimensions["B"].width = min(max((_width(r[1]) for r in om if len(r) > 1), default=10) + 2, 100)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


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
