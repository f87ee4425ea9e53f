"""Each role's main flow with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys): no clicks, and no
page.goto after the login page. Every stop checks that the focused element shows its focus."""

import datetime

import pytest
from playwright.sync_api import expect

from forbund.models import Roll
from insatser.models import InsatsAr, Malgrupp
from rapportering.models import Arsrapport, Rapporteringsomgang, Status
from rapportering.services import arsrapport_skicka_in
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

AR = datetime.date.today().year - 1

# What the focused element is called (its label, or its text) and whether its focus can be seen.
FOCUSED = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
  const name = (e.getAttribute('aria-label') || label || e.textContent || e.value || '').replace(/\\s+/g, ' ').trim().replace(/\\s*[:*]$/, '');
  const s = getComputedStyle(e);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {name, tag: e.tagName, id: e.id, visible};
}"""


def tab_to(page, name, *, back=False, contains=False, limit=120):
    """Tab (or Shift+Tab) until the focused element is called `name`; its focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused["name"] == name or (name in focused["name"] if contains else focused["name"].startswith(name + " ")):
            assert focused["visible"], f"{name}: the focus cannot be seen"
            return focused
    pytest.fail(f"Tab never reached {name!r}")


def type_into(page, label, text):
    tab_to(page, label)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose(page, label, option):
    """A <select> with the arrow keys: down until the option is chosen."""
    tab_to(page, label)
    for _ in range(300):
        if page.evaluate("() => document.activeElement.selectedOptions[0].textContent.trim()").startswith(option):
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"{label}: no option {option!r}")


