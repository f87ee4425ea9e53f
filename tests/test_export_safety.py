"""No file the app writes can attack its reader: text that a spreadsheet would evaluate as a formula (beginning with
=, +, -, @, tab or carriage return) arrives as text with a leading apostrophe, in every CSV and XLSX download and
export, while a negative number stays a number.

Each export below downloads a file in which a förbund, an insats or a kommun carries the dangerous text and returns
every cell it holds as (value, data_type): data_type is None for CSV, openpyxl's type for XLSX."""

import csv
import datetime
import io
from dataclasses import dataclass

import openpyxl
import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client

from core.export import read_cell, safe_cell, write_csv, write_xlsx
from ekonomi.models import Arsekonomi
from forbund.models import Forbund, Kommun, Medlemskap, Roll
from insatser.models import Insats, Malgrupp
from tests.factories import BehorighetFactory, ForbundFactory, InsatsArFactory, InsatsFactory, UserFactory, kommun

FARLIGA = ['=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
UNDERSKOTT = -12_400  # årets resultat: no income, costs of 10 000 kr for the insats and 2 400 kr administration
KOMMUN = "2584"  # Kiruna


@dataclass
class Farlig:
    text: str
    forbund: Forbund
    people: object
    chef: object
    tmp_path: object


@pytest.fixture
def farlig(request, people, tmp_path):
    """A förbund and an insats named with the dangerous text, Kiruna renamed to it, and a year with a deficit."""
    text = request.param
    forbund = ForbundFactory(namn=text, slug="farligt")
    Kommun.objects.filter(kod=KOMMUN).update(namn=text)
    Medlemskap.objects.create(forbund=forbund, kommun=kommun(KOMMUN), giltig_fran=datetime.date(2020, 1, 1))
    insats = InsatsFactory(forbund=forbund, namn=text, malgrupper=[Malgrupp.objects.get(kod="unga")])
    InsatsArFactory(insats=insats, ar=2024, budget=10_000, utfall=10_000)
    Arsekonomi.objects.create(forbund=forbund, ar=2024, administration_utfall=2_400)
    chef = UserFactory(username="farlig-chef")
    BehorighetFactory(user=chef, roll=Roll.FORBUNDSADMINISTRATOR, forbund=forbund)
    return Farlig(text, forbund, people, chef, tmp_path)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _csv_cells(content: str | bytes) -> list:
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content.removeprefix("\ufeff")
    # The app's downloads use ";" (Swedish Excel); django-import-export's admin export writes ",".
    delimiter = max([";", ","], key=text.partition("\n")[0].count)
    return [(value, None) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for value in row]


def _xlsx_cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [(cell.value, cell.data_type) for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def _get(user, url: str, fmt: str) -> list:
    response = _client(user).get(url)
    assert response.status_code == 200, url
    return _xlsx_cells(response.content) if fmt == "xlsx" else _csv_cells(response.content)


def insatser(f: Farlig, fmt):
    return _get(f.chef, f"/forbund/{f.forbund.slug}/insatser/?format={fmt}", fmt)


def kostnadsrapport(f: Farlig, fmt):
    return _get(f.chef, f"/forbund/{f.forbund.slug}/ekonomi/2024/kostnadsrapport/?format={fmt}", fmt)


def ekonomi_nationellt(f: Farlig, fmt):
    return _get(f.people.handlaggare, f"/ekonomi/2024/?format={fmt}", fmt)


def statistik(f: Farlig, fmt):
    urval = f"ar=2024&forbund={f.forbund.slug}"
    if fmt == "xlsx":
        return _get(f.people.handlaggare, f"/statistik/statistik.xlsx?{urval}", fmt)
    return [
        *_get(f.people.handlaggare, f"/statistik/tabell/forbund_lista.csv?{urval}", fmt),
        # The year's result (Tabell 3 covers only the years before it with fastställda årsredovisningar).
        *_get(f.people.handlaggare, f"/statistik/tabell/ekonomi.csv?{urval}", fmt),
    ]


def struktur(f: Farlig, fmt):
    return _get(f.people.forbundsadministrator, "/register/kommuner/?datum=2024-12-31&format=csv", fmt)


def export_medlemskap(f: Farlig, fmt):
    out = io.StringIO()
    call_command("export_medlemskap", "--datum", "2024-12-31", "--format", "csv", stdout=out)
    return _csv_cells(out.getvalue())


def export_statistik(f: Farlig, fmt):
    path = f.tmp_path / "statistik.xlsx"
    call_command("export_statistik", "--ar", "2024", "--forbund", f.forbund.slug, "--format", "xlsx", "-o", path)
    return _xlsx_cells(path.read_bytes())


def _admin_export(f: Farlig, model, fmt: str) -> list:
    """The admin site's export (django-import-export): every offered field, in the chosen file format."""
    model_admin = admin.site._registry[model]
    formats = model_admin.get_export_formats()
    form = model_admin.get_export_form_class()(formats, model_admin.get_export_resource_classes(None))
    data = {name: "on" for name in form.fields if name not in {"resource", "format", "export_items"}}
    data["resource"] = "0"
    data["format"] = str([f().get_title() for f in formats].index(fmt))
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/export/"
    response = _client(f.people.administrator).post(url, data)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return _xlsx_cells(response.content) if fmt == "xlsx" else _csv_cells(response.content)


def admin_medlemskap(f: Farlig, fmt):
    # The export's one free-text column is the förbund's slug.
    Forbund.objects.filter(pk=f.forbund.pk).update(slug=f.text)
    return _admin_export(f, Medlemskap, fmt)


def admin_insatser(f: Farlig, fmt):
    return _admin_export(f, Insats, fmt)


# (export, format, whether the file holds the deficit as a number)
EXPORTS = [
    (insatser, "csv", False),
    (insatser, "xlsx", False),
    (kostnadsrapport, "csv", True),
    (kostnadsrapport, "xlsx", True),
    (ekonomi_nationellt, "csv", True),
    (ekonomi_nationellt, "xlsx", True),
    (statistik, "csv", True),
    (statistik, "xlsx", True),
    (struktur, "csv", False),
    (export_medlemskap, "csv", False),
    (export_statistik, "xlsx", True),
    (admin_medlemskap, "csv", False),
    (admin_medlemskap, "xlsx", False),
    (admin_insatser, "csv", False),
    (admin_insatser, "xlsx", False),
]


def test_every_admin_export_is_tested_here(db):
    """A new admin export must route its resource through core.export.safe_dataset and join EXPORTS above."""
    from import_export.admin import ExportMixin

    exporting = {m for m, model_admin in admin.site._registry.items() if isinstance(model_admin, ExportMixin)}
    assert exporting == {Medlemskap, Insats}


@pytest.mark.parametrize("farlig", FARLIGA, indirect=True)
@pytest.mark.parametrize(("export", "fmt", "med_underskott"), EXPORTS, ids=lambda v: getattr(v, "__name__", v))
def test_a_formula_is_written_as_text_and_a_negative_number_as_a_number(farlig, export, fmt, med_underskott):
    # An XML reader may turn a stored CR into LF (XML end-of-line handling): openpyxl without lxml reads "\r=1" back
    # as "\n=1", with lxml (which writes it as _x000D_) as "\r=1".
    cells = export(farlig, fmt)
    text = farlig.text
    if fmt == "xlsx" and not any(value == "'" + text for value, _typ in cells):
        text = farlig.text.replace("\r", "\n")
    escaped = [(value, typ) for value, typ in cells if value == "'" + text]
    assert escaped, f"{text!r} not found escaped in {cells}"
    assert not [value for value, _typ in cells if value == text], "written without the apostrophe"
    for _value, typ in escaped:
        assert typ in (None, "s")
    assert not [value for value, typ in cells if typ == "f" or (isinstance(value, str) and value.startswith("="))]
    if med_underskott and fmt == "xlsx":
        assert (UNDERSKOTT, "n") in cells
    elif med_underskott:
        assert (str(UNDERSKOTT), None) in cells  # as written, not "'-12400"


@pytest.mark.parametrize("farlig", [t for t in FARLIGA if not t[0].isspace()], indirect=True)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_escaped_export_imports_again_unchanged(farlig, fmt):
    """The import takes the apostrophe away again (a leading tab or CR is stripped by every import, as before)."""
    from insatser.imports import insats_import

    mall = "importmall" if fmt == "csv" else "importmall-xlsx"  # the list for reading has names, not codes
    content = _client(farlig.chef).get(f"/forbund/{farlig.forbund.slug}/insatser/?format={mall}").content
    resultat = insats_import(content=content, filnamn=f"export.{fmt}", user=farlig.chef)
    assert (resultat.nya_insatser, resultat.andrade_insatser, resultat.andrade_ar) == (0, 0, 0)


# ----------------------------------------------------------------------------------------------- the function


@pytest.mark.parametrize("text", FARLIGA)
def test_safe_cell_puts_an_apostrophe_before_text_a_spreadsheet_would_evaluate(text):
    assert safe_cell(text) == "'" + text
    assert read_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", [-12400, -1.5, 0, None, datetime.date(2024, 1, 1), "Steget vidare", "", "12"])
def test_safe_cell_leaves_numbers_dates_and_ordinary_text_alone(value):
    assert safe_cell(value) == value
    assert read_cell(safe_cell(value)) == value


@pytest.mark.parametrize("text", ["'=1", "''-1", "'", "don't"])
def test_text_that_already_begins_with_an_apostrophe_comes_back_unchanged(text):
    assert read_cell(safe_cell(text)) == text


def test_write_csv_keeps_the_delimiter_a_parameter():
    assert write_csv([["=1", -5]], delimiter=";", bom=False) == "'=1;-5\r\n"


def test_write_xlsx_stores_text_as_a_string_cell_and_numbers_as_numbers():
    cells = _xlsx_cells(write_xlsx([("Blad", [["namn", "belopp"], ["=1+1", -12400]])]))
    assert ("'=1+1", "s") in cells
    assert (-12400, "n") in cells


def test_write_xlsx_bolds_the_header_and_totals_freezes_the_header_and_keeps_error_codes_as_text():
    rows = [["Förbund", "Start", "Belopp"], ["#N/A", datetime.date(2024, 3, 1), 5], ["Totalt", None, 5]]
    content = write_xlsx([("Blad", rows, 1, [["Tabell 1"], ["Definitionen."]])], om=[["År", 2024]])
    book = openpyxl.load_workbook(io.BytesIO(content))
    ws = book["Blad"]
    assert [[c.font.b for c in row] for row in ws.iter_rows(max_row=3)] == [[True] * 3, [False] * 3, [True] * 3]
    assert [(c.value, c.font.b) for c in ws["A"][3:]] == [(None, False), ("Tabell 1", False), ("Definitionen.", False)]
    assert ws.freeze_panes == "A2"
    assert (ws["A2"].value, ws["A2"].data_type) == ("#N/A", "s")
    assert (ws["B2"].value, ws["B2"].number_format) == (datetime.datetime(2024, 3, 1), "yyyy-mm-dd")
    assert ws.column_dimensions["A"].width == len("Förbund") + 2
    assert book.sheetnames == ["Blad", "Om filen"] and book["Om filen"]["B1"].value == 2024
