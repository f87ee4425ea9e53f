"""Writes to the förbund's economy. Each public function is one transaction and validates before it saves.

History (who, when, before/after) is written by django-simple-history on every save and delete; a save that
changes nothing is skipped so the history shows only real changes.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ekonomi.models import ARSEKONOMI_FALT, Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag
from finsam.importing import ImportFel, Rad, RadFel, closest, read_rows
from forbund.models import Forbund, Kommun, Lan
from forbund.selectors import medlemmar_during

AR_MIN, AR_MAX = 2004, 2100  # Finsamlagen came into force in 2004; AR_MAX only bounds URLs


def sista_ar() -> int:
    """The last year that can be registered: next year (its budget is set in the autumn), never later."""
    return datetime.date.today().year + 1


def validate_ar(ar: int) -> None:
    if not AR_MIN <= ar <= sista_ar():
        raise ValidationError(_("Året måste vara mellan %(min)s och %(max)s.") % {"min": AR_MIN, "max": sista_ar()})


def medlem_key(medlemstyp: str, kod: str | None = None) -> tuple[str, str]:
    """The key a member's contribution is stored under: ("stat", ""), ("region", "13"), ("kommun", "1080")."""
    return (medlemstyp, kod or "")


def registry_members(forbund: Forbund, ar: int) -> dict[tuple[str, str], object]:
    """Members during the year according to the registry (a kommun that joined during the year is included)."""
    medlemmar: dict[tuple[str, str], object] = {medlem_key(Medlemstyp.STAT): None}
    for m in medlemmar_during(forbund, datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)):
        if m.kommun_id:
            medlemmar[medlem_key(Medlemstyp.KOMMUN, m.kommun_id)] = m.kommun
        else:
            medlemmar[medlem_key(Medlemstyp.REGION, m.region_id)] = m.region
    return medlemmar


def _medlem_text(key: tuple[str, str], obj) -> str:
    """How an error names a member: "Stockholm (0180)", "Region Värmland (17)", "Staten (Försäkringskassan)"."""
    if key[0] == Medlemstyp.STAT:
        return str(Medlemstyp.STAT.label)
    namn = obj.namn if key[0] == Medlemstyp.KOMMUN else obj.region_namn
    return f"{namn} ({key[1]})"


def _typ_namn(medlemstyp: str) -> str:
    return {Medlemstyp.KOMMUN: _("kommun"), Medlemstyp.REGION: _("region")}.get(medlemstyp, medlemstyp)


