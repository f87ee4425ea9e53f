from django.core.management.base import BaseCommand
from django.db import transaction

from forbund.reference import load_reference
from insatser.reference import load_insats_reference


class Command(BaseCommand):
    help = (
        "Läser in län, kommuner, regioner, förbund och medlemskap (strukturen 2013, 2021 och från 2023), "
        "inriktningar och målgrupper (kan köras flera gånger)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        counts = load_reference()
        insats_changes = load_insats_reference()
        self.stdout.write(
            self.style.SUCCESS(
                f"Referensdata inläst: {counts['skapade']} nya och {counts['uppdaterade']} uppdaterade rader i registret, "
                f"{insats_changes} ändrade inriktningar/målgrupper."
            )
        )
