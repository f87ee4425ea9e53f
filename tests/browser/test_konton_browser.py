"""Användare och behörigheter in a real Chromium: a förbundsadministratör appoints a deltagaransvarig and assigns
an insats by keyboard and labels alone, and the account pages pass axe-core (every impact)."""

import pytest
from playwright.sync_api import expect

from forbund.models import Roll
from tests.browser.conftest import ALL_IMPACTS as ALLA
from tests.browser.conftest import axe_violations, login
from tests.factories import BehorighetFactory, ForbundFactory, InsatsFactory, UserFactory


@pytest.fixture
def setup(reference_data):
    forbund = ForbundFactory(namn="Samordningsförbundet Test", slug="test")
    chef = UserFactory(username="chef")
    BehorighetFactory(user=chef, roll=Roll.FORBUNDSADMINISTRATOR, forbund=forbund)
    admin = UserFactory(username="admin")
    BehorighetFactory(user=admin, roll=Roll.ADMINISTRATOR)
    InsatsFactory(forbund=forbund, namn="Steget")
    return forbund


def test_a_forbundsadministrator_appoints_and_assigns(page, live_server, setup):
    login(page, live_server, "chef")
    page.goto(f"{live_server.url}/forbund/test/anvandare/")
    assert axe_violations(page, ALLA) == []
    page.get_by_role("link", name="Utse deltagaransvarig").click()
    page.get_by_label("E-postadress").fill("kalle@example.se")
    page.get_by_label("Förnamn (nytt konto)").fill("Kalle")
    page.get_by_label("Efternamn (nytt konto)").fill("Ek")
    assert axe_violations(page, ALLA) == []
    page.get_by_role("button", name="Utse").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Insatser som Kalle Ek ansvarar för")
    assert axe_violations(page, ALLA) == []
    page.get_by_label("Steget").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("cell", name="Steget")).to_be_visible()


def test_the_administrators_pages_pass_axe(page, live_server, setup):
    login(page, live_server, "admin")
    for path in ("/konton/", "/konton/bjud-in/", "/konton/logg/", "/konto/", "/konto/losenord/", "/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page, ALLA) == [], path
    page.goto(f"{live_server.url}/konton/")
    page.get_by_role("link", name="chef", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Bevilja roll")).to_be_visible()
    assert axe_violations(page, ALLA) == []
    page.get_by_role("link", name="Ta bort rollen Förbundsadministratör").click()
    assert axe_violations(page, ALLA) == []
    page.get_by_role("button", name="Ja, ta bort rollen").click()
    expect(page.get_by_text("Rollen är borttagen")).to_be_visible()
