"""Writes to the registry. Each public function is one transaction and validates before it saves."""

import datetime
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.importing.files import ImportFel, Rad, RadFel, closest, history_user, parse_date, read_rows
from core.models import Importtyp
from core.services import importkorning_create
from forbund.models import Behorighet, Forbund, Kommun, Lan, Medlemskap, Roll

ONE_DAY = datetime.timedelta(days=1)


def _fmt(d: datetime.date | None) -> str:
    return d.isoformat() if d else ""


def _kommun_overlap_error(kommun: Kommun, other: Medlemskap) -> str:
    return _(
        "%(kommun)s är redan medlem i %(forbund)s under %(period)s; en kommun kan bara ingå i ett förbund åt gången."
    ) % {
        "kommun": kommun.namn,
        "forbund": other.forbund.namn,
        "period": other.period,
    }


@transaction.atomic
def medlemskap_create(
    *,
    forbund: Forbund,
    giltig_fran: datetime.date,
    giltig_till: datetime.date | None = None,
    kommun: Kommun | None = None,
    region: Lan | None = None,
    omfattning: str = "",
) -> Medlemskap:
    """Add a member; a kommun may be in at most one förbund on any day.

    The one exception: memberships for parts of a kommun (omfattning, e.g. Göteborg's city districts in 2013) may
    overlap other partial memberships of the kommun in other förbund, never a whole-kommun membership.
    """
    medlemskap = Medlemskap(
        forbund=forbund,
        kommun=kommun,
        region=region,
        giltig_fran=giltig_fran,
        giltig_till=giltig_till,
        omfattning=omfattning.strip(),
    )
    medlemskap.full_clean()
    if giltig_till and giltig_till < giltig_fran:
        raise ValidationError({"giltig_till": _("Slutdatum kan inte vara före startdatum.")})
    existing = Medlemskap.objects.select_for_update(of=("self",)).select_related("forbund")
    existing = existing.filter(kommun=kommun) if kommun else existing.filter(region=region, forbund=forbund)
    for other in existing:
        if other.overlaps(giltig_fran, giltig_till) and not (kommun and other.may_overlap(medlemskap)):
            if kommun:
                raise ValidationError(_kommun_overlap_error(kommun, other))
            raise ValidationError(
                _("Regionen är redan medlem i förbundet under %(period)s.") % {"period": other.period}
            )
    medlemskap.save()
    return medlemskap


@transaction.atomic
def medlemskap_end(*, medlemskap: Medlemskap, giltig_till: datetime.date) -> Medlemskap:
    """End a membership on giltig_till (the last day as member)."""
    if medlemskap.giltig_fran and giltig_till < medlemskap.giltig_fran:
        raise ValidationError({"giltig_till": _("Slutdatum kan inte vara före startdatum.")})
    medlemskap.giltig_till = giltig_till
    medlemskap.save(update_fields=["giltig_till"])
    return medlemskap


# ----------------------------------------------------------------------------------------------- Import


IMPORT_KOLUMNER_KRAV = {"forbund", "giltig_fran", "giltig_till"}
IMPORT_KOLUMNER_VAL = {"kommunkod", "region"}


@dataclass
class Andring:
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


def _resolve_forbund(text: str, by_slug: dict, by_name: dict) -> Forbund | None:
    return by_slug.get(text) or by_name.get(text)


