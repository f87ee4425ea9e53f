from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from forbund.models import FORBUND_ROLLER, Forbund, Roll
from forbund.services import behorighet_grant, behorighet_revoke


class Command(BaseCommand):
    help = "Ger eller tar bort en roll för en användare."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke"])
        parser.add_argument("--user", required=True, help="användarnamn")
        parser.add_argument("--roll", required=True, choices=Roll.values)
        parser.add_argument("--forbund", help="förbundets kortnamn (slug), för förbundsroller")

    def handle(self, *args, action, user, roll, forbund, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Användaren finns inte: {user}") from exc
        target = None
        if roll in FORBUND_ROLLER:
            if not forbund:
                raise CommandError(f"Rollen {roll} gäller ett förbund: ange --forbund.")
            target = Forbund.objects.filter(slug=forbund).first()
            if target is None:
                raise CommandError(f"Okänt förbund: {forbund}")
        elif forbund:
            raise CommandError(f"Rollen {roll} är nationell: ange inte --forbund.")
        try:
            if action == "grant":
                behorighet_grant(user=account, roll=roll, forbund=target)
                self.stdout.write(self.style.SUCCESS(f"{user} har nu rollen {Roll(roll).label}."))
            else:
                n = behorighet_revoke(user=account, roll=roll, forbund=target)
                if not n:
                    raise CommandError(f"{user} hade inte rollen {Roll(roll).label}.")
                self.stdout.write(self.style.SUCCESS(f"Rollen {Roll(roll).label} är borttagen för {user}."))
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
