"""python manage.py skicka_paminnelser: run daily (cron or a systemd timer); each reminder is sent once."""

from django.conf import settings
from django.core.management.base import BaseCommand

from rapportering.paminnelser import skicka_paminnelser


class Command(BaseCommand):
    help = "Skickar dagens påminnelser till förbund som inte har skickat in året (varje påminnelse en gång)."

    def handle(self, *args, **options):
        skickade = skicka_paminnelser(bas_url=getattr(settings, "FINSAM_BAS_URL", ""))
        for p in skickade:
            self.stdout.write(f"{p.forbund.slug} {p.ar} ({p.dagar:+d} dagar): {p.mottagare}")
        self.stdout.write(f"{len(skickade)} påminnelser skickade.")
