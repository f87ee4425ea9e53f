"""Settings for benchmarks/importer.py's gunicorn worker only: the production settings, with the static files' URLs
without collectstatic (as the benchmark's own processes do)."""

from finsam.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
