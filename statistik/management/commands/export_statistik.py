"""manage.py export_statistik --ar 2024 [--lan 17] [--forbund slug] [--uttag ID|senaste] --format json|xlsx [--output fil]"""

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from rapportering.uttag import uttag_tabeller, visat_uttag
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
        try:  # the extract asked for, or live figures: the same decision as the dashboard's
            valt = visat_uttag(urval, uttag or "")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if format == "json":
            statistik = valt.statistik["statistik"] if valt else ar_statistik(urval)
            text = json.dumps(statistik, ensure_ascii=False, indent=2) + "\n"
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                self.stdout.write(text, ending="")
            return
        if not output:
            raise CommandError("Ange --output FIL för formatet xlsx.")
        if valt:
            tabeller = uttag_tabeller(valt)
        else:
            rows = forbund_oversikt(urval)
            tabeller = [
                *rapport(urval).tabeller,
                forbund_tabell(urval, rows, None),
                registrering_tabell(urval, rows, None),
            ]
        with open(output, "wb") as fh:
            fh.write(arbetsbok(om_uttaget(urval, valt), tabeller, "Om uttaget"))
        print(f"Skrev {output}", file=sys.stderr)