def _medlem_namn(keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Names of members that are not in the förbund (for error messages): 2 queries at most, only on error."""
    kommun_koder = [k for t, k in keys if t == Medlemstyp.KOMMUN]
    region_koder = [k for t, k in keys if t == Medlemstyp.REGION]
    namn = {}
    if kommun_koder:
        for kommun in Kommun.objects.filter(kod__in=kommun_koder):
            namn[(Medlemstyp.KOMMUN.value, kommun.kod)] = _medlem_text((Medlemstyp.KOMMUN, kommun.kod), kommun)
    if region_koder:
        for region in Lan.objects.filter(kod__in=region_koder):
            namn[(Medlemstyp.REGION.value, region.kod)] = _medlem_text((Medlemstyp.REGION, region.kod), region)
    return namn


def _save_if_changed(obj, changed: bool) -> None:
    if changed or obj.pk is None:
        obj.full_clean()
        obj.save()


class Konflikt(ValidationError):
    """Someone else saved the förbund's economy for the year after this user opened it."""

    def __init__(self):
        super().__init__(
            _(
                "Någon annan har sparat ekonomin för året sedan du öppnade den. Dina uppgifter är kvar i formuläret "
                "men har inte sparats: jämför med den senaste versionen (öppna ekonomin i en ny flik) och spara igen."
            ),
            code="konflikt",
        )


@transaction.atomic
def arsekonomi_update(*, forbund: Forbund, ar: int, **values) -> Arsekonomi:
    """Set some of the year's figures (see ARSEKONOMI_FALT); the year's row is created when missing."""
    rad, changed = _arsekonomi_update(forbund=forbund, ar=ar, **values)
    if changed:
        _ny_version(forbund, ar)
    return rad


def _arsekonomi_update(*, forbund: Forbund, ar: int, **values) -> tuple[Arsekonomi, bool]:
    validate_ar(ar)
    unknown = set(values) - set(ARSEKONOMI_FALT)
    if unknown:
        raise ValueError(f"Okända fält: {sorted(unknown)}")
    rad = Arsekonomi.objects.select_for_update().filter(forbund=forbund, ar=ar).first() or Arsekonomi(
        forbund=forbund, ar=ar
    )
    changed = False
    for name, value in values.items():
        if name in {"esf_intakter", "ovriga_intakter"} and value is None:
            value = 0
        if name == "ovriga_intakter_anteckning":
            value = (value or "").strip()
        if getattr(rad, name) != value:
            setattr(rad, name, value)
            changed = True
    changed = changed or rad.pk is None
    _save_if_changed(rad, changed)
    return rad, changed


@transaction.atomic
def medlemsbidrag_set(*, forbund: Forbund, ar: int, belopp: dict[tuple[str, str], int | None]) -> None:
    """Set members' contributions for a year: key medlem_key(...), value kronor (None removes the contribution).

    Only members of the förbund during the year (by the registry) and the state can contribute.
    """
    if _medlemsbidrag_set(forbund=forbund, ar=ar, belopp=belopp):
        _ny_version(forbund, ar)


def _ny_version(forbund: Forbund, ar: int) -> None:
    """Something of the förbund-year changed: a save from an older version is now refused (no history row)."""
    Arsekonomi.objects.filter(forbund=forbund, ar=ar).update(version=F("version") + 1)


def _medlemsbidrag_set(*, forbund: Forbund, ar: int, belopp: dict[tuple[str, str], int | None]) -> bool:
    validate_ar(ar)
    medlemmar = registry_members(forbund, ar)
    ej_medlem = [key for key, value in belopp.items() if key not in medlemmar and value is not None]
    fel = []
    if ej_medlem:
        namn = _medlem_namn(ej_medlem)
        for key in ej_medlem:
            if key not in namn:
                fel.append(_("Det finns ingen %(typ)s med koden %(kod)s.") % {"typ": _typ_namn(key[0]), "kod": key[1]})
            else:
                fel.append(_("%(medlem)s var inte medlem i förbundet under %(ar)s.") % {"medlem": namn[key], "ar": ar})
    for key, value in belopp.items():
        if key in medlemmar and value is not None and value < 0:
            fel.append(
                _("Beloppet för %(medlem)s kan inte vara negativt.") % {"medlem": _medlem_text(key, medlemmar[key])}
            )
    if fel:
        raise ValidationError(fel)
    existing = {
        medlem_key(m.medlemstyp, m.region_id or m.kommun_id): m
        for m in Medlemsbidrag.objects.select_for_update().filter(forbund=forbund, ar=ar).order_by("pk")
    }
    changed = False
    for key, value in belopp.items():
        rad = existing.get(key)
        if value is None:
            if rad is not None:
                rad.delete()
                changed = True
            continue
        if rad is None:
            typ, kod = key
            rad = Medlemsbidrag(
                forbund=forbund,
                ar=ar,
                medlemstyp=typ,
                region_id=kod if typ == Medlemstyp.REGION else None,
                kommun_id=kod if typ == Medlemstyp.KOMMUN else None,
                belopp=value,
            )
            _save_if_changed(rad, True)
            changed = True
        elif rad.belopp != value:
            rad.belopp = value
            _save_if_changed(rad, True)
            changed = True
    # Every year with figures has its row, so eget kapital rolls forward through it.
    Arsekonomi.objects.get_or_create(forbund=forbund, ar=ar)
    return changed


def arsekonomi_version(forbund: Forbund, ar: int) -> int:
    """The version a form or API client edits from: 0 while the year has no economy row."""
    return Arsekonomi.objects.filter(forbund=forbund, ar=ar).values_list("version", flat=True).first() or 0


@transaction.atomic
def ekonomi_save(
    *, forbund: Forbund, ar: int, medlemsbidrag: dict, arsekonomi: dict, version: int | None = None
) -> Arsekonomi:
    """The economy form and API PUT: the members' contributions and the year's other figures in one transaction.

    version = the förbund-year's version the user edited from (0 when it had no economy yet). When someone saved
    after that, Konflikt is raised and nothing is saved. The check runs with the year's row locked
    (select_for_update), so of two simultaneous saves from the same version exactly one succeeds. version None
    (scripts) skips the check.
    """
    if version is not None:
        validate_ar(ar)
        # Create the row first (a concurrent first save waits on the unique constraint, then sees the row), then
        # lock it and compare versions. A new row starts at version 1 but stands for "nothing registered" (0).
        rad, skapad = Arsekonomi.objects.get_or_create(forbund=forbund, ar=ar, defaults={"version": 0})
        current = Arsekonomi.objects.select_for_update().get(pk=rad.pk)
        if int(version) != current.version:
            raise Konflikt()
    changed = _medlemsbidrag_set(forbund=forbund, ar=ar, belopp=medlemsbidrag)
    rad, changed_ae = _arsekonomi_update(forbund=forbund, ar=ar, **arsekonomi)
    if changed or changed_ae or (version is not None and rad.version == 0):
        _ny_version(forbund, ar)
        rad.refresh_from_db(fields=["version"])
    return rad


@transaction.atomic
def statsbidrag_set(*, ar: int, tilldelat: int) -> Statsbidrag:
    """Register the state's allocation to all förbund for a year (e.g. 339 000 000 kr)."""
    validate_ar(ar)
    rad = Statsbidrag.objects.select_for_update().filter(ar=ar).first() or Statsbidrag(ar=ar, tilldelat=tilldelat)
    changed = rad.tilldelat != tilldelat
    rad.tilldelat = tilldelat
    _save_if_changed(rad, changed)
    return rad


# ----------------------------------------------------------------------------------------------- Import

IMPORT_KOLUMNER_KRAV = {"forbund", "ar", "post", "belopp"}
IMPORT_KOLUMNER_VAL = {"kommunkod", "region", "anteckning"}

# post -> field of Arsekonomi (negative allowed?)
POSTER_ARSEKONOMI = {
    "esf": ("esf_intakter", False),
    "ovrigt": ("ovriga_intakter", False),
    "administration_budget": ("administration_budget", False),
    "administration_utfall": ("administration_utfall", False),
    "eget_kapital_ingaende": ("eget_kapital_ingaende", True),
    "arets_resultat": ("faststallt_arets_resultat", True),
    "eget_kapital_utgaende": ("faststallt_eget_kapital_utgaende", True),
}
POSTER_MEDLEM = {"stat", "region", "kommun"}
POSTER = sorted(POSTER_MEDLEM | set(POSTER_ARSEKONOMI) | {"statsbidrag"})
# Spellings people use in their own spreadsheets.
KOLUMN_ALIAS = {"år": "ar", "förbund": "forbund", "belopp (kr)": "belopp", "kommun": "kommunkod", "lan": "region"}


@dataclass
class ImportResultat:
    """What an import changed: förbund-years touched and numbers of amounts set."""

    forbund_ar: set = field(default_factory=set)
    medlemsbidrag: int = 0
    ovrigt: int = 0
    statsbidrag: int = 0

    @property
    def antal_forbund_ar(self) -> int:
        return len(self.forbund_ar)


def _parse_belopp(rad: Rad, fel: list[RadFel], *, negativt: bool) -> int | None:
    text = rad.text("belopp").replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if not text:
        fel.append(RadFel(rad.nummer, "belopp", "", _("Belopp saknas.")))
        return None
    try:
        value = int(text)
    except ValueError:
        fel.append(RadFel(rad.nummer, "belopp", rad.text("belopp"), _("Skriv beloppet i hela kronor (ett heltal).")))
        return None
    if value < 0 and not negativt:
        fel.append(RadFel(rad.nummer, "belopp", rad.text("belopp"), _("Beloppet kan inte vara negativt.")))
        return None
    return value


@transaction.atomic
def ekonomi_import(*, content: bytes, filnamn: str, dry_run: bool = False) -> ImportResultat:
    """Import medlemsbidrag, other income, administration and eget kapital per förbund and year: all rows or none.

    One row per amount: forbund (slug or name), ar, post, belopp, and kommunkod/region for a member's contribution.
    Raises ImportFel naming row, column, value and reason for every problem; changes nothing then.
    """
    rows = read_rows(content, filnamn, set(), IMPORT_KOLUMNER_KRAV | IMPORT_KOLUMNER_VAL | set(KOLUMN_ALIAS))
    for rad in rows:
        rad.celler = {KOLUMN_ALIAS.get(k, k): v for k, v in rad.celler.items()}
    saknas = sorted(IMPORT_KOLUMNER_KRAV - set(rows[0].celler if rows else IMPORT_KOLUMNER_KRAV))
    if saknas:
        raise ImportFel([RadFel(1, kolumn, "", _("Kolumnen saknas i filens rubrikrad.")) for kolumn in saknas])
    fel: list[RadFel] = []
    planned_sb: dict[int, tuple[int, Rad]] = {}
    alla_forbund = list(Forbund.objects.all())
    by_slug = {f.slug: f for f in alla_forbund}
    by_name = {f.namn.lower(): f for f in alla_forbund}
    kommuner = {k.kod: k for k in Kommun.objects.all()}
    kommun_by_name = {k.namn.lower(): k for k in kommuner.values()}
    lan = {x.kod: x for x in Lan.objects.all()}
    region_by_name = {x.region_namn.lower(): x for x in lan.values()} | {x.namn.lower(): x for x in lan.values()}

    planned_mb: dict[tuple[int, int], dict] = {}  # (forbund_id, ar) -> {medlem_key: belopp}
    planned_ae: dict[tuple[int, int], dict] = {}
    anteckning: dict[tuple[int, int], str] = {}
    seen: dict[tuple, int] = {}
    forbund_by_id: dict[int, Forbund] = {}
    for rad in rows:
        forbund_text, ar_text, post = rad.text("forbund"), rad.text("ar"), rad.text("post").lower()
        if post == "statsbidrag":
            _plan_statsbidrag(rad, fel, planned_sb)
            continue
        forbund = by_slug.get(forbund_text) or by_name.get(forbund_text.lower())
        if forbund is None:
            hint = closest(forbund_text, [f.namn for f in alla_forbund] + list(by_slug)) if forbund_text else ""
            msg = _("Okänt förbund.") if forbund_text else _("Förbund saknas.")
            fel.append(RadFel(rad.nummer, "forbund", forbund_text, msg + hint))
        ar = None
        try:
            ar = int(ar_text)
            validate_ar(ar)
        except (ValueError, ValidationError):
            fel.append(RadFel(rad.nummer, "ar", ar_text, _("Ogiltigt år: skriv fyra siffror, t.ex. 2024.")))
            ar = None
        if post not in POSTER:
            hint = closest(post, POSTER) if post else ""
            fel.append(
                RadFel(
                    rad.nummer,
                    "post",
                    rad.text("post"),
                    _("Okänd post; giltiga är %(poster)s.") % {"poster": ", ".join(POSTER)} + hint,
                )
            )
            continue
        negativt = post in POSTER_ARSEKONOMI and POSTER_ARSEKONOMI[post][1]
        belopp = _parse_belopp(rad, fel, negativt=negativt)
        if forbund and ar is not None:
            if not _existed_during(forbund, ar):
                fel.append(
                    RadFel(
                        rad.nummer, "ar", ar_text, _("%(f)s fanns inte under %(ar)s.") % {"f": forbund.namn, "ar": ar}
                    )
                )
                continue

        key = None
        if post in POSTER_MEDLEM:
            kod_text, region_text = rad.text("kommunkod"), rad.text("region")
            if post == "stat":
                key = medlem_key(Medlemstyp.STAT)
            elif post == "kommun":
                kod = kod_text.zfill(4) if kod_text.isdigit() else kod_text
                kommun = kommuner.get(kod) or kommun_by_name.get(kod_text.lower())
                if kommun is None:
                    msg = _("Okänd kommun: skriv SCB:s fyrsiffriga kommunkod.") if kod_text else _("Kommunkod saknas.")
                    fel.append(RadFel(rad.nummer, "kommunkod", kod_text, msg))
                else:
                    key = medlem_key(Medlemstyp.KOMMUN, kommun.kod)
            else:
                region = (
                    lan.get(region_text.zfill(2)) if region_text.isdigit() else region_by_name.get(region_text.lower())
                )
                if region is None:
                    hint = closest(region_text, [x.region_namn for x in lan.values()]) if region_text else ""
                    msg = (
                        _("Okänd region: skriv länskoden eller regionens namn.") if region_text else _("Region saknas.")
                    )
                    fel.append(RadFel(rad.nummer, "region", region_text, msg + hint))
                else:
                    key = medlem_key(Medlemstyp.REGION, region.kod)
        if forbund is None or ar is None or belopp is None or (post in POSTER_MEDLEM and key is None):
            continue
        forbund_by_id[forbund.pk] = forbund
        dubblett = (forbund.pk, ar, post, key)
        if dubblett in seen:
            fel.append(
                RadFel(
                    rad.nummer, "post", post, _("Samma belopp finns redan på rad %(rad)s.") % {"rad": seen[dubblett]}
                )
            )
            continue
        seen[dubblett] = rad.nummer
        if key is not None:
            planned_mb.setdefault((forbund.pk, ar), {})[key] = (belopp, rad)
        else:
            planned_ae.setdefault((forbund.pk, ar), {})[POSTER_ARSEKONOMI[post][0]] = belopp
            if post == "ovrigt":
                text = rad.text("anteckning")
                if belopp and not text:
                    fel.append(
                        RadFel(
                            rad.nummer, "anteckning", "", _("Skriv vad de övriga intäkterna är i kolumnen anteckning.")
                        )
                    )
                anteckning[(forbund.pk, ar)] = text

    # Members must be members of the förbund during the year, by the registry (one query per förbund-year).
    for (fid, ar), belopp_per_medlem in planned_mb.items():
        medlemmar = registry_members(forbund_by_id[fid], ar)
        for key, (_belopp, rad) in belopp_per_medlem.items():
            if key not in medlemmar:
                kolumn = "kommunkod" if key[0] == Medlemstyp.KOMMUN else "region"
                fel.append(
                    RadFel(
                        rad.nummer,
                        kolumn,
                        rad.text(kolumn),
                        _("Inte medlem i %(f)s under %(ar)s enligt registret.")
                        % {"f": forbund_by_id[fid].namn, "ar": ar},
                    )
                )
    if fel:
        raise ImportFel(sorted(fel, key=lambda f: (f.rad, f.kolumn)))

    resultat = ImportResultat(statsbidrag=len(planned_sb))
    if dry_run:
        resultat.forbund_ar = set(planned_mb) | set(planned_ae)
        return resultat
    for ar, (belopp, _rad) in planned_sb.items():
        statsbidrag_set(ar=ar, tilldelat=belopp)
    for (fid, ar), belopp_per_medlem in planned_mb.items():
        medlemsbidrag_set(
            forbund=forbund_by_id[fid], ar=ar, belopp={k: b for k, (b, _rad) in belopp_per_medlem.items()}
        )
        resultat.medlemsbidrag += len(belopp_per_medlem)
        resultat.forbund_ar.add((fid, ar))
    for (fid, ar), values in planned_ae.items():
        if (fid, ar) in anteckning:
            values["ovriga_intakter_anteckning"] = anteckning[(fid, ar)]
        arsekonomi_update(forbund=forbund_by_id[fid], ar=ar, **values)
        resultat.ovrigt += len(values)
        resultat.forbund_ar.add((fid, ar))
    return resultat


def _existed_during(forbund: Forbund, ar: int) -> bool:
    return (forbund.bildat is None or forbund.bildat.year <= ar) and (
        forbund.upphort is None or forbund.upphort.year >= ar
    )


def _plan_statsbidrag(rad: Rad, fel: list[RadFel], planned: dict) -> None:
    """A row with post "statsbidrag": the state's allocation to all förbund for the year; förbund left empty."""
    if rad.text("forbund"):
        fel.append(RadFel(rad.nummer, "forbund", rad.text("forbund"), _("Lämna förbund tomt för statsbidrag.")))
    try:
        ar = int(rad.text("ar"))
        validate_ar(ar)
    except (ValueError, ValidationError):
        fel.append(RadFel(rad.nummer, "ar", rad.text("ar"), _("Ogiltigt år: skriv fyra siffror, t.ex. 2024.")))
        return
    belopp = _parse_belopp(rad, fel, negativt=False)
    if belopp is None:
        return
    if ar in planned:
        fel.append(
            RadFel(
                rad.nummer,
                "ar",
                str(ar),
                _("Samma belopp finns redan på rad %(rad)s.") % {"rad": planned[ar][1].nummer},
            )
        )
        return
    planned[ar] = (belopp, rad)
