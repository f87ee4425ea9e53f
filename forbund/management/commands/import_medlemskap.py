from django.core.management.base import BaseCommand

from core.importing.command import ImportCommand
from forbund.imports import medlemskap_import


class Command(ImportCommand, BaseCommand):
    help = "Importerar ändringar i medlemskap från en CSV- eller XLSX-fil. Allt eller inget."
    file_help = "CSV eller XLSX med kolumnerna kommunkod/region, forbund, giltig_fran, giltig_till"

    def run_import(self, *, content, filnamn, dry_run, user, options):
        return medlemskap_import(content=content, filnamn=filnamn, user=user, dry_run=dry_run)

    def describe(self, andringar, dry_run):
        for a in andringar:
            extra = f" (från {a.tidigare_forbund})" if a.tidigare_forbund else ""
            self.stdout.write(
                f"Rad {a.rad}: {a.typ_text}: {a.medlem} – {a.forbund} {a.giltig_fran}–{a.giltig_till}{extra}"
            )
        antal = sum(1 for a in andringar if a.typ != "oforandrad")
        if dry_run:
            return f"{antal} ändringar skulle göras. Inget är sparat (--dry-run)."
        return f"{antal} ändringar sparade."
