"""The session warning and the Content-Security-Policy in a real Chromium.

The other browser tests bypass the CSP (axe-core is injected inline); these run pages under the real policy and
fail on any violation.
"""

import datetime

import pytest
from playwright.sync_api import expect

from forbund.models import Roll
from insatser.models import Insats, Malgrupp
from tests.browser.conftest import axe_violations, login
from tests.factories import BehorighetFactory, ForbundFactory, InsatsFactory, UserFactory


@pytest.fixture
def chef(reference_data):
    forbund = ForbundFactory(namn="Samordningsförbundet Webb", slug="webb")
    user = UserFactory(username="webbchef")
    BehorighetFactory(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=forbund)
    admin = UserFactory(username="webbadmin")
    BehorighetFactory(user=admin, roll=Roll.ADMINISTRATOR)
    return InsatsFactory(
        forbund=forbund,
        namn="Steget",
        startdatum=datetime.date(2024, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )


@pytest.fixture
def strict_page(browser, browser_context_args):
    """A page under the real Content-Security-Policy that records every violation the browser reports."""
    context = browser.new_context(**{**browser_context_args, "bypass_csp": False})
    page = context.new_page()
    page.violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.violations.append(m.text))
    yield page
    context.close()


def test_pages_and_the_admin_run_under_the_policy_without_violations(strict_page, live_server, chef):
    page = strict_page
    login(page, live_server, "webbchef")
    for path in ["/", f"/forbund/webb/insatser/{chef.pk}/andra/", "/forbund/webb/insatser/", "/register/kommuner/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # The insats form's script runs: the typ choice hides what does not apply.
    page.goto(f"{live_server.url}/forbund/webb/insatser/ny/")
    page.get_by_role("button", name="Registrera insatsen").click()
    expect(page.locator("#felsammanfattning")).to_be_focused()
    page.context.clear_cookies()
    login(page, live_server, "webbadmin")
    admin_pages = ["/admin/", "/admin/forbund/medlemskap/", "/admin/forbund/forbund/add/", "/admin/auth/user/"]
    for path in [*admin_pages, f"/admin/insatser/insats/{chef.pk}/change/", "/admin/security/apinyckel/"]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        page.wait_for_load_state("networkidle")
    assert page.violations == []
    # django-import-export's "Select all" has an inline onchange (blocked); ours (static/js/admin-export.js) works.
    page.goto(f"{live_server.url}/admin/forbund/medlemskap/export/")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]:visible')
    page.locator("input.select-toggle").uncheck()
    expect(fields.first).not_to_be_checked()
    page.locator("input.select-toggle").check()
    expect(fields.first).to_be_checked()


def test_the_warning_comes_before_the_end_and_keeps_the_session(page, live_server, chef, settings):
    settings.SESSION_COOKIE_AGE = 125
    settings.SESSION_WARNING_SECONDS = 122
    login(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/insatser/")
    warning = page.locator("#session-meddelande")
    expect(warning).to_have_text("", timeout=1000)
    expect(warning).to_contain_text("Du loggas snart ut", timeout=10_000)
    button = page.get_by_role("button", name="Fortsätt vara inloggad")
    expect(button).to_be_focused()  # nobody was typing
    assert axe_violations(page) == []
    button.click()
    expect(warning).to_have_text("Du är fortfarande inloggad.")
    expect(button).to_be_hidden()


def test_typing_survives_the_end_of_the_session(page, live_server, chef, settings):
    settings.SESSION_COOKIE_AGE = 6
    settings.SESSION_WARNING_SECONDS = 4
    login(page, live_server, "webbchef")
    page.goto(f"{live_server.url}/forbund/webb/insatser/{chef.pk}/andra/")
    name = page.get_by_label("Namn")
    name.fill("Steget vidare")
    expect(page.locator("#session-meddelande")).to_contain_text("Du loggas snart ut", timeout=10_000)
    expect(name).to_be_focused()  # the warning does not take the keyboard from someone typing
    expect(page.locator("#session-meddelande")).to_contain_text("Du har loggats ut", timeout=10_000)
    page.wait_for_timeout(1500)  # the server's end passes too
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Logga in igen, så kommer du tillbaka till formuläret")).to_be_visible()
    settings.SESSION_COOKIE_AGE = 1800
    page.get_by_label("Användarnamn").fill("webbchef")
    page.get_by_label("Lösenord").fill("losenord-123")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_label("Namn")).to_have_value("Steget vidare")
    expect(page.get_by_text("Det du skrev innan du loggades ut är ifyllt igen")).to_be_visible()
    assert Insats.objects.get(pk=chef.pk).namn == "Steget"
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Ändringarna är sparade.")).to_be_visible()
    assert Insats.objects.get(pk=chef.pk).namn == "Steget vidare"
