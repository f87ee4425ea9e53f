"""Every page carries a Content-Security-Policy without inline scripts, pages with data are never cached, and
gunicorn does not name itself."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


def csp(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_the_policy_allows_scripts_and_styles_only_from_our_own_files(db):
    policy = csp(Client().get("/konto/logga-in/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/register/kommuner/", "/konto/api-nycklar/", "/admin/", "/api/v1/schema/"])
def test_logged_in_pages_have_the_policy_and_are_not_stored(people, path):
    client = Client()
    client.force_login(people.administrator)
    response = client.get(path)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    assert "no-store" in response["Cache-Control"]


def test_no_template_has_inline_scripts_or_event_handlers():
    offenders = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            text = template.read_text()
            if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text) or "<style" in text or " style=" in text:
                offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_rendered_pages_have_no_inline_scripts(people):
    client = Client()
    client.force_login(people.forbundsadministrator)
    html = client.get("/").content.decode()
    assert "<script" in html  # our static files
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_HANDLER.search(html)


def test_api_answers_to_a_token_are_not_stored(people):
    token = Token.objects.create(user=people.handlaggare)
    response = Client().get("/api/v1/schema/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_view_that_sets_its_own_caching_keeps_it(people):
    # The login page is never_cache'd by Django; we add nothing for an anonymous visitor.
    response = Client().get("/konto/logga-in/")
    assert "no-store" in response["Cache-Control"]
    anonymous = Client().get("/favicon.ico")
    assert "Cache-Control" not in anonymous


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_with_our_config_sends_no_server_header(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "finsam.settings", "DEBUG": "true", "HOME": str(tmp_path)})
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/konto/logga-in/", timeout=5) as response:
                    headers = response.headers
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert "Server" not in headers
    assert "Content-Security-Policy" in headers
    assert not (tmp_path / ".gunicorn").exists()  # no control socket
