"""The outcome grid in a real Chromium: by accessible names and the keyboard, the error summary, and axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from insatser.models import Malgrupp
from tests.browser.conftest import axe_violations, login
from tests.factories import InsatsArFactory, InsatsFactory
from utfall.selectors import utfall_for


@pytest.fixture
def insats(reference_data, people):
    insats = InsatsFactory(
        forbund=people.forbund, namn="Steget vidare", startdatum=datetime.date(2024, 1, 1),
        slutdatum=datetime.date(2025, 12, 31), malgrupper=[Malgrupp.objects.get(kod="unga")],
    )  # fmt: skip
    insats.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=insats, ar=2024, deltagare_kvinnor=10, deltagare_man=8)
    return insats


def cell(page, name):
    """A grid cell by its accessible name (its row and column headers, through aria-labelledby)."""
    return page.get_by_role("spinbutton", name=name, exact=True)


def test_a_deltagaransvarig_registers_outcomes_by_keyboard_and_screen_reader_names(page, live_server, insats):
    login(page, live_server, "deltagaransvarig")
    page.goto(f"{live_server.url}{insats.get_absolute_url()}")
    page.get_by_role("link", name="resultat 2024").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("utfall efter insats 2024")
    assert axe_violations(page) == []

    # Each cell is named by its row and column headers.
    cell(page, "Påbörjade under året, kvinnor 16–29 år").fill("5")
    cell(page, "Avslutade under året, kvinnor 16–29 år").fill("3")
    # The next cell by Tab: 30–44 år.
    page.keyboard.press("Tab")
    page.keyboard.type("0")
    cell(page, "Studier Kvinnor Under 30 år").fill("2")
    page.keyboard.press("Enter")

    # 2 outcomes for 3 finished: the summary links to the cell, the typed values are kept.
    summary = page.locator("#felsammanfattning")
    expect(summary).to_be_visible()
    expect(cell(page, "Studier Kvinnor Under 30 år")).to_have_value("2")
    summary.get_by_role("link").first.click()
    expect(cell(page, "Arbete utan stöd Kvinnor Under 30 år")).to_be_focused()
    assert axe_violations(page) == []
    page.keyboard.type("1")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Utfallen för 2024 är sparade.")).to_be_visible()
    _utfall, varden = utfall_for(insats=insats, ar=2024)
    assert varden[("avslutade", "", "kvinnor", "30_44")] == 0
    assert varden[("utfall", "arbete_utan_stod", "kvinnor", "under_30")] == 1
    # The history names the changed cell as its row's header (the shared history template).
    expect(page.get_by_role("rowheader", name="Avslutade under året, kvinnor, 16–29 år", exact=True)).to_be_visible()


def test_the_grid_fits_a_phone_without_sideways_scrolling(page, live_server, insats):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/forbund/test/insatser/{insats.pk}/ar/2024/utfall/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