def log_in(page, live_server, username):
    """The only page.goto: the login page; then the skip link, the first stop on every page."""
    page.goto(f"{live_server.url}/konto/logga-in/")
    type_into(page, "Användarnamn", username)
    type_into(page, "Lösenord", "losenord-123")
    enter(page)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Hoppa till innehållet"
    assert page.evaluate(FOCUSED)["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "innehall"


def enter(page):
    """Enter on a link or in a form: wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def follow(page, name, *, back=False):
    tab_to(page, name, back=back)
    enter(page)


@pytest.fixture
def forbund(reference_data):
    f = ForbundFactory(namn="Samordningsförbundet Webb", slug="webb")
    MedlemskapFactory(forbund=f, kommun=kommun("1784"), giltig_fran=datetime.date(2015, 1, 1))
    MedlemskapFactory(forbund=f, region=lan("17"), giltig_fran=datetime.date(2015, 1, 1))
    for username, roll, forbund in [
        ("webbchef", Roll.FORBUNDSADMINISTRATOR, f),
        ("deltagare", Roll.DELTAGARANSVARIG, f),
        ("fk-granskare", Roll.GRANSKARE, None),
        ("handlaggare", Roll.NATIONELL_HANDLAGGARE, None),
        ("admin", Roll.ADMINISTRATOR, None),
    ]:
        BehorighetFactory(user=UserFactory(username=username, first_name=username), roll=roll, forbund=forbund)
    idag = datetime.date.today()
    Rapporteringsomgang.objects.create(
        ar=AR, oppnar=datetime.date(AR, 1, 1), sista_dag=idag + datetime.timedelta(days=20),
        last_datum=idag + datetime.timedelta(days=40),
    )  # fmt: skip
    return f


def test_a_forbundsadministrator_registers_an_insats_its_year_the_economy_and_submits(page, live_server, forbund):
    # This year's: the förbund's start page leads to the current year's tasks.
    log_in(page, live_server, "webbchef")
    follow(page, "Samordningsförbundet Webb", back=False)
    follow(page, "Registrera ny insats")
    # Sent empty: the error summary takes the focus.
    follow(page, "Registrera insatsen")
    expect(page.locator("#felsammanfattning")).to_be_focused()
    type_into(page, "Namn", "Jobbspåret")
    tab_to(page, "Individinriktad")
    page.keyboard.press("Space")
    choose(page, "Preciserad inriktning", "Arbetslivsinriktad")
    tab_to(page, "Unga")
    page.keyboard.press("Space")
    type_into(page, "Startdatum", f"{AR}-02-01")
    tab_to(page, "Registrera insatsen")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobbspåret")

    follow(page, f"Registrera {AR + 1}")
    type_into(page, "Budget (kr)", "400 000")
    type_into(page, "Utfall (kr)", "380 000")
    type_into(page, "Budgeterat antal deltagare", "20")
    type_into(page, "Deltagare, kvinnor", "9")
    type_into(page, "Deltagare, män", "7")
    enter(page)
    expect(page.get_by_text(f"Uppgifterna för {AR + 1} är sparade.")).to_be_visible()
    assert InsatsAr.objects.get(insats__namn="Jobbspåret", ar=AR + 1).deltagare_man == 7

    follow(page, "Ekonomi", back=True)
    follow(page, "Innevarande år")
    follow(page, "Registrera ekonomin")
    type_into(page, "Staten (Försäkringskassan)", "2 000 000")
    type_into(page, "Region Värmland", "1 000 000")
    type_into(page, "Arvika", "1 000 000")
    enter(page)
    expect(page.get_by_text(f"Ekonomin för {AR + 1} är sparad.")).to_be_visible()

    follow(page, "Samordningsförbundet Webb", back=True)
    follow(page, "Kontrollera och skicka in")
    follow(page, "Skicka in årsrapporten")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Årsrapporten för {AR + 1} är inskickad")
    assert Arsrapport.objects.get(forbund=forbund, ar=AR + 1).status == Status.INSKICKAD


def test_a_deltagaransvarig_enters_the_counts_of_an_assigned_insats(page, live_server, forbund):
    insats = InsatsFactory(
        forbund=forbund, namn="Steget", startdatum=datetime.date(AR, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )  # fmt: skip
    insats.deltagaransvariga.add(forbund.behorigheter.get(roll=Roll.DELTAGARANSVARIG).user)
    log_in(page, live_server, "deltagare")
    follow(page, "Steget")
    follow(page, f"Registrera {AR}")
    type_into(page, "Deltagare, kvinnor", "5")
    type_into(page, "Deltagare, män", "4")
    enter(page)
    expect(page.get_by_text(f"Uppgifterna för {AR} är sparade.")).to_be_visible()
    assert InsatsAr.objects.get(insats=insats, ar=AR).deltagare_kvinnor == 5


def test_a_granskare_approves_a_submitted_year(page, live_server, forbund):
    insats = InsatsFactory(forbund=forbund, namn="Steget", startdatum=datetime.date(AR, 1, 1))
    InsatsArFactory(insats=insats, ar=AR, budget=100_000, utfall=98_000, deltagare_kvinnor=6, deltagare_man=4)
    chef = forbund.behorigheter.get(roll=Roll.FORBUNDSADMINISTRATOR).user
    arsrapport_skicka_in(forbund=forbund, ar=AR, user=chef, forklaringar={})
    log_in(page, live_server, "fk-granskare")
    follow(page, "Granskning", back=True)
    follow(page, "Samordningsförbundet Webb")
    follow(page, "Godkänn")
    expect(page.get_by_text("är godkänt och låst")).to_be_visible()
    assert Arsrapport.objects.get(forbund=forbund, ar=AR).status == Status.GODKAND


def test_a_nationell_handlaggare_changes_the_year_and_downloads_a_csv(page, live_server, forbund):
    log_in(page, live_server, "handlaggare")
    follow(page, "Nationell statistik", back=True)
    choose(page, "År", str(AR - 1))
    follow(page, "Visa")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nationell statistik {AR - 1}")
    tab_to(page, "som CSV", contains=True)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")


def test_an_administrator_invites_a_user_with_a_role(page, live_server, forbund, mailoutbox):
    log_in(page, live_server, "admin")
    follow(page, "Användare", back=True)
    follow(page, "Bjud in användare")
    follow(page, "Skapa konto och skicka inbjudan")
    expect(page.locator("#felsammanfattning")).to_be_focused()
    type_into(page, "Användarnamn", "kalle")
    type_into(page, "E-postadress", "kalle@example.se")
    choose(page, "Roll", "Förbundsadministratör")
    choose(page, "Förbund", "Samordningsförbundet Webb")
    follow(page, "Skapa konto och skicka inbjudan")
    expect(page.get_by_text("kalle@example.se", exact=True)).to_be_visible()
    assert forbund.behorigheter.filter(user__username="kalle", roll=Roll.FORBUNDSADMINISTRATOR).exists()
    assert mailoutbox[-1].to == ["kalle@example.se"]