def medlemskap_import_plan(rows: list[Rad]) -> tuple[list[Andring], list]:
    """Validate every row and work out the changes; raise ImportFel listing every problem, changing nothing.

    Returns the changes for the preview and the operations to apply.
    """
    fel: list[RadFel] = []
    kommuner = {k.kod: k for k in Kommun.objects.all()}
    lan = {lan.kod: lan for lan in Lan.objects.all()}
    region_by_name = {lan_.region_namn.lower(): lan_ for lan_ in lan.values()}
    region_by_name.update({lan_.namn.lower(): lan_ for lan_ in lan.values()})
    alla_forbund = list(Forbund.objects.all())
    by_slug = {f.slug: f for f in alla_forbund}
    by_name = {f.namn: f for f in alla_forbund}

    planned: list[_Planned] = []
    for rad in rows:
        kod_text, region_text, forbund_text = rad.text("kommunkod"), rad.text("region"), rad.text("forbund")
        kommun = region = None
        if kod_text and region_text:
            fel.append(RadFel(rad.nummer, "region", region_text, _("Ange antingen kommunkod eller region, inte båda.")))
        elif kod_text:
            kod = kod_text.zfill(4) if kod_text.isdigit() and len(kod_text) < 4 else kod_text
            kommun = kommuner.get(kod)
            if kommun is None:
                fel.append(RadFel(rad.nummer, "kommunkod", kod_text, _("Okänd kommunkod (SCB:s fyrsiffriga kod).")))
        elif region_text:
            region = lan.get(region_text.zfill(2)) if region_text.isdigit() else region_by_name.get(region_text.lower())
            if region is None:
                hint = closest(region_text, [x.region_namn for x in lan.values()])
                fel.append(RadFel(rad.nummer, "region", region_text, _("Okänd region.") + hint))
        else:
            fel.append(RadFel(rad.nummer, "kommunkod", "", _("Ange kommunkod eller region.")))
        forbund = _resolve_forbund(forbund_text, by_slug, by_name)
        if forbund is None:
            hint = closest(forbund_text, list(by_name) + list(by_slug)) if forbund_text else ""
            fel.append(
                RadFel(
                    rad.nummer,
                    "forbund",
                    forbund_text,
                    (_("Okänt förbund.") if forbund_text else _("Förbund saknas.")) + hint,
                )
            )
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
    andringar: list[Andring] = []
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
                andringar.append(Andring("oforandrad", **base))
                continue
            typ = "avslutad" if p.till and (m.giltig_till is None or p.till < m.giltig_till) else "andrad"
            andringar.append(Andring(typ, tidigare_giltig_till=_fmt(m.giltig_till), **base))
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
                        Andring(
                            "flyttad",
                            tidigare_forbund=m.forbund.namn,
                            tidigare_giltig_till=_fmt(p.fran - ONE_DAY),
                            **base,
                        )
                    )
                    ops.append(("end", m, p.fran - ONE_DAY))
                    m.giltig_till = p.fran - ONE_DAY
                else:
                    andringar.append(Andring("ny", **base))
                new = Medlemskap(
                    forbund=p.forbund, kommun=p.kommun, region=p.region, giltig_fran=p.fran, giltig_till=p.till
                )
                ops.append(("create", new, None))
                existing.append(new)
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: f.rad))
    return sorted(andringar, key=lambda a: a.rad), ops


@transaction.atomic
def medlemskap_import(*, content: bytes, filnamn: str, user, dry_run: bool = False) -> list[Andring]:
    """Import membership changes from a CSV/XLSX file: all rows or none. Records the import unless dry_run."""
    rows = read_rows(content, filnamn, IMPORT_KOLUMNER_KRAV, IMPORT_KOLUMNER_VAL)
    if not any(k in rows[0].celler for k in IMPORT_KOLUMNER_VAL):
        raise ImportFel.fil(_("Kolumnen kommunkod (eller region) saknas i filens rubrikrad."))
    # Lock the memberships so two imports cannot interleave their checks.
    list(Medlemskap.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    andringar, ops = medlemskap_import_plan(rows)
    if dry_run:
        return andringar
    with history_user(user):
        for op, medlemskap, till in ops:
            # save(), not update(): every change to a membership goes into its history.
            if op == "end":
                medlemskap.giltig_till = till
                medlemskap.save(update_fields=["giltig_till"])
            else:
                medlemskap.save()
    importkorning_create(
        typ=Importtyp.MEDLEMSKAP,
        user=user,
        filnamn=filnamn,
        content=content,
        antal=sum(1 for a in andringar if a.typ != "oforandrad"),
        andringar=[asdict(a) for a in andringar],
    )
    return andringar


# ----------------------------------------------------------------------------------------------- Access


@transaction.atomic
def behorighet_grant(*, user, roll: str, forbund: Forbund | None = None, beviljad_av=None) -> Behorighet:
    """Give a user a role (per förbund or national); granting twice is harmless."""
    behorighet = Behorighet(user=user, roll=roll, forbund=forbund, beviljad_av=beviljad_av)
    behorighet.full_clean(validate_unique=False, validate_constraints=False)
    existing = Behorighet.objects.filter(user=user, roll=roll, forbund=forbund).first()
    if existing:
        return existing
    behorighet.save()
    user._finsam_roller = None  # the cached roles are stale now
    return behorighet


@transaction.atomic
def behorighet_revoke(*, user, roll: str, forbund: Forbund | None = None) -> int:
    """Take a role away; returns how many were removed (0 if the user did not have it)."""
    if roll not in Roll.values:
        raise ValidationError({"roll": _("Okänd roll.")})
    deleted, _details = Behorighet.objects.filter(user=user, roll=roll, forbund=forbund).delete()
    user._finsam_roller = None  # the cached roles are stale now
    return deleted
