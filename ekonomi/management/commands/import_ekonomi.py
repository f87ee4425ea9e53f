from django.core.management.base import BaseCommand

from core.importing.command import ImportCommand
from ekonomi.imports import ekonomi_import


class Command(ImportCommand, BaseCommand):
    help = (
        "Importerar medlemsbidrag, övriga intäkter, administration och eget kapital per förbund och år från en "
        "CSV- eller XLSX-fil (se docs/ekonomi.md). Allt eller inget."
    )
    file_help = "CSV eller XLSX med kolumnerna forbund, ar, post, belopp, kommunkod, region"

    def run_import(self, *, content, filnamn, dry_run, user, options):
        return ekonomi_import(content=content, filnamn=filnamn, user=user, dry_run=dry_run)

    def describe(self, resultat, dry_run):
        if dry_run:
            return f"Filen är giltig: {resultat.antal_forbund_ar} förbund och år. Inget är sparat."
        return (
            f"Sparat: {resultat.medlemsbidrag} medlemsbidrag och {resultat.ovrigt} andra belopp för "
            f"{resultat.antal_forbund_ar} förbund och år, {resultat.statsbidrag} statsbidrag."
        )
