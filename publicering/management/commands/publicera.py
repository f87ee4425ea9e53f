"""python manage.py publicera --ar 2024 --anvandare USER [--uttag ID]: release the year and print the release's id."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from publicering.services import publicering_skapa
from rapportering.models import Uttag


class Command(BaseCommand):
    help = (
        "Publicerar årets siffror med små antal skyddade, från ett uttag eller från ett avslutat års aktuella "
        "siffror, och skriver ut publiceringens id."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ar", type=int, required=True)
        parser.add_argument("--anvandare", required=True, help="Användarnamnet på den som publicerar.")
        parser.add_argument("--uttag", type=int, help="Uttaget att publicera från (annars årets aktuella siffror).")

    def handle(self, *args, ar, anvandare, uttag=None, **options):
        user = get_user_model().objects.filter(username=anvandare).first()
        if user is None:
            raise CommandError(f"Det finns ingen användare ”{anvandare}”.")
        valt = None
        if uttag is not None:
            valt = Uttag.objects.filter(pk=uttag).first()
            if valt is None:
                raise CommandError(f"Det finns inget uttag {uttag}.")
        try:
            publicering = publicering_skapa(ar=ar, user=user, uttag=valt)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(str(publicering.pk))
