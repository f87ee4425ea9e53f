"""The tillgänglighetsredogörelse, its feedback form and the language switch in Chromium, audited with axe-core."""

import pytest
from playwright.sync_api import expect

from forbund.models import Roll
from tests.browser.conftest import ALL_IMPACTS, AXE, axe_violations, login
from tests.factories import BehorighetFactory, UserFactory


@pytest.fixture
def administrator(reference_data):
    user = UserFactory(username="admin", email="admin@example.se", is_staff=True)
    BehorighetFactory(user=user, roll=Roll.ADMINISTRATOR)
    return user


def header_violations(page):
    """axe-core on the header only: the language switch, whatever the page's content."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run('header.site-header', {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [(v["id"], v["help"]) for v in result["violations"]]


def test_the_statement_and_the_feedback_form_have_no_violations(page, live_server, administrator):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighet för Uppföljning Finsam")
    expect(page.get_by_role("link", name="Anmäl bristande tillgänglighet", exact=False)).to_be_visible()
    assert axe_violations(page, min_impact=ALL_IMPACTS) == []

    page.get_by_role("link", name="skriva till oss med vårt formulär").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lämna synpunkter på tillgängligheten")
    assert axe_violations(page, min_impact=ALL_IMPACTS) == []
    page.get_by_label("Din e-postadress (frivillig)").fill("inte en adress")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_text("Skriv ditt meddelande.")).to_be_visible()
    expect(page.get_by_text("Skriv en e-postadress som namn@exempel.se.")).to_be_visible()
    assert axe_violations(page, min_impact=ALL_IMPACTS) == []

    page.get_by_label("Ditt meddelande").fill("Diagrammet på statistiksidan går inte att nå med tangentbordet.")
    page.get_by_label("Din e-postadress (frivillig)").fill("anna@example.se")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för ditt meddelande")
    assert axe_violations(page, min_impact=ALL_IMPACTS) == []


def test_the_language_switch_works_with_the_keyboard_alone(page, live_server, administrator):
    page.goto(f"{live_server.url}/tillganglighet/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "English":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/tillganglighet/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility of Uppföljning Finsam")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    assert axe_violations(page, min_impact=ALL_IMPACTS) == []

    # The choice stays on the next page, the English feedback form included.
    page.get_by_role("link", name="Give feedback on accessibility").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Give feedback on accessibility")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Write your message.")).to_be_visible()
    assert axe_violations(page, min_impact=ALL_IMPACTS) == []

    page.get_by_role("button", name="Svenska").focus()
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lämna synpunkter på tillgängligheten")


def test_the_header_with_the_switch_has_no_violations_when_logged_in(page, live_server, administrator):
    login(page, live_server, "admin")
    assert header_violations(page) == []
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert header_violations(page) == []


def test_the_admin_autocomplete_search_box_has_a_name(page, live_server, administrator):
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/forbund/behorighet/add/")
    expect(page.get_by_text("- Välj ett alternativ -").first).to_be_attached()
    page.locator(".field-forbund .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    expect(search).to_have_attribute("aria-label", "Förbund")
    assert [v for v in axe_violations(page, min_impact=ALL_IMPACTS) if v["id"] == "label"] == []
    page.keyboard.press("Escape")

    # The admin site has the language switch too.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
