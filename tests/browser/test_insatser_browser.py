"""Insatser in a real Chromium: a förbundschef's day, a deltagaransvarig's counts, and axe-core audits."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from insatser.models import Insats, InsatsAr, Malgrupp
from tests.browser.conftest import axe_violations, login
from tests.factories import InsatsArFactory, InsatsFactory

YEAR = datetime.date.today().year


@pytest.fixture
def setup(reference_data, people):
    assigned = InsatsFactory(
        forbund=people.forbund, namn="Steget vidare", startdatum=datetime.date(2024, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )  # fmt: skip
    assigned.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=assigned, ar=YEAR, budget=400_000, deltagare_kvinnor=3, deltagare_man=2)
    other = InsatsFactory(
        forbund=people.forbund, namn="Hemlig för deltagaransvarig", startdatum=datetime.date(2024, 1, 1)
    )
    return people, assigned, other


def test_a_forbundschef_registers_an_insats_corrects_a_count_and_sees_the_history(page, live_server, setup):
    people, _assigned, _other = setup
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/forbund/test/")
    page.get_by_role("link", name="Registrera ny insats").first.click()
    page.get_by_label("Namn").fill("Jobbspåret")
    page.get_by_label("Individinriktad", exact=True).check()
    page.get_by_label("Preciserad inriktning").select_option("arbetslivsinriktad")
    page.get_by_label("Unga", exact=True).check()
    page.get_by_label("Långtidssjukskrivna").check()
    page.get_by_label("Startdatum").fill(f"{YEAR}-02-01")
    page.get_by_role("button", name="Registrera insatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobbspåret")
    expect(page.get_by_text("Unga, Långtidssjukskrivna")).to_be_visible()

    page.get_by_role("link", name=f"Registrera {YEAR}").click()
    page.get_by_label("Budget (kr)").fill("1 250 000")
    page.get_by_label("Budgeterat antal deltagare").fill("40")
    page.get_by_label("Deltagare, kvinnor").fill("12")
    page.get_by_label("Deltagare, män").fill("9")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text(f"Uppgifterna för {YEAR} är sparade.")).to_be_visible()

    # The correction, with the keyboard only.
    page.get_by_role("link", name=f"Ändra {YEAR}").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"uppgifter för {YEAR}")
    page.get_by_label("Deltagare, kvinnor").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("14")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Uppgifterna för {YEAR} är sparade.")).to_be_visible()

    history = page.get_by_role("region", name="Historik")
    change = history.get_by_role("listitem").filter(has_text=f"Uppgifterna för {YEAR} ändrades").first
    expect(change).to_contain_text("Test Person")
    expect(change.get_by_role("row", name=re.compile("Deltagare, kvinnor"))).to_contain_text("12")
    expect(change.get_by_role("row", name=re.compile("Deltagare, kvinnor"))).to_contain_text("14")
    assert InsatsAr.objects.get(insats__namn="Jobbspåret").deltagare_kvinnor == 14
    assert sorted(Insats.objects.get(namn="Jobbspåret").malgrupper.values_list("kod", flat=True)) == [
        "langtidssjukskrivna",
        "unga",
    ]


def test_a_deltagaransvarig_updates_counts_and_cannot_open_another_insats(page, live_server, setup):
    people, assigned, other = setup
    login(page, live_server, "deltagaransvarig")
    page.goto(f"{live_server.url}/forbund/test/insatser/")
    expect(page.get_by_role("link", name="Hemlig för deltagaransvarig")).to_have_count(0)
    page.get_by_role("link", name="Steget vidare").click()
    page.get_by_role("link", name=f"Ändra {YEAR}").click()
    expect(page.get_by_label("Budget (kr)")).to_have_count(0)
    page.get_by_label("Deltagare, kvinnor").fill("7")
    page.get_by_label("Deltagare, män").fill("4")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text(f"Uppgifterna för {YEAR} är sparade.")).to_be_visible()
    row = InsatsAr.objects.get(insats=assigned, ar=YEAR)
    assert (row.deltagare_kvinnor, row.deltagare_man, row.budget) == (7, 4, 400_000)
    response = page.goto(f"{live_server.url}/forbund/test/insatser/{other.pk}/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/forbund/test/insatser/{other.pk}/ar/{YEAR}/")
    assert response.status == 404


def test_forbund_pages_have_no_serious_accessibility_violations(page, live_server, setup):
    _people, assigned, _other = setup
    login(page, live_server, "chef")
    for path in ("/forbund/test/", "/forbund/test/insatser/", f"/forbund/test/insatser/{assigned.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    # The form with a validation error shown.
    page.goto(f"{live_server.url}/forbund/test/insatser/ny/")
    assert axe_violations(page) == [], "empty form"
    page.get_by_label("Namn").fill("Steget vidare")
    page.get_by_label("Individinriktad", exact=True).check()
    page.get_by_label("Preciserad inriktning").select_option("forberedande")
    page.get_by_label("Startdatum").fill("2025-01-01")
    page.get_by_role("button", name="Registrera insatsen").click()
    expect(page.get_by_role("alert")).to_contain_text("Förbundet har redan en insats med det namnet.")
    expect(page.get_by_label("Namn")).to_have_value("Steget vidare")
    expect(page.get_by_label("Namn")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == [], "form with errors"
    page.goto(f"{live_server.url}/forbund/test/insatser/{assigned.pk}/ar/{YEAR}/")
    assert axe_violations(page) == [], "year form"


def test_the_form_shows_what_applies_to_the_typ_and_focuses_the_errors(page, live_server, setup):
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/forbund/test/insatser/ny/")
    page.get_by_label("Strukturövergripande", exact=True).check()
    expect(page.get_by_role("group", name="Målgrupper")).to_be_hidden()
    expect(page.get_by_label("Deltagaruppföljning")).to_be_visible()
    page.get_by_label("Preciserad inriktning").select_option("behovsanalys")
    page.get_by_label("Individinriktad", exact=True).check()
    expect(page.get_by_label("Preciserad inriktning")).to_have_value("")  # a struktur inriktning cannot stay
    expect(page.get_by_role("group", name="Målgrupper")).to_be_visible()
    page.get_by_role("button", name="Registrera insatsen").click()
    expect(page.get_by_role("alert")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the first error link moves to its field
    expect(page.get_by_label("Namn")).to_be_focused()


NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
BROKEN_DATES = "() => Array.from(document.querySelectorAll('.date')).filter(d => d.getClientRects().length > 1).length"


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen_and_keep_dates_whole(page, live_server, setup, width):
    _people, assigned, _other = setup
    assigned.namn = "Arbetslivsinriktad rehabilitering för unga med aktivitetsersättning i Samordningsförbundet"
    assigned.utforare_fk = True
    assigned.save()
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "chef")
    for path in ("/forbund/test/", "/forbund/test/insatser/?ar=2024", f"/forbund/test/insatser/{assigned.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways at {width} px"
        assert page.evaluate(BROKEN_DATES) == 0, f"{path}: a date is split over two lines at {width} px"
    # The wide list scrolls in its own region, which the keyboard can reach.
    page.goto(f"{live_server.url}/forbund/test/insatser/")
    region = page.get_by_role("region", name=re.compile("insatser – belopp och deltagare"))
    expect(region).to_have_attribute("tabindex", "0")


def test_the_form_offers_only_inriktningar_valid_for_the_dates(page, live_server, setup):
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/forbund/test/insatser/ny/")
    page.get_by_label("Individinriktad", exact=True).check()
    select = page.get_by_label("Preciserad inriktning")
    sus = select.locator("option[value=sus_forberedande]")
    current = select.locator("option[value=forberedande]")
    page.get_by_label("Startdatum").fill(f"{YEAR}-01-01")
    expect(sus).to_be_disabled()
    expect(current).to_be_enabled()
    page.get_by_label("Startdatum").fill("2020-01-01")
    page.get_by_label("Slutdatum").fill("2021-12-31")
    expect(sus).to_be_enabled()
    expect(current).to_be_disabled()
    select.select_option("sus_forberedande")
    page.get_by_label("Startdatum").fill(f"{YEAR}-01-01")
    page.get_by_label("Slutdatum").fill("")
    # A choice the new dates do not fit stays chosen, and the page says why (it was cleared without a word).
    expect(select).to_have_value("sus_forberedande")
    expect(page.get_by_text("gäller inte under datumen du skrivit (SUS, till och med 2022)")).to_be_visible()
    page.get_by_label("Startdatum").fill("2020-01-01")
    page.get_by_label("Slutdatum").fill("2021-12-31")
    expect(page.get_by_text("gäller inte under datumen du skrivit")).to_be_hidden()


def test_a_deleted_insats_is_read_and_restored(page, live_server, setup):
    _people, assigned, _other = setup
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/forbund/test/insatser/{assigned.pk}/")
    page.get_by_role("link", name="Ta bort").click()
    page.get_by_role("button", name="Ja, ta bort insatsen").click()
    page.get_by_role("link", name="Borttagna insatser").click()
    assert axe_violations(page) == [], "borttagna"
    page.get_by_role("link", name="Steget vidare", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steget vidare (borttagen)")
    expect(page.get_by_role("region", name="Historik")).to_contain_text("Insatsen togs bort")
    assert axe_violations(page) == [], "borttagen"
    page.get_by_role("link", name="Återställ insatsen").click()
    page.get_by_role("button", name="Ja, återställ insatsen").click()
    expect(page.get_by_text("Insatsen Steget vidare är återställd.")).to_be_visible()
    expect(page.get_by_role("region", name="Historik")).to_contain_text("Insatsen återställdes")
    assert InsatsAr.objects.get(insats_id=assigned.pk, ar=YEAR).budget == 400_000
