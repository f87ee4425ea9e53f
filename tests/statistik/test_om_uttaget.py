"""Issue 13: the dashboard's "Om uttaget" and the workbook name the same extract (id, time, who) or both say live
figures: one decision (rapportering.uttag.visat_uttag), one text (statistik.forbundtabeller.om_siffrorna)."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from forbund.models import Roll
from rapportering.uttag import uttag_ta
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory

AR = 2024


@pytest.fixture
def granskare(people):
    user = UserFactory(username="granskare", first_name="Greta", last_name="Granskare")
    BehorighetFactory(user=user, roll=Roll.GRANSKARE, forbund=None)
    insats = InsatsFactory(forbund=people.forbund, namn="Steget", startdatum=datetime.date(AR, 1, 1))
    InsatsArFactory(insats=insats, ar=AR, budget=100_000, utfall=90_000, deltagare_kvinnor=7, deltagare_man=5)
    return user


def _om_sidan(html: str) -> str:
    """The page's "Om uttaget" text."""
    return re.search(r'<p id="om-uttaget-text">(.*?)</p>', html, re.S).group(1).strip()


def _om_bladet(content: bytes) -> dict:
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames[0] == "Om uttaget"
    return {row[0]: row[1] for row in wb["Om uttaget"].iter_rows(values_only=True)}


def test_the_page_and_the_workbook_name_the_same_extract(granskare):
    c = Client()
    c.force_login(granskare)
    uttag = uttag_ta(ar=AR, user=granskare)
    tid = timezone.localtime(uttag.tagen).strftime("%Y-%m-%d %H:%M")

    # The dashboard showing the extract (its chooser leads to the extract's page).
    page = c.get(f"/statistik/?ar={AR}&uttag={uttag.pk}", follow=True).content.decode()
    text = _om_sidan(page)
    assert f"Uttag {uttag.pk}, taget {tid} av Greta Granskare." in text
    # The workbook offered on that page.
    lank = re.search(r'href="(/statistik/statistik\.xlsx\?[^"]*)"', page).group(1).replace("&amp;", "&")
    response = c.get(lank)
    assert f"uttag-{uttag.pk}" in response["Content-Disposition"]
    om = _om_bladet(response.content)
    assert om["Siffrorna"] == text
    assert om["Uttag"] == uttag.pk and om["Uttaget"] == tid

    # Live figures: both the dashboard and its workbook say so, and name no extract.
    live = _om_sidan(c.get(f"/statistik/?ar={AR}").content.decode())
    assert live.startswith("Levande siffror") and f"Uttag {uttag.pk}" not in live
    om_live = _om_bladet(c.get(f"/statistik/statistik.xlsx?ar={AR}").content)
    assert om_live["Siffrorna"] == live and om_live["Uttag"] == "Levande siffror"


def test_the_export_command_writes_the_extracts_workbook(granskare, tmp_path):
    uttag = uttag_ta(ar=AR, user=granskare)
    fil = tmp_path / "uttag.xlsx"
    call_command("export_statistik", "--ar", str(AR), "--uttag", str(uttag.pk), "--format", "xlsx", "--output", fil)
    om = _om_bladet(fil.read_bytes())
    assert om["Uttag"] == uttag.pk and om["Siffrorna"].startswith(f"Uttag {uttag.pk}, taget ")
    assert "Greta Granskare" in om["Siffrorna"]
    with pytest.raises(CommandError, match="hela landet"):
        call_command("export_statistik", "--ar", str(AR), "--lan", "17", "--uttag", "senaste")


def test_an_unknown_extract_in_the_workbook_is_404(granskare):
    c = Client()
    c.force_login(granskare)
    assert c.get(f"/statistik/statistik.xlsx?ar={AR}&uttag=999999").status_code == 404
