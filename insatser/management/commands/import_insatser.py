from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from finsam.importing import ImportFel
from insatser.imports import insats_import


class Command(BaseCommand):
    help = (
        "Importerar insatser och deras årsuppgifter från en CSV- eller XLSX-fil (en rad per insats och år). "
        "Allt eller inget: vid minsta fel ändras ingenting."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", help="CSV eller XLSX, se docs/insatser.md för kolumnerna")
        parser.add_argument("--dry-run", action="store_true", help="Kontrollera filen utan att spara.")
        parser.add_argument("--anvandare", help="Användarnamn som står som ändrare i historiken.")

    def handle(self, *args, fil, dry_run, anvandare, **options):
        path = Path(fil)
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {fil}")
        user = None
        if anvandare:
            user = get_user_model().objects.filter(username=anvandare).first()
            if user is None:
                raise CommandError(f"Okänd användare: {anvandare}")
        try:
            resultat = insats_import(content=path.read_bytes(), filnamn=path.name, user=user, dry_run=dry_run)
        except ImportFel as exc:
            for fel in exc.fel:
                self.stderr.write(str(fel))
            raise CommandError(f"Filen avvisades ({len(exc.fel)} fel). Ingenting har ändrats.") from exc
        suffix = " (inget sparat, --dry-run)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{resultat}{suffix}"))
