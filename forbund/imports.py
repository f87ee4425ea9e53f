"""Import of membership changes (the registry) from CSV/XLSX: all rows or none.

One row per change: kommunkod or region, forbund, giltig_fran, giltig_till. A membership that already exists is
ended or extended, a kommun that moves is ended in its former förbund; every change is written to the history.
"""

import datetime
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from core.importing.celler import parse_date
from core.importing.files import ImportFel, Rad, RadFel
from core.importing.lookups import Uppslag
from core.importing.run import Andringar, Kolumner, run_import
from core.models import Importtyp
from forbund.models import Forbund, Kommun, Lan, Medlemskap
from forbund.services import ONE_DAY, _fmt, _kommun_overlap_error

KOLUMNER = Kolumner(krav={"forbund", "giltig_fran", "giltig_till"}, val={"kommunkod", "region"})


@dataclass
class Medlemskapsandring:
    """One change an import makes; shown in the preview and stored with the import."""

    typ: str  # ny | avslutad | flyttad | andrad | oforandrad
    rad: int
    medlem: str
    forbund: str
    giltig_fran: str
    giltig_till: str
    tidigare_forbund: str = ""
    tidigare_giltig_till: str = ""

    @property
    def typ_text(self) -> str:
        return {
            "ny": _("Nytt medlemskap"),
            "avslutad": _("Medlemskap avslutas"),
            "flyttad": _("Flyttas från annat förbund"),
            "andrad": _("Slutdatum ändras"),
            "oforandrad": _("Oförändrat"),
        }[self.typ]


@dataclass
class _Planned:
    rad: int
    forbund: Forbund
    kommun: Kommun | None
    region: Lan | None
    fran: datetime.date
    till: datetime.date | None


