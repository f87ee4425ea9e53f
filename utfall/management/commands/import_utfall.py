from django.core.management.base import BaseCommand

from core.importing.command import ImportCommand
from utfall.imports import utfall_import


class Command(ImportCommand, BaseCommand):
    help = (
        "Importerar utfall efter insats (påbörjade, avslutade och utfall per kön och ålder) per individinriktad "
        "insats och år från en CSV- eller XLSX-fil (se docs/utfall.md). Allt eller inget."
    )
    file_help = "CSV eller XLSX med kolumnerna forbund, namn, ar, kategori, kod, kon, aldersgrupp, antal"

    def run_import(self, *, content, filnamn, dry_run, user, options):
        return utfall_import(content=content, filnamn=filnamn, user=user, dry_run=dry_run)

    def describe(self, resultat, dry_run):
        if dry_run:
            return f"Filen är giltig: {resultat}. Inget är sparat."
        return f"Sparat: {resultat}"
