"""Tables as CSV (one table) and XLSX (the whole year, one sheet per table): core.export's one table exporter."""

from core.export import tabeller_csv, tabeller_xlsx
from statistik.tabell import Tabell


def tabell_csv(tabell: Tabell) -> str:
    """UTF-8 with BOM so Excel reads å, ä and ö; ";" and decimal comma so Swedish Excel opens it in columns."""
    return tabeller_csv([tabell])


def arbetsbok(om_uttaget: list[list], tabeller: list[Tabell], om_rubrik: str) -> bytes:
    """One workbook: a sheet about the selection, then one sheet per table (header in row 1)."""
    return tabeller_xlsx(tabeller, om=om_uttaget, om_rubrik=om_rubrik, om_forst=True)
