from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from finsam.importing import ImportCommand
from insatser.imports import insats_import


class Command(ImportCommand, BaseCommand):
    help = (
        "Importerar insatser och deras årsuppgifter från en CSV- eller XLSX-fil (en rad per insats och år). "
        "Allt eller inget: vid minsta fel ändras ingenting."
    )
    file_help = "CSV eller XLSX, se docs/insatser.md för kolumnerna"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--anvandare", help="Användarnamn som står som ändrare i historiken.")

    def run_import(self, content, filnamn, dry_run, options):
        user = None
        if options.get("anvandare"):
            user = get_user_model().objects.filter(username=options["anvandare"]).first()
            if user is None:
                raise CommandError(f"Okänd användare: {options['anvandare']}")
        return insats_import(content=content, filnamn=filnamn, user=user, dry_run=dry_run)

    def describe(self, resultat, dry_run):
        return f"{resultat}{' (inget sparat, --dry-run)' if dry_run else ''}"
