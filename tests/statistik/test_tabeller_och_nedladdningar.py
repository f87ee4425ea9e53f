"""A page table and its downloads are one table (core.tabell): the page, the CSV and the XLSX show the same figures
and totals, and a förbund's name reaches none of them as markup or as a formula."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser

import openpyxl
import pytest

from core import tal
from core.tabell import Kolumn, Lank, Tabell, fran_data, som_data
from forbund.models import Forbund
from tests.factories import ForbundFactory, MedlemskapFactory, kommun

SCRIPT = "<script>alert(1)</script>"
FORMEL = "=cmd|' /C calc'!A0"


@pytest.fixture
def nationell(client, people):
    client.force_login(people.handlaggare)
    return client


class _Tabeller(HTMLParser):
    """Every <table> on a page as rows of cell texts (header, body and totals rows alike)."""

    def __init__(self):
        super().__init__()
        self.tabeller, self._rad, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tabeller.append([])
        elif tag == "tr":
            self._rad = []
        elif tag in ("td", "th") and self._rad is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._rad.append(re.sub("[\u00ad▲▼]", "", "".join(self._cell)).strip())  # soft hyphens, sort arrows
            self._cell = None
        elif tag == "tr" and self._rad is not None:
            self.tabeller[-1].append(self._rad)
            self._rad = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _sektion(html: str, nyckel: str) -> list[list[str]]:
    """The table in the page's section id="tabell-<nyckel>" (its chart's data table left out)."""
    start = html.index(f'id="tabell-{nyckel}"')
    del_ = html[start : html.index("</section>", start)]
    parser = _Tabeller()
    parser.feed(del_)
    return parser.tabeller[-1]


def _tal(text) -> float | str | None:
    """A cell as a number whichever way it is written: "1 234,5 %", "−3", "1234.5"; "–" or empty is None."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    t = str(text).replace("\u00a0", "").replace(" ", "").replace("−", "-").replace("%", "").replace(",", ".")
    t = t.removesuffix("procentenheter")
    if t in ("", "–"):
        return None
    return float(t) if re.fullmatch(r"[+-]?\d+(\.\d+)?", t) else str(text).strip()


def _samma(sida: list[list[str]], fil: list[list]) -> None:
    assert len(sida) == len(fil), (sida, fil)
    for s, f in zip(sida, fil, strict=True):
        assert [_tal(c) for c in s] == [_tal(c) for c in f]


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("nyckel,blad", [("tabell1", "Tabell 1"), ("tabell2", "Tabell 2"), ("ekonomi", "Ekonomi")])
def test_a_page_table_and_its_csv_and_xlsx_hold_the_same_figures_and_totals(nationell, handdata, nyckel, blad):
    sida = _sektion(nationell.get("/statistik/?ar=2024").content.decode(), nyckel)
    csv_rader = _csv(nationell.get(f"/statistik/tabell/{nyckel}.csv?ar=2024").content)
    book = openpyxl.load_workbook(io.BytesIO(nationell.get("/statistik/statistik.xlsx?ar=2024").content))
    xlsx_rader = [list(r) for r in book[blad].iter_rows(values_only=True)][: len(csv_rader)]
    _samma(sida, csv_rader)
    _samma(sida, xlsx_rader)
    assert len(sida) > 2  # a header, rows and (tabell 1 and 2) the totals


def test_the_registration_status_page_and_its_csv_agree_row_for_row(nationell, handdata):
    sida = _sektion(nationell.get("/statistik/registrering/?ar=2024&sort=namn").content.decode(), "registrering")
    fil = _csv(nationell.get("/statistik/tabell/registrering.csv?ar=2024&sort=namn").content)
    _samma(sida, fil)


def test_the_kostnadsrapport_page_and_its_downloads_agree(client, people, handdata):
    client.force_login(people.handlaggare)
    url = "/forbund/samordningsforbundet-i-blekinge/ekonomi/2024/kostnadsrapport/"
    parser = _Tabeller()
    parser.feed(client.get(url).content.decode())
    sidor = [t for t in parser.tabeller if t]
    assert len(sidor) == 4  # medelstillgångar, insatskostnader, administration, resultat
    rader = _csv(client.get(url, {"format": "csv"}).content)
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    for sida, ws in zip(sidor, book.worksheets[: len(sidor)], strict=True):
        fil = [list(r) for r in ws.iter_rows(values_only=True)]
        _samma(sida, fil)
        start = rader.index([str(c) for c in fil[0]])  # the CSV has the same table after its heading
        _samma(sida, rader[start : start + len(sida)])


