"""The shared body of the `import_*` management commands."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.importing.files import ImportFel


class ImportCommand:
    """Read the file, run the import as a named person, report, exit with status 1 on any error (no traceback).

    Subclasses (with Django's BaseCommand) implement run_import(content=, filnamn=, dry_run=, user=, options=)
    and describe(result, dry_run) -> str. The person is required so that the history and the import record say
    who changed the figures; a service account is simply a user created for it (e.g. `system`).
    """

    file_help = "CSV eller XLSX"

    def add_arguments(self, parser):
        parser.add_argument("fil", help=self.file_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollera filen och visa ändringarna utan att spara."
        )
        parser.add_argument(
            "--anvandare",
            metavar="ANVANDARNAMN",
            help="Användaren som gör importen; står som ändrare i historiken och i importposten. Krävs.",
        )

    def handle(self, *args, fil, dry_run, anvandare=None, **options):
        user = self._user(anvandare)
        path = Path(fil)
        if not path.is_file():
            raise CommandError(_("Filen finns inte: %(fil)s") % {"fil": fil})
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("Filen går inte att läsa: %(fel)s") % {"fel": exc.strerror}) from None
        try:
            result = self.run_import(content=content, filnamn=path.name, dry_run=dry_run, user=user, options=options)
        except ImportFel as exc:
            if exc.filfel:
                raise CommandError(f"{exc.filfel} {_('Ingenting har ändrats.')}") from None
            for fel in exc.fel:
                self.stderr.write(str(fel))
            raise CommandError(_("Filen avvisades (%(n)s fel). Ingenting har ändrats.") % {"n": len(exc.fel)}) from None
        except ValidationError as exc:
            # A rule a service checks only when it saves (e.g. a year locked meanwhile): the transaction is undone.
            raise CommandError(f"{' '.join(exc.messages)} {_('Ingenting har ändrats.')}") from None
        self.stdout.write(self.style.SUCCESS(self.describe(result, dry_run)))

    def _user(self, anvandare: str | None):
        if not anvandare:
            raise CommandError(
                _("Ange vem som importerar med --anvandare ANVÄNDARNAMN: historiken och importposten ska ha ett namn.")
            )
        user = get_user_model().objects.filter(username=anvandare, is_active=True).first()
        if user is None:
            raise CommandError(_("Det finns ingen aktiv användare med användarnamnet %(namn)s.") % {"namn": anvandare})
        return user

    def run_import(self, *, content: bytes, filnamn: str, dry_run: bool, user, options: dict):
        raise NotImplementedError

    def describe(self, result, dry_run: bool) -> str:
        raise NotImplementedError
