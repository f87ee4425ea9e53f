"""Tables as CSV (one table) and XLSX (the whole year, one sheet per table)."""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.export import append_row, write_csv
from statistik.tabell import Tabell


def tabell_csv(tabell: Tabell) -> str:
    """UTF-8 with BOM so Excel reads å, ä and ö; ";" and decimal comma (core.export.write_csv) so Swedish Excel opens
    it in columns."""
    return write_csv(tabell.export_rader())


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", text)[:31].strip() or "Tabell"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def arbetsbok(om_uttaget: list[list], tabeller: list[Tabell], om_rubrik: str) -> bytes:
    """One workbook: a sheet about the selection, then one sheet per table (header in row 1)."""
    wb = Workbook(write_only=False)
    used: set[str] = set()
    ws = wb.active
    ws.title = _sheet_title(om_rubrik, used)
    for row in om_uttaget:
        append_row(ws, row)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    for tabell in tabeller:
        ws = wb.create_sheet(_sheet_title(tabell.blad or tabell.rubrik, used))
        rows = tabell.export_rader()
        for row in rows:
            append_row(ws, row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        if tabell.summa:
            for cell in ws[len(rows)]:
                cell.font = Font(bold=True)
        append_row(ws, [])
        append_row(ws, [tabell.rubrik])
        append_row(ws, [tabell.definition])
        ws.column_dimensions["A"].width = 45
        # The other columns as wide as their heading or widest figure, so nothing shows as ####.
        for index in range(2, max((len(r) for r in rows), default=1) + 1):
            bredd = max(
                (len(str(r[index - 1])) for r in rows if len(r) >= index and r[index - 1] is not None), default=8
            )
            ws.column_dimensions[get_column_letter(index)].width = min(max(bredd, 8) + 2, 40)
        ws.freeze_panes = "B2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
