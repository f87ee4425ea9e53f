"""manage.py export_statistik --ar 2024 [--lan 17] [--forbund slug] --format json|xlsx [--output fil]"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from rapportering.uttag import uttag_for
from statistik.arsstatistik import ar_statistik
from statistik.exports import arbetsbok
from statistik.filters import StatistikFilter
from statistik.forbundtabeller import forbund_tabell, om_uttaget, registrering_tabell
from statistik.oversikt import forbund_oversikt
from statistik.tabeller import rapport


class Command(BaseCommand):
    help = (
        "Skriver årets statistik som JSON (samma som /api/v1/statistik/<år>/) eller som en Excel-arbetsbok med "
        "ett blad per tabell."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ar", type=int, required=True, help="Året, t.ex. 2024.")
        parser.add_argument("--lan", help="Länskod (två siffror), t.ex. 17 för Värmlands län.")
        parser.add_argument("--forbund", help="Förbundets kortnamn (slug).")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", "-o", help="Fil att skriva till (standard: skärmen för JSON).")
        parser.add_argument("--uttag", help="Ett fryst uttag (id eller senaste): siffrorna exakt som de togs ut.")

    def handle(self, *args, ar, lan, forbund, format, output, uttag=None, **options):
        if uttag:
            self._uttag(ar, uttag, lan, forbund, format, output)
            return
        data = QueryDict(mutable=True)
        data["ar"] = str(ar)
        if lan:
            data["lan"] = lan
        if forbund:
            data["forbund"] = forbund
        filterset = StatistikFilter(data)
        urval = filterset.urval()
        if urval is None:
            fel = "; ".join(
                f"{filterset.form.fields[f].label}: {' '.join(e)}" for f, e in filterset.form.errors.items()
            )
            raise CommandError(f"Ogiltigt urval: {fel}")
        if format == "json":
            text = json.dumps(ar_statistik(urval), ensure_ascii=False, indent=2) + "\n"
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                self.stdout.write(text, ending="")
            return
        if not output:
            raise CommandError("Ange --output FIL för formatet xlsx.")
        rows = forbund_oversikt(urval)
        tabeller = [*rapport(urval).tabeller, forbund_tabell(urval, rows, None), registrering_tabell(urval, rows, None)]
        with open(output, "wb") as fh:
            fh.write(arbetsbok(om_uttaget(urval), tabeller, "Om uttaget"))
        print(f"Skrev {output}", file=sys.stderr)

    def _uttag(self, ar, val, lan, forbund, format, output):
        if lan or forbund or format != "json":
            raise CommandError(
                "Ett uttag gäller hela landet och skrivs som JSON: ange inte --lan, --forbund eller xlsx."
            )
        uttag = uttag_for(ar, val)
        if uttag is None:
            raise CommandError(f"Det finns inget uttag ”{val}” av {ar}.")
        text = json.dumps(uttag.statistik["statistik"], ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            self.stdout.write(text, ending="")
