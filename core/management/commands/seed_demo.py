from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = "Skapar demoanvändare för alla roller och exempeldata (bara för utveckling, kan köras flera gånger)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Kör även när DEBUG är av.")

    @transaction.atomic
    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo skapar kända lösenord och körs inte i produktion (DEBUG är av).")
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demodata klar. Logga in med (lösenord = användarnamn):"))
        for username, _name, roll, slug in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {roll.label}{' i ' + slug if slug else ''}")
