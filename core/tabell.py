"""The one table model: columns (heading and kind), rows and a totals row of raw values, a definition and charts.

The page renders it with one template include (templates/core/_tabell.html), the cells formatted by core.tal; the
downloads write the same rows with the numbers kept (core.export.tabeller_csv / tabeller_xlsx). So a page table
and its CSV/XLSX always hold the same figures and totals. No HTML is built here: the template escapes every text.
"""

import re
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal

from django.utils.translation import gettext as _

from core.avrundning import avrunda
from core.tal import TEXTTYPER, Talformat, decimaler, ja_nej, visa

# Long compound words in column headings and where a line may break in them (a soft hyphen, shown only there), so
# eleven columns fit a 1280 px screen. A soft hyphen is a character, not markup: the template escapes the heading.
AVSTAVNINGAR = {
    "deltagaruppföljning": "deltagar\u00aduppföljning",
    "deltagarantal": "deltagar\u00adantal",
    "Deltagarantal": "Deltagar\u00adantal",
    "procentenheter": "procent\u00adenheter",
    "Medlemsbidrag": "Medlems\u00adbidrag",
    "registrerade": "registre\u00adrade",
    "Strukturövergripande": "Struktur\u00adövergripande",
    "strukturövergripande": "struktur\u00adövergripande",
    "individinriktade": "individ\u00adinriktade",
    "Individinriktade": "Individ\u00adinriktade",
}
AVSTAVNING = re.compile("|".join(AVSTAVNINGAR))


@dataclass
class Kolumn:
    rubrik: str
    # text | antal | kr | procent | pe (procentenheter) | diff | ar | datum | ja_nej | varde/forandring (unit from
    # the row): how core.tal.visa writes a cell on the page; the files keep the raw value
    typ: str = "antal"

    @property
    def sidrubrik(self) -> str:
        """The heading on the page, with soft hyphens in long compound words (the downloads keep the plain one)."""
        return AVSTAVNING.sub(lambda m: AVSTAVNINGAR[m.group(0)], str(self.rubrik))


@dataclass
class Lank:
    """A cell that links somewhere (the first column of a list of förbund)."""

    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Cell:
    text: str
    klass: str = ""  # "num" (right-aligned), "status-missing" (a "Nej" that needs attention) or nothing
    url: str = ""


@dataclass
class Rubrik:
    """A column heading as the page shows it, with its sort link when the table can be sorted by it."""

    text: str
    numerisk: bool
    url: str = ""
    aria_sort: str = ""
    pil: str = ""


@dataclass
class Rad:
    forsta: Cell  # the row's heading (<th scope="row">)
    # The other cells as (text, klass): the template unpacks a pair in its loop, which costs a third of looking up
    # two attributes of an object (a table of 700 förbund has 7 000 such cells).
    celler: list[tuple[str, str]]


