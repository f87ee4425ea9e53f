"""Downloads people can open: CSV that Swedish Excel opens in columns (";", decimal comma, UTF-8 with BOM), files for
reading with Swedish headings and names (not codes), the totals, dates as dates in XLSX, and which förbund and year;
the import template stays a separate download in the import format."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from core.export import write_csv
from ekonomi.models import Arsekonomi
from insatser.models import Inriktning, Malgrupp, Typ
from tests.factories import InsatsArFactory, InsatsFactory

BOM = b"\xef\xbb\xbf"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _swedish_excel(content: bytes) -> list[list[str]]:
    """Read a CSV as Swedish Excel does: UTF-8 only with a BOM, ";" between cells."""
    assert content.startswith(BOM), "without a BOM Excel reads UTF-8 as Windows-1252 (Ã¥ for å)"
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode("utf-8"), newline=""), delimiter=";"))


@pytest.fixture
def insatser(people):
    forbund = people.forbund
    steget = InsatsFactory(
        forbund=forbund,
        namn="Steget vidare",
        startdatum=datetime.date(2024, 3, 1),
        inriktning=Inriktning.objects.get(kod="forberedande"),
        malgrupper=list(Malgrupp.objects.filter(kod__in=["langtidssjukskrivna", "unga"])),
    )
    InsatsArFactory(insats=steget, ar=2024, budget=500_000, utfall=480_000, deltagare_kvinnor=10, deltagare_man=8)
    dialog = InsatsFactory(
        forbund=forbund,
        namn="Dialog",
        typ=Typ.STRUKTUROVERGRIPANDE,
        inriktning=Inriktning.objects.filter(typ=Typ.STRUKTUROVERGRIPANDE, giltig_till__isnull=True).first(),
        startdatum=datetime.date(2024, 1, 1),
    )
    InsatsArFactory(insats=dialog, ar=2024, budget=100_000, utfall=90_000)
    Arsekonomi.objects.create(forbund=forbund, ar=2024, administration_budget=50_000, administration_utfall=40_000)
    return people


def test_the_insatser_list_opens_in_columns_with_names_totals_and_which_forbund(insatser):
    response = _client(insatser.forbundsadministrator).get(
        f"/forbund/{insatser.forbund.slug}/insatser/", {"format": "csv", "ar": 2024}
    )
    rows = _swedish_excel(response.content)
    assert rows[0] == ["Förbund", insatser.forbund.namn] and rows[1] == ["År", "2024"]
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "Insats")
    header = rows[header_at]
    assert header[:6] == ["Insats", "Typ", "Preciserad inriktning", "Målgrupper", "Startdatum", "Slutdatum"]
    steget = dict(zip(header, next(r for r in rows if r and r[0] == "Steget vidare"), strict=True))
    assert steget["Typ"] == "Individinriktad" and steget["Preciserad inriktning"] != "forberedande"
    assert steget["Preciserad inriktning"] == Inriktning.objects.get(kod="forberedande").namn
    assert steget["Målgrupper"] == ", ".join(
        sorted(Malgrupp.objects.filter(kod__in=["langtidssjukskrivna", "unga"]).values_list("namn", flat=True))
    )
    assert steget["Startdatum"] == "2024-03-01" and steget["ESF-finansierad"] == "Nej"
    totalt = dict(zip(header, rows[-1], strict=True))
    assert totalt["Insats"] == "Totalt" and totalt["Budget (kr)"] == "600000" and totalt["Utfall (kr)"] == "570000"
    assert insatser.forbund.slug not in response.content.decode("utf-8-sig").replace(
        f"insatser-{insatser.forbund.slug}", ""
    )


def test_the_insatser_list_as_xlsx_has_dates_as_dates_widths_and_a_sheet_about_the_file(insatser):
    response = _client(insatser.forbundsadministrator).get(
        f"/forbund/{insatser.forbund.slug}/insatser/", {"format": "xlsx", "ar": 2024}
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Insatser", "Om filen"]
    ws = book["Insatser"]
    header = [c.value for c in ws[1]]
    start = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Steget vidare")[header.index("Startdatum")]
    assert start.is_date and start.value.date() == datetime.date(2024, 3, 1)
    assert start.number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["A"].width >= len("Steget vidare")
    assert [c.value for c in ws[ws.max_row]][0] == "Totalt" and ws[ws.max_row][0].font.bold
    om = {r[0]: r[1] for r in book["Om filen"].iter_rows(values_only=True)}
    assert om["Förbund"] == insatser.forbund.namn and om["År"] == 2024


def test_the_import_template_is_a_separate_download_in_the_import_format(insatser):
    from insatser.imports import insats_import

    client = _client(insatser.forbundsadministrator)
    page = client.get(f"/forbund/{insatser.forbund.slug}/insatser/").content.decode()
    assert "Ladda ner importmall" in page and "format=importmall" in page
    content = client.get(f"/forbund/{insatser.forbund.slug}/insatser/", {"format": "importmall"}).content
    rows = _swedish_excel(content)
    assert rows[0][:6] == ["forbund", "namn", "typ", "inriktning", "tidigare_inriktning", "malgrupper"]
    rad = next(r for r in rows if r[1:2] == ["Steget vidare"])
    assert [rad[3], rad[5]] == ["forberedande", "langtidssjukskrivna;unga"]
    resultat = insats_import(content=content, filnamn="mall.csv", user=insatser.forbundsadministrator)
    assert (resultat.nya_insatser, resultat.andrade_insatser, resultat.andrade_ar) == (0, 0, 0)


def test_the_kostnadsrapport_says_which_forbund_and_year_and_opens_in_columns(insatser):
    client = _client(insatser.forbundsadministrator)
    url = f"/forbund/{insatser.forbund.slug}/ekonomi/2024/kostnadsrapport/"
    rows = _swedish_excel(client.get(url, {"format": "csv"}).content)
    assert ["Förbund", insatser.forbund.namn] in rows and ["År", "2024"] in rows
    assert ["Administration", "50000", "40000"] in rows
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert "Medelstillgångar" in book.sheetnames and "Om filen" in book.sheetnames  # whole names, not cut at 31
    assert all(len(name) <= 31 and not name.endswith(" per finansiä") for name in book.sheetnames)


def test_every_csv_download_is_read_in_columns_by_a_swedish_excel(insatser):
    urls = [
        (insatser.forbundsadministrator, f"/forbund/{insatser.forbund.slug}/insatser/?format=csv"),
        (insatser.forbundsadministrator, f"/forbund/{insatser.forbund.slug}/ekonomi/2024/kostnadsrapport/?format=csv"),
        (insatser.handlaggare, "/ekonomi/2024/?format=csv"),
        (insatser.handlaggare, "/statistik/tabell/tabell1.csv?ar=2024"),
        (insatser.stranger, "/register/kommuner/?datum=2024-12-31&format=csv"),
    ]
    for user, url in urls:
        response = _client(user).get(url)
        assert response.status_code == 200, url
        rows = [r for r in _swedish_excel(response.content) if len(r) > 1]
        assert rows, f"{url} opens in one column"
        text = response.content.decode("utf-8-sig")
        assert not re.search(r"(^|;)-?\d+\.\d+(;|\r?$)", text, re.M), f"{url} has a decimal point"


def test_decimals_are_written_with_a_comma_and_read_back_as_numbers():
    text = write_csv(
        [["Andel (%)", 40.0], ["Belopp", Decimal("1234.50")], ["Antal", 12], ["Datum", datetime.date(2024, 1, 2)]]
    )
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["Andel (%)", "40,0"], ["Belopp", "1234,50"], ["Antal", "12"], ["Datum", "2024-01-02"]]
    assert float(rows[0][1].replace(",", ".")) == 40.0  # as a Swedish-locale reader parses it