def medlemskap_import_plan(rows: list[Rad]) -> tuple[list[Medlemskapsandring], list]:
    """Validate every row and work out the changes; raise ImportFel listing every problem, changing nothing.

    Returns the changes for the preview and the operations to apply.
    """
    fel: list[RadFel] = []
    uppslag = Uppslag()

    planned: list[_Planned] = []
    for rad in rows:
        kod_text, region_text = rad.text("kommunkod"), rad.text("region")
        kommun = region = None
        if kod_text and region_text:
            fel.append(RadFel(rad.nummer, "region", region_text, _("Ange antingen kommunkod eller region, inte båda.")))
        elif kod_text:
            kommun = uppslag.kommun_i(rad, fel)
        elif region_text:
            region = uppslag.region_i(rad, fel)
        else:
            fel.append(RadFel(rad.nummer, "kommunkod", "", _("Ange kommunkod eller region.")))
        forbund = uppslag.forbund_i(rad, fel)
        fran = parse_date(rad, "giltig_fran", required=True, fel=fel)
        till = parse_date(rad, "giltig_till", required=False, fel=fel)
        if fran and till and till < fran:
            fel.append(
                RadFel(
                    rad.nummer,
                    "giltig_till",
                    _fmt(till),
                    _("Slutdatum är före startdatum %(fran)s.") % {"fran": _fmt(fran)},
                )
            )
            continue
        if forbund and fran and (kommun or region):
            if forbund.upphort and fran > forbund.upphort:
                fel.append(
                    RadFel(
                        rad.nummer,
                        "giltig_fran",
                        _fmt(fran),
                        _("%(f)s upphörde %(d)s.") % {"f": forbund.namn, "d": _fmt(forbund.upphort)},
                    )
                )
                continue
            planned.append(_Planned(rad.nummer, forbund, kommun, region, fran, till))

    # Rows within the file: duplicates and overlaps between two changes.
    for i, a in enumerate(planned):
        for b in planned[i + 1 :]:
            same_member = (a.kommun and a.kommun == b.kommun) or (
                a.region and a.region == b.region and a.forbund == b.forbund
            )
            if not same_member:
                continue
            kolumn = "kommunkod" if a.kommun else "region"
            varde = a.kommun.kod if a.kommun else a.region.kod
            if a.forbund == b.forbund and a.fran == b.fran and a.till == b.till:
                fel.append(RadFel(b.rad, kolumn, varde, _("Dubblett av rad %(rad)s.") % {"rad": a.rad}))
            elif a.fran <= (b.till or datetime.date.max) and b.fran <= (a.till or datetime.date.max):
                fel.append(
                    RadFel(
                        b.rad,
                        "giltig_fran",
                        _fmt(b.fran),
                        _("Perioden överlappar rad %(rad)s för samma medlem.") % {"rad": a.rad},
                    )
                )
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: f.rad))

    # Against the database.
    existing = list(
        Medlemskap.objects.select_related("forbund", "kommun", "region").filter(
            kommun__in=[p.kommun for p in planned if p.kommun]
        )
    ) + list(
        Medlemskap.objects.select_related("forbund", "kommun", "region").filter(
            region__in=[p.region for p in planned if p.region]
        )
    )
    andringar: list[Medlemskapsandring] = []
    ops: list[tuple] = []
    for p in sorted(planned, key=lambda p: p.fran):
        medlem = p.kommun.namn if p.kommun else p.region.region_namn
        base = dict(
            rad=p.rad, medlem=medlem, forbund=p.forbund.namn, giltig_fran=_fmt(p.fran), giltig_till=_fmt(p.till)
        )
        relevant = [
            m
            for m in existing
            if (p.kommun and m.kommun_id == p.kommun.kod)
            or (p.region and m.region_id == p.region.kod and m.forbund_id == p.forbund.pk)
        ]
        same = [m for m in relevant if m.forbund_id == p.forbund.pk and m.overlaps(p.fran, p.till)]
        other = [m for m in relevant if m.forbund_id != p.forbund.pk and m.overlaps(p.fran, p.till)]
        kolumn = "kommunkod" if p.kommun else "region"
        varde = p.kommun.kod if p.kommun else p.region.kod
        if same:
            m = same[0]
            if len(same) > 1 or (m.giltig_fran and m.giltig_fran > p.fran):
                fel.append(
                    RadFel(
                        p.rad,
                        "giltig_fran",
                        _fmt(p.fran),
                        _("Överlappar medlemskapet %(period)s i samma förbund.") % {"period": m.period},
                    )
                )
                continue
            if m.giltig_till == p.till:
                andringar.append(Medlemskapsandring("oforandrad", **base))
                continue
            typ = "avslutad" if p.till and (m.giltig_till is None or p.till < m.giltig_till) else "andrad"
            andringar.append(Medlemskapsandring(typ, tidigare_giltig_till=_fmt(m.giltig_till), **base))
            ops.append(("end", m, p.till))
            m.giltig_till = p.till  # later rows see the planned state
        else:
            for m in other:
                starts_before = m.giltig_fran is None or m.giltig_fran < p.fran
                if not p.kommun or not starts_before:
                    fel.append(
                        RadFel(
                            p.rad, kolumn, varde, _kommun_overlap_error(p.kommun, m) if p.kommun else _("Överlappar.")
                        )
                    )
                    break
            else:
                if other:
                    m = other[0]
                    andringar.append(
                        Medlemskapsandring(
                            "flyttad",
                            tidigare_forbund=m.forbund.namn,
                            tidigare_giltig_till=_fmt(p.fran - ONE_DAY),
                            **base,
                        )
                    )
                    ops.append(("end", m, p.fran - ONE_DAY))
                    m.giltig_till = p.fran - ONE_DAY
                else:
                    andringar.append(Medlemskapsandring("ny", **base))
                new = Medlemskap(
                    forbund=p.forbund, kommun=p.kommun, region=p.region, giltig_fran=p.fran, giltig_till=p.till
                )
                ops.append(("create", new, None))
                existing.append(new)
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: f.rad))
    return sorted(andringar, key=lambda a: a.rad), ops


@dataclass
class Plan:
    resultat: list[Medlemskapsandring]  # the changes, as the preview shows them
    ops: list[tuple]


def _plan(rows: list[Rad]) -> Plan:
    if not any(k in rows[0].celler for k in KOLUMNER.val):
        raise ImportFel.fil(_("Kolumnen kommunkod (eller region) saknas i filens rubrikrad."))
    # Lock the memberships so two imports cannot interleave their checks.
    list(Medlemskap.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    return Plan(*medlemskap_import_plan(rows))


def _apply(plan: Plan, user) -> Andringar:
    for op, medlemskap, till in plan.ops:
        # save(), not update(): every change to a membership goes into its history (a few rows a year).
        if op == "end":
            medlemskap.giltig_till = till
            medlemskap.save(update_fields=["giltig_till"])
        else:
            medlemskap.save()
    return Andringar(
        antal=sum(1 for a in plan.resultat if a.typ != "oforandrad"),
        sammanfattning=[asdict(a) for a in plan.resultat],
    )


def medlemskap_import(*, content: bytes, filnamn: str, user, dry_run: bool = False) -> list[Medlemskapsandring]:
    """Import membership changes from a CSV/XLSX file: all rows or none. Records the import unless dry_run."""
    return run_import(
        typ=Importtyp.MEDLEMSKAP,
        kolumner=KOLUMNER,
        content=content,
        filnamn=filnamn,
        user=user,
        dry_run=dry_run,
        plan=_plan,
        apply=_apply,
    )
