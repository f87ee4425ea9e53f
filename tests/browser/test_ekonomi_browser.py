"""The economy form and the Kostnadsrapport in a real Chromium: keyboard use, errors, and axe-core audits."""

import datetime

import pytest
from playwright.sync_api import expect

from ekonomi.services import arsekonomi_update, medlemsbidrag_set
from forbund.models import Roll
from tests.browser.conftest import axe_violations, login
from tests.factories import (
    BehorighetFactory,
    ForbundFactory,
    InsatsArFactory,
    InsatsFactory,
    MedlemskapFactory,
    UserFactory,
    kommun,
    lan,
)


@pytest.fixture
def forbund(reference_data):
    f = ForbundFactory(namn="Samordningsförbundet Webb", slug="webb")
    MedlemskapFactory(forbund=f, kommun=kommun("1784"), giltig_fran=datetime.date(2015, 1, 1))
    MedlemskapFactory(forbund=f, kommun=kommun("1492"), giltig_fran=datetime.date(2024, 7, 1))
    MedlemskapFactory(forbund=f, region=lan("17"), giltig_fran=datetime.date(2015, 1, 1))
    MedlemskapFactory(forbund=f, region=lan("14"), giltig_fran=datetime.date(2015, 1, 1))
    user = UserFactory(username="webbchef")
    BehorighetFactory(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=f)
    return f


def test_the_economy_form_is_usable_and_passes_axe_with_and_without_errors(page, live_server, forbund):
    login(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/ekonomi/2024/andra/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera ekonomi 2024")
    assert axe_violations(page) == []
    page.get_by_label("Staten (Försäkringskassan)").fill("2 000 000")
    page.get_by_label("Region Värmland").fill("500 000")
    page.get_by_label("Västra Götalandsregionen").fill("500 000")
    page.get_by_label("Arvika").fill("sjuhundra")
    page.get_by_label("Åmål").fill("300 000")
    page.get_by_role("button", name="Spara").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Arvika: Skriv beloppet i hela kronor")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Arvika")).to_have_value("sjuhundra")
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Arvika").click()
    expect(page.get_by_label("Arvika")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("700 000")
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_text("Ekonomin för 2024 är sparad.")).to_be_visible()
    # 2 000 000 / 1 000 000 / 1 000 000: no warning.
    expect(page.get_by_text("Varning:")).to_have_count(0)
    expect(page.get_by_role("row", name="Summa medlemsbidrag")).to_contain_text("4 000 000 kr")
    assert axe_violations(page) == []


def test_the_kostnadsrapport_passes_axe_and_downloads(page, live_server, forbund):
    medlemsbidrag_set(forbund=forbund, ar=2024, belopp={("stat", ""): 1_000_000, ("kommun", "1784"): 200_000})
    arsekonomi_update(forbund=forbund, ar=2024, administration_budget=100_000, administration_utfall=90_000)
    arsekonomi_update(forbund=forbund, ar=2024, eget_kapital_ingaende=0, faststallt_eget_kapital_utgaende=5)
    InsatsArFactory(insats=InsatsFactory(forbund=forbund), ar=2024, budget=500_000, utfall=450_000)
    login(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/ekonomi/2024/kostnadsrapport/")
    expect(page.get_by_role("heading", name="2. Insatskostnader")).to_be_visible()
    expect(page.get_by_text("Obs!")).to_be_visible()  # the fastställd figure differs from the computed one
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Excel (XLSX)").click()
    assert download.value.suggested_filename == "kostnadsrapport-webb-2024.xlsx"
    page.goto(f"{live_server.url}/forbund/webb/ekonomi/2024/")
    expect(page.get_by_text("Varning:")).to_be_visible()  # the regions paid nothing
    assert axe_violations(page) == []


def test_the_national_economy_page_passes_axe(page, live_server, forbund):
    medlemsbidrag_set(forbund=forbund, ar=2024, belopp={("stat", ""): 1_000_000})
    arsekonomi_update(forbund=forbund, ar=2024, eget_kapital_ingaende=100)
    user = UserFactory(username="fk-handlaggare")
    BehorighetFactory(user=user, roll=Roll.NATIONELL_HANDLAGGARE)
    login(page, live_server, "fk-handlaggare")
    page.goto(f"{live_server.url}/ekonomi/2024/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/ekonomi/eget-kapital/?fran=2020&till=2024")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_economy_pages_never_scroll_sideways(page, live_server, forbund, width):
    """Wide tables scroll inside their own labelled box; the page itself never scrolls sideways."""
    medlemsbidrag_set(
        forbund=forbund,
        ar=2024,
        belopp={("stat", ""): 12_000_000, ("region", "17"): 3_000_000, ("kommun", "1784"): 1_000_000},
    )
    arsekonomi_update(forbund=forbund, ar=2024, administration_utfall=900_000, eget_kapital_ingaende=-3_500_000)
    InsatsArFactory(insats=InsatsFactory(forbund=forbund, esf=True), ar=2024, budget=15_000_000, utfall=14_500_000)
    user = UserFactory(username="fk-bred")
    BehorighetFactory(user=user, roll=Roll.NATIONELL_HANDLAGGARE)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "fk-bred")
    for path in (
        "/forbund/webb/ekonomi/2024/",
        "/forbund/webb/ekonomi/2024/kostnadsrapport/",
        "/ekonomi/2024/",
        "/ekonomi/eget-kapital/?fran=2017&till=2024",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        # Amounts never break mid-value: every amount cell is one line high.
        for cell in page.locator("td.num").all():
            if cell.inner_text().strip():
                assert cell.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap"
    if width == 390:
        page.goto(f"{live_server.url}/forbund/webb/ekonomi/2024/kostnadsrapport/")
        region = page.get_by_role("region", name="Tabell 4. Resultat")
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # it does scroll, inside its box
        region.focus()
        page.keyboard.press("ArrowRight")
        expect(region).to_be_focused()
        assert axe_violations(page) == []
