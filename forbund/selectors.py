"""Reads of the registry "as of a date". Each function runs a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from core.period import Period, active_during
from core.text import sv_key
from forbund.models import Forbund, Kommun, Lan, Medlemskap
from forbund.reference import PubliceradSiffra, read_publicerade_serier


def register_komplett_fran() -> datetime.date:
    """The first date for which the registry holds the whole structure (earlier dates are incomplete)."""
    from django.conf import settings

    return datetime.date.fromisoformat(settings.REGISTER_KOMPLETT_FRAN)


# Dates before REGISTER_KOMPLETT_FRAN on which the registry holds the whole structure all the same: the year-ends
# whose report lists every förbund and kommun (Bilaga 1 of the 2013 and 2021 reports, forbund/data/bilaga1_*.csv),
# and the end of 2022, which follows from the 2021 list and the 2023 report's account of that year's changes.
# Between them some changes are dated by assumption (forbund/data/README.md), so other dates stay "incomplete".
STRUKTUR_KAND_DATUM = (datetime.date(2013, 12, 31), datetime.date(2021, 12, 31), datetime.date(2022, 12, 31))


def struktur_kand(datum: datetime.date) -> bool:
    """The registry's structure on datum is the one the reports give (no warning about an incomplete registry)."""
    return datum >= register_komplett_fran() or datum in STRUKTUR_KAND_DATUM


def struktur_kand_vid_arets_slut(ar: int) -> bool:
    """The structure at the end of the year is known (what the yearly report counts)."""
    return struktur_kand(datetime.date(ar, 12, 31))


def publicerade_serier() -> list[PubliceradSiffra]:
    """Förbund and member kommuner per year as the reports *published* them (with the source of each figure).

    These are not counted from the registry (see struktur_on for that); they are the figures behind the reports'
    Diagram 1, kept so that the registry's own counts can be set beside them. Each item has publicerad=True.
    """
    return read_publicerade_serier()


def forbund_existing_q(start: datetime.date, end: datetime.date | None = None, prefix: str = "") -> Q:
    """Förbund that existed on some day of [start, end] (one day when end is None)."""
    return active_during(Period(start, end or start), f"{prefix}bildat", f"{prefix}upphort")


def forbund_under_aret(ar: int) -> QuerySet[Forbund]:
    """The förbund that existed some day of the year: the ones expected to report it, and those FK may have paid."""
    return Forbund.objects.filter(forbund_existing_q(datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)))


def forbund_list_on(datum: datetime.date) -> QuerySet[Forbund]:
    return Forbund.objects.filter(forbund_existing_q(datum))


@dataclass
class ForbundStruktur:
    forbund: Forbund
    namn: str
    kommuner: list[Kommun] = field(default_factory=list)
    regioner: list[Lan] = field(default_factory=list)
    # kommunkod -> the parts of the kommun the förbund covers, for partial memberships only (Göteborg 2013)
    omfattning: dict[str, str] = field(default_factory=dict)

    @property
    def lan_koder(self) -> list[str]:
        return sorted({k.lan_id for k in self.kommuner})

    @property
    def kommuner_med_omfattning(self) -> list[tuple[Kommun, str]]:
        """(kommun, omfattning) for templates and exports; omfattning is "" for a whole kommun."""
        return [(k, self.omfattning.get(k.kod, "")) for k in self.kommuner]


@dataclass
class Struktur:
    datum: datetime.date
    forbund: list[ForbundStruktur]
    kommuner_utan_forbund: list[Kommun]

    @property
    def antal_forbund(self) -> int:
        return len(self.forbund)

    @property
    def antal_medlemskommuner(self) -> int:
        """Distinct kommuner: a kommun in several förbund for parts of it (Göteborg 2013) counts once."""
        return len({k.kod for f in self.forbund for k in f.kommuner})

    def per_lan(self) -> list[tuple[Lan, list[ForbundStruktur], list[Kommun]]]:
        """Grouped as in the report's Bilaga 1: each län with its förbund (a förbund spanning two län is under
        both, with the kommuner of that län) and its kommuner without förbund."""
        lan_by_kod = {lan.kod: lan for lan in Lan.objects.all()}
        grupper: dict[str, list[ForbundStruktur]] = defaultdict(list)
        for fs in self.forbund:
            for kod in fs.lan_koder:
                grupper[kod].append(
                    ForbundStruktur(
                        fs.forbund, fs.namn, [k for k in fs.kommuner if k.lan_id == kod], fs.regioner, fs.omfattning
                    )
                )
        utan: dict[str, list[Kommun]] = defaultdict(list)
        for k in self.kommuner_utan_forbund:
            utan[k.lan_id].append(k)
        return [
            (lan_by_kod[kod], sorted(grupper.get(kod, []), key=lambda f: sv_key(f.namn)), utan.get(kod, []))
            for kod in sorted(lan_by_kod)
            if grupper.get(kod) or utan.get(kod)
        ]

    def as_dict(self) -> dict:
        """The export format of `export_medlemskap`."""
        return {
            "datum": self.datum.isoformat(),
            "forbund": [
                {
                    "namn": fs.namn,
                    "slug": fs.forbund.slug,
                    "lan": fs.lan_koder,
                    "kommuner": sorted(k.kod for k in fs.kommuner),
                }
                for fs in sorted(self.forbund, key=lambda f: f.forbund.slug)
            ],
            "kommuner_utan_forbund": sorted(k.kod for k in self.kommuner_utan_forbund),
        }


def struktur_on(datum: datetime.date) -> Struktur:
    """Which förbund existed on datum, which kommuner and regioner each had, and which kommuner had none."""
    forbund = list(forbund_list_on(datum).prefetch_related("tidigare_namn"))
    by_id = {f.pk: ForbundStruktur(f, f.namn_on(datum)) for f in forbund}
    medlemskap = Medlemskap.objects.active_on(datum).filter(forbund_id__in=by_id).select_related("kommun", "region")
    member_koder = set()
    for m in medlemskap:
        if m.kommun_id:
            by_id[m.forbund_id].kommuner.append(m.kommun)
            member_koder.add(m.kommun_id)
            if m.ar_del:
                by_id[m.forbund_id].omfattning[m.kommun_id] = m.omfattning
        else:
            by_id[m.forbund_id].regioner.append(m.region)
    for fs in by_id.values():
        fs.kommuner.sort(key=lambda k: sv_key(k.namn))
        fs.regioner.sort(key=lambda r: r.kod)
    utan = sorted(Kommun.objects.exclude(kod__in=member_koder), key=lambda k: (k.lan_id, sv_key(k.namn)))
    return Struktur(
        datum=datum, forbund=sorted(by_id.values(), key=lambda f: sv_key(f.namn)), kommuner_utan_forbund=utan
    )


def medlemskap_history(forbund: Forbund) -> QuerySet[Medlemskap]:
    return forbund.medlemskap.select_related("kommun", "region").order_by("giltig_fran", "kommun__namn", "region_id")


def kommun_forbund_on(kommunkod: str, datum: datetime.date) -> Forbund | None:
    m = Medlemskap.objects.active_on(datum).filter(kommun_id=kommunkod).select_related("forbund").first()
    return m.forbund if m else None


def medlemmar_during(forbund: Forbund, start: datetime.date, end: datetime.date) -> QuerySet[Medlemskap]:
    """Members at any time in [start, end], e.g. a kommun that joined during the year."""
    return forbund.medlemskap.active_during(start, end).select_related("kommun", "region")
