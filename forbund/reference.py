"""Load the reference data shipped in forbund/data/ (see its README.md for sources). Idempotent."""

import csv
import datetime
from collections import defaultdict
from dataclasses import dataclass
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


@dataclass(frozen=True)
class PubliceradSiffra:
    """Förbund and member kommuner at the end of a year as a report published them: not computed from the registry."""

    ar: int
    forbund: int
    kommuner: int
    kalla: str
    publicerad: bool = True


def read_publicerade_serier() -> list[PubliceradSiffra]:
    """The national series the reports publish (Diagram 1 and their text), from publicerade_serier.csv, by year."""
    return sorted(
        (
            PubliceradSiffra(ar=int(r["ar"]), forbund=int(r["forbund"]), kommuner=int(r["kommuner"]), kalla=r["kalla"])
            for r in _read("publicerade_serier.csv")
        ),
        key=lambda p: p.ar,
    )


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
    claimed: set[int] = set()
    for row in _read("medlemskap.csv"):
        kommun = kommuner[row["kommunkod"]]
        fran, till = _date(row["giltig_fran"]), _date(row["giltig_till"])
        _upsert_medlemskap(
            forbund[row["forbund"]],
            {"kommun": kommun},
            fran,
            {"giltig_till": till, "omfattning": row.get("omfattning", "")},
            claimed,
            counts,
        )
        kommun_rows.append((row["forbund"], kommun.lan_id, fran, till))
    for (slug, lanskod), (fran, till) in derive_region_periods(kommun_rows).items():
        _upsert_medlemskap(forbund[slug], {"region": lan[lanskod]}, fran, {"giltig_till": till}, claimed, counts)
    return counts


def _upsert_medlemskap(forbund, medlem: dict, fran, values: dict, claimed: set[int], counts: dict) -> None:
    """Create or update one reference membership, found by förbund, member and start date.

    When the data gives a start date to a membership an earlier load stored with an unknown start (the history
    before 2023 was added later), the row with the empty start is updated rather than a second row created, so a
    database loaded with older reference data ends up with the same rows as a new one.
    """
    rows = Medlemskap.objects.filter(forbund=forbund, **medlem).exclude(pk__in=claimed)
    obj = rows.filter(giltig_fran=fran).first() if fran else rows.filter(giltig_fran__isnull=True).first()
    if obj is None and fran is not None:
        obj = rows.filter(giltig_fran__isnull=True).first()
    if obj is None:
        obj = Medlemskap.objects.create(forbund=forbund, giltig_fran=fran, **medlem, **values)
        counts["skapade"] += 1
    else:
        values = {"giltig_fran": fran, **values}
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        if changed:
            for k in changed:
                setattr(obj, k, values[k])
            obj.save(update_fields=changed)
            counts["uppdaterade"] += 1
    claimed.add(obj.pk)
