import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from core.export import write_csv
from forbund.exports import struktur_csv_rows
from forbund.selectors import struktur_on


class Command(BaseCommand):
    help = "Skriver ut vilka kommuner som ingick i vilka förbund ett visst datum (JSON eller CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--datum", required=True, help="ÅÅÅÅ-MM-DD")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, datum, format, **options):
        try:
            day = datetime.date.fromisoformat(datum)
        except ValueError as exc:
            raise CommandError(f"Ogiltigt datum: {datum} (skriv ÅÅÅÅ-MM-DD)") from exc
        struktur = struktur_on(day)
        if format == "json":
            self.stdout.write(json.dumps(struktur.as_dict(), ensure_ascii=False, indent=2))
        else:
            write_csv(struktur_csv_rows(struktur), self.stdout, lineterminator="\n", bom=False)
