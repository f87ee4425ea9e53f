"""Writes to the förbund's economy. Each public function is one transaction and validates before it saves.

History (who, when, before/after) is written by django-simple-history on every save and delete; a save that
changes nothing is skipped so the history shows only real changes.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import dataversion, locking
from core.granser import FORSTA_FORBUNDSAR, sista_registreringsar
from core.period import Period
from core.tal import kr
from ekonomi.models import ARSEKONOMI_FALT, Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag, Utbetalning
from ekonomi.statsmedel import NATIONELL_ANDEL_MAX
from forbund.models import Forbund, Kommun, Lan, Medlemskap, medlemskap_during
from forbund.selectors import forbund_under_aret
from rapportering.las import ar_andrat, ar_kontrollera_oppet


def validate_ar(ar: int) -> None:
    if not FORSTA_FORBUNDSAR <= ar <= sista_registreringsar():
        raise ValidationError(
            _("Året måste vara mellan %(min)s och %(max)s.")
            % {"min": FORSTA_FORBUNDSAR, "max": sista_registreringsar()}
        )


def medlem_key(medlemstyp: str, kod: str | None = None) -> tuple[str, str]:
    """The key a member's contribution is stored under: ("stat", ""), ("region", "13"), ("kommun", "1080")."""
    return (medlemstyp, kod or "")


def registry_members(forbund: Forbund, ar: int) -> dict[tuple[str, str], object]:
    """Members during the year according to the registry (a kommun that joined during the year is included)."""
    return registry_members_for({(forbund.pk, ar)})[(forbund.pk, ar)]


def registry_members_for(par: set[tuple[int, int]]) -> dict[tuple[int, int], dict[tuple[str, str], object]]:
    """registry_members for many (förbund id, year) pairs in one query (an import checks thousands)."""
    medlemmar = {nyckel: {medlem_key(Medlemstyp.STAT): None} for nyckel in par}
    if not par:
        return medlemmar
    ar_lista = {ar for _f, ar in par}
    start, end = datetime.date(min(ar_lista), 1, 1), datetime.date(max(ar_lista), 12, 31)
    rader = Medlemskap.objects.filter(forbund_id__in={f for f, _ar in par}).filter(
        medlemskap_during(Period(start, end))
    )
    for m in rader.select_related("kommun", "region"):
        for ar in ar_lista:
            if (m.forbund_id, ar) not in par or not m.overlaps(datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)):
                continue
            if m.kommun_id:
                medlemmar[(m.forbund_id, ar)][medlem_key(Medlemstyp.KOMMUN, m.kommun_id)] = m.kommun
            else:
                medlemmar[(m.forbund_id, ar)][medlem_key(Medlemstyp.REGION, m.region_id)] = m.region
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


class Konflikt(locking.Konflikt):
    """Someone else saved the förbund's economy for the year after this user opened it."""

    message_text = gettext_lazy(
        "Någon annan har sparat ekonomin för året sedan du öppnade den. Dina uppgifter är kvar i formuläret "
        "men har inte sparats: jämför med den senaste versionen (öppna ekonomin i en ny flik) och spara igen."
    )


@transaction.atomic
def arsekonomi_update(*, forbund: Forbund, ar: int, **values) -> Arsekonomi:
    """Set some of the year's figures (see ARSEKONOMI_FALT); the year's row is created when missing."""
    rad, changed = _arsekonomi_update(forbund=forbund, ar=ar, **values)
    if changed:
        _ny_version(forbund, ar)
    return rad


def arsekonomi_set(rad: Arsekonomi, values: dict) -> bool:
    """Set figures of a year's row in memory (an empty income is 0, a note is trimmed); True if any changed."""
    changed = False
    for name, value in values.items():
        if name in {"esf_intakter", "ovriga_intakter"} and value is None:
            value = 0
        if name == "ovriga_intakter_anteckning":
            value = (value or "").strip()
        if getattr(rad, name) != value:
            setattr(rad, name, value)
            changed = True
    return changed


def _arsekonomi_update(*, forbund: Forbund, ar: int, **values) -> tuple[Arsekonomi, bool]:
    validate_ar(ar)
    ar_kontrollera_oppet(forbund_id=forbund.pk, ar=ar)
    unknown = set(values) - set(ARSEKONOMI_FALT)
    if unknown:
        raise ValueError(f"Okända fält: {sorted(unknown)}")
    rad = Arsekonomi.objects.select_for_update().filter(forbund=forbund, ar=ar).first() or Arsekonomi(
        forbund=forbund, ar=ar
    )
    changed = arsekonomi_set(rad, values) or rad.pk is None
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
    ar_andrat(forbund_id=forbund.pk, ar=ar)
    dataversion.bump()  # the medlemsbidrag are written in bulk, which sends no signals


