"""Fail when a translation catalogue (locale/) is incomplete or its compiled .mo does not match the .po."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def _entries(catalogue) -> dict:
    """(context, msgid) -> translation(s) of every translated, non-fuzzy entry."""
    result = {}
    for e in catalogue:
        if e.obsolete or "fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())):
            continue
        key = (e.msgctxt, e.msgid)
        result[key] = tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
    return result


def problems() -> list[str]:
    import polib  # a development tool (requirements-dev.txt); the app itself reads only the .mo files

    fel = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            language = po_path.parts[-3]
            po = polib.pofile(str(po_path))
            if language != settings.LANGUAGE_CODE:
                saknas = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
                if saknas:
                    exempel = "; ".join(m[:60] for m in saknas[:5])
                    fel.append(f"{po_path}: {len(saknas)} texter saknar översättning eller är fuzzy (t.ex. {exempel}).")
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists():
                fel.append(f"{mo_path} saknas.")
            elif _entries(polib.mofile(str(mo_path))) != _entries(po):
                fel.append(f"{mo_path} stämmer inte med {po_path.name}.")
    return fel


class Command(BaseCommand):
    help = "Kontrollera att översättningarna i locale/ är kompletta och kompilerade (.mo stämmer med .po)."
    # Reads files only: no need for the URLs and models to load (nor to be finished while someone works on them).
    requires_system_checks = []

    def handle(self, *args, **options):
        fel = problems()
        if fel:
            raise CommandError(
                "Översättningarna är inte aktuella:\n  "
                + "\n  ".join(fel)
                + "\nÖversätt nya texter i locale/en/LC_MESSAGES/django.po och kör manage.py compilemessages "
                "--ignore=.venv --ignore=node_modules (README, avsnittet Language)."
            )
        self.stdout.write("Översättningarna är kompletta och kompilerade.")
