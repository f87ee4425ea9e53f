from django.core.management.base import BaseCommand

from core.importing.command import ImportCommand
from insatser.imports import insats_import


class Command(ImportCommand, BaseCommand):
    help = (
        "Importerar insatser och deras årsuppgifter från en CSV- eller XLSX-fil (en rad per insats och år). "
        "Allt eller inget: vid minsta fel ändras ingenting."
    )
    file_help = "CSV eller XLSX, se docs/insatser.md för kolumnerna"

    def run_import(self, *, content, filnamn, dry_run, user, options):
        return insats_import(content=content, filnamn=filnamn, user=user, dry_run=dry_run)

    def describe(self, resultat, dry_run):
        return f"{resultat}{' (inget sparat, --dry-run)' if dry_run else ''}"
