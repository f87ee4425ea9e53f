from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ekonomi.services import ekonomi_import
from finsam.importing import ImportFel


class Command(BaseCommand):
    help = (
        "Importerar medlemsbidrag, övriga intäkter, administration och eget kapital per förbund och år från en "
        "CSV- eller XLSX-fil (se docs/ekonomi.md). Allt eller inget."
    )

    def add_arguments(self, parser):
        parser.add_argument("fil", help="CSV eller XLSX med kolumnerna forbund, ar, post, belopp, kommunkod, region")
        parser.add_argument("--dry-run", action="store_true", help="Kontrollera filen utan att spara.")

    def handle(self, *args, fil, dry_run, **options):
        path = Path(fil)
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {fil}")
        try:
            resultat = ekonomi_import(content=path.read_bytes(), filnamn=path.name, dry_run=dry_run)
        except ImportFel as exc:
            for fel in exc.fel:
                self.stderr.write(str(fel))
            raise CommandError(f"Filen avvisades ({len(exc.fel)} fel). Ingenting har ändrats.") from exc
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Filen är giltig: {resultat.antal_forbund_ar} förbund och år. Inget är sparat.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sparat: {resultat.medlemsbidrag} medlemsbidrag och {resultat.ovrigt} andra belopp för "
                    f"{resultat.antal_forbund_ar} förbund och år, {resultat.statsbidrag} statsbidrag."
                )
            )
