"""Shared machinery for the all-or-nothing file imports (CSV and XLSX, read with django-import-export's formats).

Every error names the row (as numbered in a spreadsheet: the header is row 1), the column, the value and what is
wrong, so a user can find and fix it in their file.
"""

import datetime
import difflib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX


@dataclass(frozen=True)
class RadFel:
    rad: int
    kolumn: str
    varde: str
    meddelande: str

    def __str__(self):
        return _("Rad %(rad)s, kolumn %(kolumn)s, värde ”%(varde)s”: %(meddelande)s") % {
            "rad": self.rad,
            "kolumn": self.kolumn,
            "varde": self.varde,
            "meddelande": self.meddelande,
        }


class ImportFel(Exception):
    """The file was rejected; nothing was changed."""

    def __init__(self, fel: list[RadFel]):
        self.fel = fel
        super().__init__("\n".join(str(f) for f in fel))


@dataclass
class Rad:
    """One data row: its spreadsheet row number and its cells by (lower-cased, stripped) column name."""

    nummer: int
    celler: dict[str, object]

    def text(self, kolumn: str) -> str:
        value = self.celler.get(kolumn)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime.datetime):
            value = value.date()
        return str(value).strip()


def read_rows(content: bytes, filnamn: str, required: set[str], optional: set[str] = frozenset()) -> list[Rad]:
    """Parse a CSV (UTF-8, comma or semicolon) or XLSX file into rows; raise ImportFel for a bad header."""
    suffix = Path(filnamn).suffix.lower()
    if suffix == ".xlsx":
        dataset = XLSX().create_dataset(content)
    elif suffix in {".csv", ".txt", ""}:
        text = content.decode("utf-8-sig")
        first_line = text.split("\n", 1)[0]
        if first_line.count(";") > first_line.count(","):
            text = _semicolon_to_comma(text)
        dataset = CSV().create_dataset(text)
    else:
        raise ImportFel([RadFel(1, "-", filnamn, _("Okänt filformat: använd CSV eller XLSX."))])
    headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    missing = sorted(required - set(headers))
    if missing:
        raise ImportFel([RadFel(1, kolumn, "", _("Kolumnen saknas i filens rubrikrad.")) for kolumn in missing])
    unknown = sorted(set(headers) - required - set(optional) - {""})
    if unknown:
        raise ImportFel([RadFel(1, kolumn, kolumn, _("Okänd kolumn.")) for kolumn in unknown])
    rows = []
    for index, values in enumerate(dataset, start=2):
        celler = dict(zip(headers, values, strict=False))
        if all(v in (None, "") for v in celler.values()):
            continue  # blank lines at the end of spreadsheets are common
        rows.append(Rad(index, celler))
    return rows


def _semicolon_to_comma(text: str) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for record in csv.reader(io.StringIO(text), delimiter=";"):
        writer.writerow(record)
    return out.getvalue()


def parse_date(rad: Rad, kolumn: str, *, required: bool, fel: list[RadFel]) -> datetime.date | None:
    raw = rad.celler.get(kolumn)
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = rad.text(kolumn)
    if not text:
        if required:
            fel.append(RadFel(rad.nummer, kolumn, "", _("Datum saknas.")))
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        fel.append(RadFel(rad.nummer, kolumn, text, _("Ogiltigt datum: skriv ÅÅÅÅ-MM-DD.")))
        return None


def parse_int(rad: Rad, kolumn: str, *, required: bool, fel: list[RadFel], minimum: int = 0) -> int | None:
    text = rad.text(kolumn).replace(" ", "").replace("\u00a0", "")
    if not text:
        if required:
            fel.append(RadFel(rad.nummer, kolumn, "", _("Värde saknas.")))
        return None
    try:
        value = int(text)
    except ValueError:
        fel.append(RadFel(rad.nummer, kolumn, text, _("Inte ett heltal.")))
        return None
    if value < minimum:
        fel.append(RadFel(rad.nummer, kolumn, text, _("Får inte vara mindre än %(min)s.") % {"min": minimum}))
        return None
    return value


def parse_ja_nej(rad: Rad, kolumn: str, *, fel: list[RadFel], default: bool = False) -> bool:
    text = rad.text(kolumn).lower()
    if not text:
        return default
    if text in {"ja", "j", "1", "true", "yes"}:
        return True
    if text in {"nej", "n", "0", "false", "no"}:
        return False
    fel.append(RadFel(rad.nummer, kolumn, rad.text(kolumn), _("Skriv ja eller nej.")))
    return default


def closest(value: str, candidates: list[str]) -> str:
    """A Swedish hint naming the closest known value, or an empty string."""
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in candidates}
        match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.5)
        match = [lowered[m] for m in match]
    return _(" Menade du ”%(namn)s”?") % {"namn": match[0]} if match else ""


class ImportCommand:
    """Shared body of the `import_*` management commands: read the file, run the import, report, exit non-zero.

    Subclasses (with Django's BaseCommand) implement run_import(content, filnamn, dry_run, options) and
    describe(result, dry_run) -> str.
    """

    file_help = "CSV eller XLSX"

    def add_arguments(self, parser):
        parser.add_argument("fil", help=self.file_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollera filen och visa ändringarna utan att spara."
        )

    def handle(self, *args, fil, dry_run, **options):
        from django.core.management.base import CommandError

        path = Path(fil)
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {fil}")
        try:
            result = self.run_import(path.read_bytes(), path.name, dry_run, options)
        except ImportFel as exc:
            for fel in exc.fel:
                self.stderr.write(str(fel))
            raise CommandError(f"Filen avvisades ({len(exc.fel)} fel). Ingenting har ändrats.") from exc
        self.stdout.write(self.style.SUCCESS(self.describe(result, dry_run)))

    def run_import(self, content: bytes, filnamn: str, dry_run: bool, options: dict):
        raise NotImplementedError

    def describe(self, result, dry_run: bool) -> str:
        raise NotImplementedError