def _medlemsbidrag_set(*, forbund: Forbund, ar: int, belopp: dict[tuple[str, str], int | None]) -> bool:
    validate_ar(ar)
    ar_kontrollera_oppet(forbund_id=forbund.pk, ar=ar)
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
    nya, andrade, borttagna = [], [], 0
    for key, value in belopp.items():
        rad = existing.get(key)
        if value is None:
            if rad is not None:
                rad.delete()  # rare (an amount cleared); its history row is written by simple-history's signal
                borttagna += 1
            continue
        if rad is None:
            nya.append(Medlemsbidrag.for_medlem(forbund_id=forbund.pk, ar=ar, key=key, belopp=value))
        elif rad.belopp != value:
            rad.belopp = value
            andrade.append(rad)
    # Validated above (members from the registry, one row per member, no negative amount), so only the fields are
    # checked here; the rows and their history are written in bulk: a fixed number of queries for any number of
    # amounts (one save per row with full_clean was ~9 queries an amount).
    for rad in (*nya, *andrade):
        rad.clean_fields(exclude=["forbund", "region", "kommun"])
    if nya:
        bulk_create_with_history(nya, Medlemsbidrag)
    if andrade:
        bulk_update_with_history(andrade, Medlemsbidrag, ["belopp"])
    changed = bool(nya or andrade or borttagna)
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


@transaction.atomic
def statsmedel_set(
    *,
    ar: int,
    nationell_andel: int | None,
    nationell_forbrukad: int | None,
    nationell_anvandning: str,
    utbetalningar: dict[int, int | None],
    user=None,
) -> None:
    """Register the national share and FK's payments per förbund (förbund id -> kronor; None removes a payment).
    Checked whole before anything is written; history for every row (bulk, a fixed number of queries)."""
    sb = Statsbidrag.objects.select_for_update().filter(ar=ar).first()
    fel: dict[str, list[str]] = {}
    if sb is None:
        raise ValidationError(_("Registrera först de tilldelade medlen för %(ar)s.") % {"ar": ar})
    if nationell_andel is not None and nationell_andel > NATIONELL_ANDEL_MAX:
        fel["nationell_andel"] = [_("Högst 3 000 000 kr av medlen får användas till nationellt stöd.")]
    if nationell_forbrukad is not None and (nationell_andel is None or nationell_forbrukad > nationell_andel):
        fel["nationell_forbrukad"] = [_("Kan inte vara mer än den nationella andelen.")]
    if any(b is not None and b < 0 for b in utbetalningar.values()):
        fel["__all__"] = [_("Ett belopp kan inte vara negativt.")]
    summa = sum(b for b in utbetalningar.values() if b is not None) + (nationell_andel or 0)
    if summa > sb.tilldelat:
        fel.setdefault("__all__", []).append(
            _("Utbetalningarna och den nationella andelen (%(summa)s) är mer än de tilldelade medlen (%(t)s).")
            % {"summa": kr(summa), "t": kr(sb.tilldelat)}
        )
    tillatna = set(forbund_under_aret(ar).values_list("pk", flat=True))
    if set(utbetalningar) - tillatna:
        fel.setdefault("__all__", []).append(_("Ett förbund som inte fanns under året kan inte få en utbetalning."))
    if fel:
        raise ValidationError(fel)
    andrat = (sb.nationell_andel, sb.nationell_forbrukad, sb.nationell_anvandning) != (
        nationell_andel,
        nationell_forbrukad,
        nationell_anvandning,
    )
    if andrat:
        sb.nationell_andel, sb.nationell_forbrukad = nationell_andel, nationell_forbrukad
        sb.nationell_anvandning = nationell_anvandning
        sb.save()
    befintliga = {u.forbund_id: u for u in Utbetalning.objects.select_for_update().filter(ar=ar)}
    nya = [
        Utbetalning(forbund_id=f, ar=ar, belopp=b)
        for f, b in utbetalningar.items()
        if b is not None and f not in befintliga
    ]
    andrade = []
    for f, b in utbetalningar.items():
        u = befintliga.get(f)
        if u is not None and b is not None and u.belopp != b:
            u.belopp = b
            andrade.append(u)
    borttagna = [befintliga[f] for f, b in utbetalningar.items() if b is None and f in befintliga]
    if nya:
        bulk_create_with_history(nya, Utbetalning, default_user=user)
    if andrade:
        bulk_update_with_history(andrade, Utbetalning, ["belopp"], default_user=user)
    for u in borttagna:
        u.delete()  # a few at most; each deletion is a history row
    dataversion.bump()  # the payments are written in bulk, which sends no signals
