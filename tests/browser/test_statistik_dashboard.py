"""The national dashboard in a real Chromium: accessibility audit, changing year and filter, the workbook."""

import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from forbund.models import Roll
from statistik.urval import forsta_ar
from tests.browser.conftest import axe_violations, login
from tests.factories import BehorighetFactory, UserFactory
from tests.statistik.conftest import build_handdata


def _handlaggare():
    user = UserFactory(username="fk-handlaggare", first_name="Maria", last_name="Handläggare")
    BehorighetFactory(user=user, roll=Roll.NATIONELL_HANDLAGGARE)
    return user


def test_the_dashboard_and_registration_status_pass_axe(page, live_server, reference_data):
    build_handdata()
    _handlaggare()
    login(page, live_server, "fk-handlaggare")
    page.goto(f"{live_server.url}/statistik/?ar=2024")
    expect(page.get_by_role("heading", name="Nationell statistik 2024", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/statistik/registrering/?ar=2024&sort=saknas&riktning=fallande")
    expect(page.get_by_role("heading", name="Registreringsstatus 2024", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/statistik/?ar=1990")
    # The earliest year offered is the data's earliest (the registry holds the 2013 structure).
    expect(page.get_by_role("alert")).to_contain_text(f"Välj ett år mellan {forsta_ar()}")
    assert axe_violations(page) == []


def test_a_handlaggare_changes_year_and_lan_and_downloads_the_workbook(page, live_server, reference_data, tmp_path):
    build_handdata()
    _handlaggare()
    login(page, live_server, "fk-handlaggare")
    page.goto(f"{live_server.url}/statistik/?ar=2023")
    expect(page.get_by_role("heading", name="Nationell statistik 2023", level=1)).to_be_visible()

    page.get_by_label("År", exact=True).select_option("2024")
    page.get_by_label("Län").select_option(label="Norrbottens län")
    page.get_by_role("button", name="Visa").click()
    expect(page).to_have_url(re.compile(r"ar=2024.*lan=25"))
    expect(page.get_by_role("heading", name="Nationell statistik 2024", level=1)).to_be_visible()
    tabell = page.get_by_role("table", name=re.compile("Insatser och deltagare"))
    expect(tabell.get_by_role("row", name=re.compile("Insatser totalt"))).to_contain_text("3")

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner hela året som Excel (XLSX)").click()
    assert download.value.suggested_filename == "finsam-statistik-2024-lan-25.xlsx"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    wb = load_workbook(path)
    om = {row[0]: row[1] for row in wb["Om uttaget"].iter_rows(values_only=True)}
    assert (om["År"], om["Län"]) == (2024, "Norrbottens län")
    insatser = {row[0]: row[1] for row in wb["Insatser och deltagare"].iter_rows(values_only=True)}
    assert insatser["Insatser totalt"] == 3


def test_wide_tables_scroll_inside_labelled_regions_and_the_page_never_sideways(page, live_server, reference_data):
    build_handdata()
    _handlaggare()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "fk-handlaggare")
    for path, rubrik in [
        ("/statistik/?ar=2024", "Tabell 1. Individinriktade insatser per inriktning"),
        ("/statistik/?ar=2024", "Tabell 2. Strukturövergripande insatser per inriktning"),
        ("/statistik/registrering/?ar=2024", "Registreringsstatus 2024"),
        ("/statistik/forbund/?ar=2024&lan=10&forbund=samordningsforbundet-halland", None),
    ]:
        page.goto(f"{live_server.url}{path}")
        bredd = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert bredd[0] <= bredd[1] == 390, path
        if rubrik is None:
            continue
        region = page.get_by_role("region", name=re.compile("^" + re.escape(rubrik) + r" \("))
        expect(region).to_have_attribute("tabindex", "0")
        # The table is wider than the phone: it scrolls inside its region, and the page says so.
        assert region.evaluate("el => el.scrollWidth > el.clientWidth"), rubrik
        hint = page.locator(f"#{region.get_attribute('aria-describedby')}")
        expect(hint).to_be_visible()
        expect(hint).to_contain_text("dra eller scrolla i sidled")
        region.focus()
        page.keyboard.press("ArrowRight")
        # The keyboard scrolls it too (smooth scrolling takes a moment).
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=3000)


def test_every_table_fits_a_1280_px_screen(page, live_server, reference_data):
    build_handdata()
    _handlaggare()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "fk-handlaggare")
    for path in ["/statistik/?ar=2024", "/statistik/registrering/?ar=2024", "/statistik/forbund/?ar=2024"]:
        page.goto(f"{live_server.url}{path}")
        klipps = page.evaluate(
            "() => [...document.querySelectorAll('.stat-tabell > .table-scroll')]"
            ".filter(e => e.scrollWidth > e.clientWidth).map(e => e.getAttribute('aria-label'))"
        )
        assert klipps == [], path
        expect(page.locator(".scroll-hint").first).to_be_hidden()
