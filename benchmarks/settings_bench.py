"""Settings for benchmarks/forbundsidor.py only: the production settings plus a baseline page, /bench/baseline/
(a logged-in view that runs one query), that the förbund pages' throughput is compared with."""

from finsam.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls_bench"
# The static files' URLs without collectstatic (production's manifest lookup is a dictionary read).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
