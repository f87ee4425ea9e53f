"""Tables as CSV (one table) and XLSX (the whole year, one sheet per table)."""

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from finsam.statistik.tabeller import Tabell


def tabell_csv(tabell: Tabell) -> str:
    """UTF-8 with BOM so Excel reads å, ä and ö; the definition as a last comment line."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in tabell.export_rader():
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


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
        ws.append(row)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    for tabell in tabeller:
        ws = wb.create_sheet(_sheet_title(tabell.blad or tabell.rubrik, used))
        rows = tabell.export_rader()
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        if tabell.summa:
            for cell in ws[len(rows)]:
                cell.font = Font(bold=True)
        ws.append([])
        ws.append([tabell.rubrik])
        ws.append([tabell.definition])
        ws.column_dimensions["A"].width = 45
        ws.freeze_panes = "B2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