@pytest.fixture
def farliga_namn(db):
    """Two förbund named to attack a page (markup) and a spreadsheet (a formula), both active in 2024."""
    ut = []
    for namn, slug, kod in ((SCRIPT, "skript", "2584"), (FORMEL, "formel", "2580")):
        f = ForbundFactory(namn=namn, slug=slug)
        MedlemskapFactory(forbund=f, kommun=kommun(kod), giltig_fran=datetime.date(2020, 1, 1))
        ut.append(f)
    return ut


def test_a_forbund_named_with_markup_is_text_on_every_page_table_and_in_the_dropdown(nationell, farliga_namn):
    for url in ("/statistik/?ar=2024", "/statistik/forbund/?ar=2024", "/statistik/registrering/?ar=2024"):
        html = nationell.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    dropdown = nationell.get("/statistik/?ar=2024&forbund=skript").content.decode()
    assert '<option value="skript" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>' in dropdown


def test_a_forbund_named_as_a_formula_is_text_in_the_csv_and_xlsx(nationell, farliga_namn):
    rader = _csv(nationell.get("/statistik/tabell/forbund_lista.csv?ar=2024").content)
    assert "'" + FORMEL in [r[0] for r in rader]
    assert FORMEL not in [r[0] for r in rader]
    book = openpyxl.load_workbook(io.BytesIO(nationell.get("/statistik/statistik.xlsx?ar=2024").content))
    celler = [c for r in book["Förbund"].iter_rows() for c in r if c.value and "cmd" in str(c.value)]
    assert [(c.value, c.data_type) for c in celler] == [("'" + FORMEL, "s")]


def test_a_table_survives_storing_in_an_extract_with_its_links_and_figures():
    t = Tabell(
        "t",
        "Förbund",
        [Kolumn("Förbund", "text"), Kolumn("Belopp (kr)", "kr"), Kolumn("Andel", "procent")],
        [[Lank(SCRIPT, "/f/x/"), -3000, 57.26], ["B", None, None]],
        summa=["Totalt", -3000, None],
    )
    igen = fran_data(som_data(t))
    assert igen.export_rader() == t.export_rader()
    assert [(r.forsta.text, r.forsta.url, r.celler) for r in igen.sidrader] == [
        (SCRIPT, "/f/x/", [("−3\u00a0000", "num"), ("57,3\u00a0%", "num")]),
        ("B", "", [("–", "num"), ("–", "num")]),
    ]


def test_a_download_rounds_a_figure_as_the_page_shows_it():
    # Python's round() would give 0.2 and 12.2 (half to even, on binary floats) where the page shows 0,3 and 12,3.
    t = Tabell(
        "t",
        "Andelar",
        [Kolumn("Förbund", "text"), Kolumn("Andel", "procent"), Kolumn("Förändring", "pe"), Kolumn("Skillnad", "diff")],
        [["A", 0.25, 12.25, 2.5], ["B", 12.25, -0.05, -2.5]],
    )
    assert [r.celler for r in t.sidrader] == [
        [("0,3 %", "num"), ("+12,3", "num"), ("+3", "num")],
        [("12,3 %", "num"), ("−0,1", "num"), ("−3", "num")],
    ]
    assert t.export_rader()[1:] == [["A", 0.3, 12.3, 3], ["B", 12.3, -0.1, -3]]


def test_the_number_formats_are_one_set():
    assert tal.tal(23849) == "23\u00a0849"
    assert tal.tal(-3000) == "−3\u00a0000"
    assert tal.tal(2.04, 1, tecken=True) == "+2,0"
    assert tal.tal(None) == tal.kr(None) == tal.procent(None) == "–"
    assert tal.kr(1234567) == "1\u00a0234\u00a0567\u00a0kr"
    assert tal.procent(57.26) == "57,3\u00a0%"
    assert tal.visa(-12, "diff") == "−12"
    assert tal.visa(datetime.date(2024, 3, 1), "datum") == "2024-03-01"


def test_an_extract_page_shows_its_tables_as_taken(client, people, handdata):
    from rapportering.uttag import uttag_ta

    client.force_login(people.handlaggare)
    uttag = uttag_ta(ar=2024, user=people.handlaggare)
    fore = _sektion(client.get(f"/rapportering/uttag/{uttag.pk}/").content.decode(), "tabell1")
    Forbund.objects.filter(slug="samordningsforbundet-i-blekinge").update(namn="Omdöpt")
    from insatser.models import InsatsAr

    InsatsAr.objects.filter(ar=2024).update(deltagare_kvinnor=999)
    assert _sektion(client.get(f"/rapportering/uttag/{uttag.pk}/").content.decode(), "tabell1") == fore
    assert _sektion(client.get("/statistik/?ar=2024").content.decode(), "tabell1") != fore
