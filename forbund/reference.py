"""Load the reference data shipped in forbund/data/ (see its README.md for sources). Idempotent."""

import csv
import datetime
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from forbund.models import Forbund, ForbundNamn, Kommun, Lan, Medlemskap

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _upsert(model, lookup: dict, values: dict, counts: dict) -> object:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        counts["skapade"] += 1
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        counts["uppdaterade"] += 1
    return obj


def derive_region_periods(kommun_rows: list[tuple[str, str, datetime.date | None, datetime.date | None]]):
    """Each förbund has the region of every län its kommuner lie in, for as long as it has kommuner there.

    kommun_rows: (forbund_slug, lanskod, fran, till). Returns {(slug, lanskod): (fran, till)}.
    """
    periods = defaultdict(list)
    for slug, lanskod, fran, till in kommun_rows:
        periods[(slug, lanskod)].append((fran, till))
    result = {}
    for key, spans in periods.items():
        fran = None if any(f is None for f, _ in spans) else min(f for f, _ in spans)
        till = None if any(t is None for _, t in spans) else max(t for _, t in spans)
        result[key] = (fran, till)
    return result


@transaction.atomic
def load_reference() -> dict[str, int]:
    counts = {"skapade": 0, "uppdaterade": 0}
    lan = {}
    for row in _read("lan.csv"):
        lan[row["lanskod"]] = _upsert(
            Lan, {"kod": row["lanskod"]}, {"namn": row["lan"], "region_namn": row["region"]}, counts
        )
    kommuner = {}
    for row in _read("kommuner.csv"):
        kommuner[row["kommunkod"]] = _upsert(
            Kommun, {"kod": row["kommunkod"]}, {"namn": row["kommun"], "lan": lan[row["lanskod"]]}, counts
        )
    forbund_rows = _read("forbund.csv")
    forbund = {}
    for row in forbund_rows:
        forbund[row["slug"]] = _upsert(
            Forbund,
            {"slug": row["slug"]},
            {"namn": row["namn"], "bildat": _date(row["bildat"]), "upphort": _date(row["upphort"])},
            counts,
        )
    for row in forbund_rows:
        efterfoljare = forbund[row["efterfoljare"]] if row["efterfoljare"] else None
        _upsert(Forbund, {"slug": row["slug"]}, {"efterfoljare": efterfoljare}, counts)
    for row in _read("forbund_namn.csv"):
        _upsert(
            ForbundNamn,
            {"forbund": forbund[row["slug"]], "namn": row["namn"]},
            {"giltig_fran": _date(row["giltig_fran"]), "giltig_till": _date(row["giltig_till"])},
            counts,
        )
    kommun_rows = []
    for row in _read("medlemskap.csv"):
        kommun = kommuner[row["kommunkod"]]
        fran, till = _date(row["giltig_fran"]), _date(row["giltig_till"])
        _upsert(
            Medlemskap,
            {"forbund": forbund[row["forbund"]], "kommun": kommun, "giltig_fran": fran},
            {"giltig_till": till},
            counts,
        )
        kommun_rows.append((row["forbund"], kommun.lan_id, fran, till))
    for (slug, lanskod), (fran, till) in derive_region_periods(kommun_rows).items():
        _upsert(
            Medlemskap,
            {"forbund": forbund[slug], "region": lan[lanskod], "giltig_fran": fran},
            {"giltig_till": till},
            counts,
        )
    return counts
