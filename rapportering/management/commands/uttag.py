"""python manage.py uttag --ar 2024 --anvandare USER: take the year's frozen extract and print its id."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from rapportering.uttag import uttag_ta


class Command(BaseCommand):
    help = "Tar ett uttag (en fryst ögonblicksbild) av årets statistik och skriver ut dess id."

    def add_arguments(self, parser):
        parser.add_argument("--ar", type=int, required=True)
        parser.add_argument("--anvandare", required=True, help="Användarnamnet på den som tar uttaget.")

    def handle(self, *args, ar, anvandare, **options):
        user = get_user_model().objects.filter(username=anvandare).first()
        if user is None:
            raise CommandError(f"Det finns ingen användare ”{anvandare}”.")
        try:
            uttag = uttag_ta(ar=ar, user=user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(str(uttag.pk))
