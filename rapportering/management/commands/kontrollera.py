"""python manage.py kontrollera --ar 2024 [--forbund SLUG] [--format json|text]: every finding of the checks."""

import json

from django.core.management.base import BaseCommand, CommandError

from core.granser import AR_MAX, AR_MIN
from forbund.models import Forbund
from rapportering.kontroller import kontrollera


class Command(BaseCommand):
    help = "Kör årets kontroller och skriver ut fynden (fel, varningar, information)."

    def add_arguments(self, parser):
        parser.add_argument("--ar", type=int, required=True, help="Året som kontrolleras, t.ex. 2024.")
        parser.add_argument("--forbund", help="Bara detta förbund (kortnamn/slug).")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, ar, forbund, format, **options):
        if not AR_MIN <= ar <= AR_MAX:
            raise CommandError(f"Ogiltigt år: {ar}.")
        forbund_ids = None
        if forbund:
            f = Forbund.objects.filter(slug=forbund).first()
            if f is None:
                raise CommandError(f"Det finns inget förbund med kortnamnet ”{forbund}”.")
            forbund_ids = [f.pk]
        fynd = kontrollera(ar=ar, forbund_ids=forbund_ids)
        if format == "json":
            self.stdout.write(json.dumps([f.as_dict() for f in fynd], ensure_ascii=False, indent=2))
            return
        for f in fynd:
            insats = f" insats {f.insats}" if f.insats else ""
            self.stdout.write(f"{f.forbund} {f.ar} {f.niva} {f.kod}{insats}: {f.meddelande}")
        self.stdout.write(f"{len(fynd)} fynd.")