@dataclass
class Tabell:
    nyckel: str
    rubrik: str
    kolumner: list[Kolumn]
    rader: list[list]
    summa: list | None = None
    definition: str = ""
    radtyper: list[str] | None = None  # the unit of each row, for tables of key figures
    diagram: list = field(default_factory=list)  # charts of the same figures (statistik.charts.Diagram)
    blad: str = ""  # the sheet's name in the workbook (whole words, at most 31 characters)
    # Per column: None, or {"url": ..., "aria_sort": "ascending"|"descending"|""} to sort by it (registration status)
    sortlankar: list[dict | None] | None = None

    BRED = 6  # tables with this many columns may be wider than a phone: the page says they scroll sideways

    @property
    def bred(self) -> bool:
        return len(self.kolumner) >= self.BRED

    def _typ(self, k: int, rad: int | None) -> str:
        typ = self.kolumner[k].typ
        if typ in ("varde", "forandring"):
            enhet = self.radtyper[rad] if self.radtyper and rad is not None else "antal"
            if typ == "varde":
                return enhet
            return "pe_text" if enhet == "procent" else ("diff_kr" if enhet == "kr" else "diff")
        return typ

    @property
    def tomtext(self) -> str:
        return _("Inga rader i urvalet.")

    @property
    def rubriker(self) -> list[Rubrik]:
        """The header row for the page."""
        ut = []
        for k, lank in zip(self.kolumner, self.sortlankar or [None] * len(self.kolumner), strict=True):
            rubrik = Rubrik(k.sidrubrik, k.typ not in TEXTTYPER)
            if lank:
                rubrik.url, rubrik.aria_sort = lank["url"], lank["aria_sort"] or ""
                rubrik.pil = {"ascending": "▲", "descending": "▼"}.get(rubrik.aria_sort, "")
            ut.append(rubrik)
        return ut

    def _rad(self, rad: list, index: int | None, fmt: Talformat) -> Rad:
        cells = []
        for k, value in enumerate(rad):
            typ = self._typ(k, index)
            if isinstance(value, Lank):
                cells.append((value.text, "", value.url))
                continue
            text = visa(value, typ, fmt)
            if typ not in TEXTTYPER:
                cells.append((text, "num", ""))
            else:
                cells.append((text, "status-missing" if text == fmt.nej else "", ""))
        return Rad(Cell(*cells[0]), [(text, klass) for text, klass, _url in cells[1:]])

    @property
    def sidrader(self) -> list[Rad]:
        """The rows as the page writes them (formatted by core.tal; a "Nej" marked as missing)."""
        fmt = Talformat.aktuellt()  # looked up once per table, not once per cell (700 rows × 11 columns)
        return [self._rad(rad, i, fmt) for i, rad in enumerate(self.rader)]

    @property
    def sidsumma(self) -> Rad | None:
        if not self.summa:
            return None
        rad = self._rad(self.summa, None, Talformat.aktuellt())
        rad.celler = [(text, "num" if klass == "num" else "") for text, klass in rad.celler]  # a total is never missing
        return rad

    def export_rader(self) -> list[list]:
        """Header, rows and the totals row with raw numbers for CSV and XLSX, a float rounded as the page shows it."""
        out = [[k.rubrik for k in self.kolumner]]
        for index, rad in enumerate([*self.rader, *([self.summa] if self.summa else [])]):
            row = []
            for k, value in enumerate(rad):
                typ = self._typ(k, index if index < len(self.rader) else None)
                if isinstance(value, Lank):
                    value = value.text
                elif isinstance(value, float):
                    # Rounded as the page shows it (core.tal.decimaler, half away from zero), a share to a tenth.
                    antal = decimaler(value, typ)
                    value = avrunda(value, 1 if antal is None else antal)
                elif typ == "ja_nej":
                    value = ja_nej(value)
                row.append(value)
            out.append(row)
        return out


def _json_varde(value):
    """A cell as JSON keeps it: a link as {text, url}, a Decimal as int or float (the encoder would make it text)."""
    if isinstance(value, Lank):
        return {"text": value.text, "url": value.url}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _fran_json(value):
    return Lank(value["text"], value["url"]) if isinstance(value, dict) else value


def som_data(tabell: Tabell) -> dict:
    """The table as JSON-able data, to store (a frozen extract) and render again exactly as it was."""
    data = {f.name: getattr(tabell, f.name) for f in fields(tabell)}
    data["kolumner"] = [asdict(k) for k in tabell.kolumner]
    data["rader"] = [[_json_varde(v) for v in rad] for rad in tabell.rader]
    data["summa"] = [_json_varde(v) for v in tabell.summa] if tabell.summa else None
    data["diagram"] = [asdict(d) for d in tabell.diagram]
    return data


def fran_data(data: dict, diagramtyp=None) -> Tabell:
    """The table again from som_data's data; diagramtyp: the class of its charts (statistik.charts.Diagram)."""
    data = dict(data)
    data["kolumner"] = [Kolumn(**k) for k in data["kolumner"]]
    data["rader"] = [[_fran_json(v) for v in rad] for rad in data["rader"]]
    data["summa"] = [_fran_json(v) for v in data["summa"]] if data.get("summa") else None
    data["diagram"] = [diagramtyp(**d) for d in data.get("diagram", [])] if diagramtyp else []
    return Tabell(**data)


def andel(del_: float | None, total: float | None) -> float | None:
    """A share in percent (the one definition), None when the part or the total is unknown or the total is 0."""
    if del_ is None or not total:
        return None
    return 100 * del_ / total


def summa(varden) -> int | None:
    """The sum of the known values; None when none is known (not registered is not zero): the one rule."""
    kanda = [v for v in varden if v is not None]
    return sum(kanda) if kanda else None


def andel_kon(rad: dict, kon: str) -> float | None:
    """A kön's share ("kvinnor" or "man") of the participants registered by kön: participation in volyminsatser
    (SUS, counted without kön) is in the total but in neither kön, so it is left out of the shares."""
    return andel(rad.get(kon), (rad.get("kvinnor") or 0) + (rad.get("man") or 0))


def forandring(nu, fore) -> float | None:
    if nu is None or fore is None:
        return None
    return nu - fore
