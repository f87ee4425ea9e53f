"""Load the inriktning and målgrupp lists from insatser/data/ (idempotent)."""

import csv
import datetime
from pathlib import Path

from insatser.models import Inriktning, Malgrupp

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_insats_reference() -> int:
    changed = 0
    for row in _rows("inriktningar.csv"):
        values = {
            "typ": row["typ"],
            "namn": row["namn"],
            "system": row["system"],
            "beskrivning": row["beskrivning"],
            "giltig_fran": datetime.date.fromisoformat(row["giltig_fran"]) if row["giltig_fran"] else None,
            "giltig_till": datetime.date.fromisoformat(row["giltig_till"]) if row["giltig_till"] else None,
            "ordning": int(row["ordning"]),
        }
        obj = Inriktning.objects.filter(kod=row["kod"]).first()
        if obj is None or any(getattr(obj, k) != v for k, v in values.items()):
            Inriktning.objects.update_or_create(kod=row["kod"], defaults=values)
            changed += 1
    for row in _rows("malgrupper.csv"):
        values = {"namn": row["namn"], "ordning": int(row["ordning"])}
        obj = Malgrupp.objects.filter(kod=row["kod"]).first()
        if obj is None or any(getattr(obj, k) != v for k, v in values.items()):
            Malgrupp.objects.update_or_create(kod=row["kod"], defaults=values)
            changed += 1
    return changed
