"""The production configuration starts and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The browser tests' conftest allows async-unsafe calls for Playwright; production never does.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


# The production environment as README documents it; everything else has a production-safe default.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "finsam.settings",
    "DEBUG": "false",
    "SECRET_KEY": "x" * 60 + "production-like-key-for-the-check",
    "ALLOWED_HOSTS": "finsam.example",
    "CSRF_TRUSTED_ORIGINS": "https://finsam.example",
    "EMAIL_HOST": "smtp.example",
}


def deploy_check(**extra):
    env = {k: v for k, v in BASE_ENV.items() if not k.startswith(("SECURE_", "SESSION_", "BEHIND_PROXY"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV, **extra},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_a_single_warning():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr


def test_behind_a_proxy_that_redirects_to_https_the_check_still_passes():
    result = deploy_check(BEHIND_PROXY="true", SECURE_SSL_REDIRECT="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**BASE_ENV, "DJANGO_SETTINGS_MODULE": "finsam.settings", "DEBUG": "false", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas" in result.stderr
