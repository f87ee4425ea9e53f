"""python manage.py export_rapport --ar 2024 [--uttag ID|senaste] --out rapport-2024.docx: the report draft."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.granser import FORSTA_FORBUNDSAR, innevarande_ar
from rapport.mall import MallFel
from rapport.selectors import rapport_underlag
from rapport.utkast import skapa_utkast
from rapportering.uttag import uttag_for


class Command(BaseCommand):
    help = "Skriver ett utkast till årets rapport till regeringen som Word-dokument (.docx)."

    def add_arguments(self, parser):
        parser.add_argument("--ar", type=int, required=True, help="Rapportens år, till exempel 2024.")
        parser.add_argument("--uttag", default="", help="Ett uttags id eller ”senaste”; utan: aktuella siffror.")
        parser.add_argument("--out", required=True, help="Filen att skriva, till exempel rapport-2024.docx.")
        parser.add_argument("--mall", default="", help="En egen Word-mall (.docx) i stället för den som används.")

    def handle(self, *args, ar, uttag, out, mall, **options):
        if not FORSTA_FORBUNDSAR <= ar <= innevarande_ar():
            raise CommandError(f"Ogiltigt år: {ar}.")
        valt = None
        if uttag:
            valt = uttag_for(ar, uttag)
            if valt is None:
                raise CommandError(f"Det finns inget uttag ”{uttag}” för {ar}.")
        mall_data = None
        if mall:
            try:
                mall_data = Path(mall).read_bytes()
            except OSError as exc:
                raise CommandError(f"Kan inte läsa mallen ”{mall}”: {exc.strerror}.") from exc
        try:
            data = skapa_utkast(rapport_underlag(ar, valt), mall_data)
        except MallFel as exc:
            raise CommandError(str(exc)) from exc
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Kan inte skriva ”{out}”: {exc.strerror}.") from exc
        kalla = f"uttag nr {valt.pk}" if valt else "aktuella (preliminära) siffror"
        self.stdout.write(f"Skrev {out} ({ar}, {kalla}).")
