"""Real Chromium (Debian's package) driven by Playwright, plus an axe-core audit helper."""

import os
from pathlib import Path

import pytest

# The live server runs Django in a thread while Playwright's sync API holds an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.getenv("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A container's /dev/shm may be 64 MB; Chromium's renderers stall when it fills. /tmp has room.
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails on PostgreSQL, the report also shows what the database was doing at that moment:
    a page that timed out is either slow in a query or waiting for a lock, and CI keeps no server log."""
    report = yield
    if report.failed and call.when == "call" and "tests/browser" in str(item.fspath):
        report.sections.append(("PostgreSQL when the test failed", _database_activity()))
    return report


def _database_activity() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "(not PostgreSQL)"
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, state, wait_event_type, wait_event, round(extract(epoch FROM now() - query_start)::numeric,"
                " 1), left(query, 400) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() ORDER BY query_start"
            )
            rows = cursor.fetchall()
    except Exception as error:  # the report must not hide the test's own failure
        return f"(could not read pg_stat_activity: {error})"
    return "\n".join(" | ".join(str(value) for value in row) for row in rows) or "(no other connection)"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp: axe-core is injected as an inline script, which our Content-Security-Policy blocks (as it should).
    # tests/browser/test_session_browser.py checks the pages under the real policy.
    return {
        **browser_context_args,
        "locale": "sv-SE",
        "timezone_id": "Europe/Stockholm",
        "accept_downloads": True,
        "bypass_csp": True,
    }


def login(page, live_server, username, password="losenord-123"):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, min_impact=("serious", "critical"), tags=WCAG21_AA):
    """Run axe-core's rules with the given tags (WCAG 2.1 A/AA by default) on the page; return the violations of
    the given impacts."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in min_impact
    ]
