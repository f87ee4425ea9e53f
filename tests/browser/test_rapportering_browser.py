"""The reporting round in a real Chromium: a förbund explains a warning and submits; a reviewer returns it; it is
corrected, submitted again, approved and locked; an extract is taken. axe-core audits every new page."""

import datetime

import pytest
from playwright.sync_api import expect

from forbund.models import Roll
from insatser.models import Malgrupp
from rapportering.models import Rapporteringsomgang, Uttag
from tests.browser.conftest import axe_violations, login
from tests.factories import BehorighetFactory, ForbundFactory, InsatsArFactory, InsatsFactory, UserFactory

AR = datetime.date.today().year - 1


@pytest.fixture
def runda(reference_data):
    f = ForbundFactory(namn="Samordningsförbundet Webb", slug="webb")
    chef = UserFactory(username="webbchef")
    BehorighetFactory(user=chef, roll=Roll.FORBUNDSADMINISTRATOR, forbund=f)
    granskare = UserFactory(username="fk-granskare")
    BehorighetFactory(user=granskare, roll=Roll.GRANSKARE, forbund=None)
    insats = InsatsFactory(
        forbund=f, namn="Steget", startdatum=datetime.date(AR, 1, 1), malgrupper=[Malgrupp.objects.get(kod="unga")]
    )
    # Utfall far above budget: a warning the förbund must explain.
    InsatsArFactory(insats=insats, ar=AR, budget=100_000, utfall=260_000, deltagare_kvinnor=6, deltagare_man=4)
    idag = datetime.date.today()
    Rapporteringsomgang.objects.create(
        ar=AR,
        oppnar=datetime.date(AR, 1, 1),
        sista_dag=idag + datetime.timedelta(days=20),
        last_datum=idag + datetime.timedelta(days=40),
    )
    return insats


def byt_anvandare(page, live_server, username):
    page.context.clear_cookies()
    login(page, live_server, username)


def test_a_year_is_submitted_returned_corrected_approved_locked_and_extracted(page, live_server, runda):
    login(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/?ar={AR}")
    tasks = page.get_by_role("list", name=f"Uppgifter för {AR}")
    expect(tasks).to_contain_text("Insatser")
    expect(tasks).to_contain_text("Klar")
    assert axe_violations(page) == []
    tasks.get_by_role("link", name="Kontrollera och skicka in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kontrollera och skicka in {AR}")
    assert axe_violations(page) == []
    # Submitting without explaining the warning is refused, with the error summary focused.
    page.get_by_role("button", name="Skicka in årsrapporten").click()
    expect(page.locator("#felsammanfattning")).to_contain_text("Skriv en kort förklaring")
    assert axe_violations(page) == []
    page.get_by_label("Förklaring till Försäkringskassan").fill("Vi hyrde en större lokal under hösten.")
    page.get_by_role("button", name="Skicka in årsrapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Årsrapporten för {AR} är inskickad")
    expect(page.get_by_text("Referensnummer")).to_be_visible()
    assert axe_violations(page) == []

    byt_anvandare(page, live_server, "fk-granskare")
    page.goto(f"{live_server.url}/rapportering/granskning/?ar={AR}")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Samordningsförbundet Webb").click()
    expect(page.get_by_text("Vi hyrde en större lokal under hösten.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Varför återsänds året?").fill("Utfallet ser ut att innehålla nästa års hyra.")
    page.get_by_role("button", name="Återsänd").click()
    expect(page.get_by_text("Året är återsänt till förbundet.")).to_be_visible()

    byt_anvandare(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/rapport/{AR}/")
    expect(page.get_by_text("Utfallet ser ut att innehålla nästa års hyra.")).to_be_visible()
    page.goto(f"{live_server.url}/forbund/webb/insatser/{runda.pk}/ar/{AR}/")
    page.get_by_label("Utfall (kr)").fill("98 000")
    page.get_by_role("button", name="Spara").click()
    page.goto(f"{live_server.url}/forbund/webb/rapport/{AR}/")
    expect(page.get_by_text("Kontrollerna hittade inget att anmärka på.")).to_be_visible()
    page.get_by_role("button", name="Skicka in årsrapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Årsrapporten för {AR} är inskickad")

    byt_anvandare(page, live_server, "fk-granskare")
    page.goto(f"{live_server.url}/rapportering/granskning/webb/{AR}/")
    page.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_text("är godkänt och låst")).to_be_visible()
    page.goto(f"{live_server.url}/rapportering/granskning/?ar={AR}")
    page.get_by_role("button", name=f"Ta uttag av {AR}").click()
    expect(page.get_by_role("heading", name="Om uttaget")).to_be_visible()
    assert Uttag.objects.get().godkanda == ["webb"]
    assert axe_violations(page) == []

    byt_anvandare(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/rapport/{AR}/")
    expect(page.get_by_text("godkänt av Försäkringskassan och låst")).to_be_visible()
    expect(page.get_by_role("button", name="Skicka in årsrapporten")).to_have_count(0)
    page.goto(f"{live_server.url}/rapportering/kontroller/")
    assert axe_violations(page) == []
