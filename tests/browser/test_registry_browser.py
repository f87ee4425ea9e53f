"""The registry pages in a real Chromium: login by keyboard, the structure page, and axe-core audits."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login
from tests.factories import UserFactory


@pytest.fixture
def user(reference_data):
    return UserFactory(username="lasare")


def test_login_works_with_the_keyboard_alone(page, live_server, user):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/konto/logga-in/?next=/")
    page.keyboard.type("lasare")  # the username field has focus on arrival
    page.keyboard.press("Tab")
    page.keyboard.type("losenord-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")


def test_the_login_page_has_no_serious_accessibility_violations(page, live_server, user):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("lasare")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []


def test_the_structure_page_changes_date_and_passes_axe(page, live_server, user):
    login(page, live_server, "lasare")
    page.goto(f"{live_server.url}/register/kommuner/")
    page.get_by_label("Datum", exact=True).fill("2023-12-31")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("Den 2023-12-31 fanns 72 samordningsförbund med 274 medlemskommuner")).to_be_visible()
    expect(page.get_by_role("heading", name="Samordningsförbundet i Höganäs")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner CSV").click()
    assert download.value.suggested_filename == "kommuner-i-samordningsforbund-2023-12-31.csv"


def test_the_forbund_history_page_passes_axe(page, live_server, user):
    login(page, live_server, "lasare")
    page.goto(f"{live_server.url}/register/forbund/samordningsforbundet-vastmanland/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samordningsförbundet Västmanland")
    assert axe_violations(page) == []
