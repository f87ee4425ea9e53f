from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finsam.importing import ImportFel
from forbund.services import medlemskap_import


class Command(BaseCommand):
    help = "Importerar ändringar i medlemskap från en CSV- eller XLSX-fil. Allt eller inget."

    def add_arguments(self, parser):
        parser.add_argument(
            "fil", help="CSV eller XLSX med kolumnerna kommunkod/region, forbund, giltig_fran, giltig_till"
        )
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle ändras utan att spara.")

    def handle(self, *args, fil, dry_run, **options):
        path = Path(fil)
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {fil}")
        try:
            andringar = medlemskap_import(content=path.read_bytes(), filnamn=path.name, dry_run=dry_run)
        except ImportFel as exc:
            for fel in exc.fel:
                self.stderr.write(str(fel))
            raise CommandError("Filen avvisades. Ingenting har ändrats.") from exc
        for a in andringar:
            extra = f" (från {a.tidigare_forbund})" if a.tidigare_forbund else ""
            self.stdout.write(
                f"Rad {a.rad}: {a.typ_text}: {a.medlem} – {a.forbund} {a.giltig_fran}–{a.giltig_till}{extra}"
            )
        antal = sum(1 for a in andringar if a.typ != "oforandrad")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"{antal} ändringar skulle göras. Inget är sparat (--dry-run)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{antal} ändringar sparade."))
