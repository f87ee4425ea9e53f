"""The table model: columns, rows and cells with raw values, shown as HTML and exported with the numbers kept.

Numbers are written the Swedish way on the page (visa), once per table.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.formats import get_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.avrundning import avrunda
from statistik import charts

# Long compound words in column headings and where a line may break in them (a soft hyphen, shown only there).
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
    # text | antal | kr | procent | pe (procentenheter) | diff | ar | ja_nej | varde/forandring (unit from the row)
    typ: str = "antal"

    @property
    def html_rubrik(self) -> str:
        """The heading with soft hyphens in long compound words, so eleven columns fit a 1280 px screen (the
        downloads keep the plain heading)."""
        return AVSTAVNING.sub(lambda m: AVSTAVNINGAR[m.group(0)], html.escape(self.rubrik))


@dataclass
class Lank:
    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Cell:
    text: str
    numerisk: bool
    url: str = ""


@dataclass
class Tabell:
    nyckel: str
    rubrik: str
    kolumner: list[Kolumn]
    rader: list[list]
    summa: list | None = None
    definition: str = ""
    radtyper: list[str] | None = None  # the unit of each row, for tables of key figures
    diagram: list[charts.Diagram] = field(default_factory=list)
    blad: str = ""  # the sheet's name in the workbook (at most 31 characters)
    # Per column: None, or {"url": ..., "aria_sort": "ascending"|"descending"|""} to sort by it (registration status)
    sortlankar: list[dict | None] | None = None

    BRED = 6  # tables with this many columns may be wider than a phone: the page says they scroll sideways

    @property
    def bred(self) -> bool:
        return len(self.kolumner) >= self.BRED

    @property
    def html_thead(self) -> SafeString:
        """The header row, written in Python like the body (the template's loop over columns cost ~1 ms a table)."""
        delar = []
        for k, lank in zip(self.kolumner, self.sortlankar or [None] * len(self.kolumner), strict=True):
            rubrik = k.html_rubrik
            klass = "" if k.typ in ("text", "ja_nej") else ' class="num"'
            sort = f' aria-sort="{lank["aria_sort"]}"' if lank and lank["aria_sort"] else ""
            if lank:
                pil = {"ascending": " ▲", "descending": " ▼"}.get(lank["aria_sort"], "")
                pil = f' <span aria-hidden="true">{pil.strip()}</span>' if pil else ""
                rubrik = f'<a href="{html.escape(lank["url"])}">{rubrik}{pil}</a>'
            delar.append(f'<th scope="col"{sort}{klass}>{rubrik}</th>')
        return mark_safe("<tr>" + "".join(delar) + "</tr>")  # noqa: S308 - every text is escaped

    def _typ(self, k: int, rad: int | None) -> str:
        typ = self.kolumner[k].typ
        if typ in ("varde", "forandring"):
            enhet = self.radtyper[rad] if self.radtyper and rad is not None else "antal"
            if typ == "varde":
                return enhet
            return "pe_text" if enhet == "procent" else ("diff_kr" if enhet == "kr" else "diff")
        return typ

    def _cells(self, rad: list, index: int | None, fmt: "Format | None" = None) -> list[Cell]:
        cells = []
        for k, value in enumerate(rad):
            typ = self._typ(k, index)
            if isinstance(value, Lank):
                cells.append(Cell(value.text, False, value.url))
            else:
                cells.append(Cell(visa(value, typ, fmt), typ not in ("text", "ja_nej", "pe_text")))
        return cells

    @property
    def html_rader(self) -> list[list[Cell]]:
        fmt = Format.aktuellt()  # looked up once per table, not once per cell (700 rows × 11 columns)
        return [self._cells(rad, i, fmt) for i, rad in enumerate(self.rader)]

    @property
    def html_summa(self) -> list[Cell] | None:
        return self._cells(self.summa, None) if self.summa else None

    @staticmethod
    def _rad_html(cells: list[Cell], nej: str) -> str:
        delar = []
        for n, c in enumerate(cells):
            text = html.escape(c.text)
            if n == 0:
                inner = f'<a href="{html.escape(c.url)}">{text}</a>' if c.url else text
                delar.append(f'<th scope="row">{inner}</th>')
            elif c.numerisk:
                delar.append(f'<td class="num">{text}</td>')
            elif c.text == nej:
                delar.append(f'<td class="status-missing">{text}</td>')
            else:
                delar.append(f"<td>{text}</td>")
        return "<tr>" + "".join(delar) + "</tr>"

    @property
    def html_tbody(self) -> SafeString:
        """The body rows, written in Python: a table of 700 förbund through the template language took ~100 ms."""
        nej = _("Nej")
        rader = [self._rad_html(cells, nej) for cells in self.html_rader]
        if not rader:
            rader = [f'<tr><td colspan="{len(self.kolumner)}">{html.escape(_("Inga rader i urvalet."))}</td></tr>']
        return mark_safe("\n".join(rader))  # noqa: S308 - every text is escaped in _rad_html

    @property
    def html_tfoot(self) -> SafeString:
        summa = self.html_summa
        return mark_safe(self._rad_html(summa, "")) if summa else mark_safe("")  # noqa: S308 - escaped

    def export_rader(self) -> list[list]:
        """Header and rows with raw numbers (shares rounded to one decimal) for CSV and XLSX."""
        out = [[k.rubrik for k in self.kolumner]]
        for index, rad in enumerate([*self.rader, *([self.summa] if self.summa else [])]):
            row = []
            for k, value in enumerate(rad):
                typ = self._typ(k, index if index < len(self.rader) else None)
                if isinstance(value, Lank):
                    value = value.text
                elif isinstance(value, float):
                    value = avrunda(value, 1)
                elif typ == "ja_nej":
                    value = _ja_nej(value)
                row.append(value)
            out.append(row)
        return out


def _ja_nej(value) -> str:
    if value is None:
        return _("Okänt")
    return _("Ja") if value else _("Nej")


@dataclass(frozen=True)
class Format:
    """The active language's thousand separator and yes/no texts, read once for a whole table."""

    tusental: str | None  # None: the language does not group by threes, use number_format
    ja: str
    nej: str
    okant: str

    @classmethod
    def aktuellt(cls) -> "Format":
        grupp = get_format("NUMBER_GROUPING")
        return cls(
            tusental=get_format("THOUSAND_SEPARATOR") if grupp == 3 else None,
            ja=_("Ja"),
            nej=_("Nej"),
            okant=_("Okänt"),
        )


def visa(value, typ: str, fmt: Format | None = None) -> str:
    """A value as the report writes it: 23 849, 57,3 %, +2,0 procentenheter."""
    if typ == "ja_nej":
        if fmt is not None:
            return fmt.okant if value is None else (fmt.ja if value else fmt.nej)
        return _ja_nej(value)
    if fmt is not None and fmt.tusental is not None and type(value) is int and typ in ("antal", "kr"):
        # The same text as number_format(value, force_grouping=True), without its per-call settings lookups.
        return f"{value:,}".replace(",", fmt.tusental)
    if value is None:
        return "–"
    if typ == "text":
        return str(value)
    if typ == "ar":
        return str(value)
    if typ == "procent":
        return f"{number_format(avrunda(value, 1), 1)} %"
    if typ == "pe":
        return _signed(value, 0 if isinstance(value, int) else 1)
    if typ == "pe_text":
        return _("%(andring)s procentenheter") % {"andring": _signed(value, 0 if isinstance(value, int) else 1)}
    if typ in ("diff", "diff_kr"):
        return _signed(value, 0)
    return number_format(value, force_grouping=True)


def _signed(value: float, decimaler: int) -> str:
    value = avrunda(value, decimaler)
    text = number_format(abs(value), decimaler, force_grouping=True)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


def andel(del_: float, total: float) -> float | None:
    return 100 * del_ / total if total else None


def forandring(nu, fore) -> float | None:
    if nu is None or fore is None:
        return None
    return nu - fore
