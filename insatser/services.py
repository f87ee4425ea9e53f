"""Writes to insatser. Each public function is one transaction, checks the rules (rules.py for values,
validering.py for what needs the database) and records history.

Optimistic locking: every write names the version it was edited from; each form locks what it writes (the insats's
own fields, or one year's row: see arsuppgifter.py), so nothing is silently overwritten.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from forbund.models import Forbund, Kommun, Lan
from insatser.borttagna import ATERSTALLD, BORTTAGEN, _restore_state, deleted_years, insats_restore_check
from insatser.konflikt import insats_falt_andrade_sedan
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp
from insatser.rules import AR_FALT, DELTAGARE_FALT, allowed_years, ar_errors
from insatser.validering import (  # noqa: F401 - the services' callers read these names here too
    INSATS_FALT,
    M2M_FALT,
    M2M_HISTORIK,
    Konflikt,
    _check,
    _normalise,
    _raise,
    deltagaransvariga_ids,
    medlemskap_for,
    utforare_fel,
)
from rapportering.las import ar_andrat, ar_kontrollera_oppet


def _save_with_history(insats: Insats, m2m: dict, *, created: bool) -> None:
    """Save fields and m2m relations as one historical record (simple-history would write one per relation)."""
    insats.skip_history_when_saving = True
    try:
        insats.save()
        for name, values in m2m.items():
            if values is not None:
                getattr(insats, name).set(values)
    finally:
        del insats.skip_history_when_saving
    insats.save(update_fields=["andrad"])  # the historical record, with the m2m relations as they are now
    if created:
        Insats.history.filter(id=insats.pk).update(history_type="+")


@transaction.atomic
def insats_create(
    *,
    forbund: Forbund,
    namn: str,
    typ: str,
    inriktning: Inriktning,
    startdatum: datetime.date,
    tidigare_inriktning: Inriktning | None = None,
    slutdatum: datetime.date | None = None,
    beskrivning: str = "",
    malgrupper: list[Malgrupp] = (),
    esf: bool = False,
    deltagaruppfoljning: bool = False,
    volyminsats: bool = False,
    utforare_fk: bool = False,
    utforare_af: bool = False,
    utforare_kommuner: list[Kommun] = (),
    utforare_regioner: list[Lan] = (),
    deltagaransvariga: list = (),
    arsuppgifter: list[dict] | None = None,
) -> Insats:
    """Register a new insats (optionally with its yearly figures)."""
    data = _normalise(locals())
    m2m = {
        "malgrupper": list(malgrupper),
        "utforare_kommuner": list(utforare_kommuner),
        "utforare_regioner": list(utforare_regioner),
        "deltagaransvariga": list(deltagaransvariga),
    }
    _check(forbund=forbund, pk=None, data=data, **m2m)
    insats = Insats(forbund=forbund, **data)
    _save_with_history(insats, m2m, created=True)
    if arsuppgifter:
        _set_arsuppgifter(insats, arsuppgifter, replace=False)
    return insats


def _lock(insats: Insats, version: int | None, *, bara_insatsen: bool = False) -> Insats:
    """The insats, locked; Konflikt if someone saved after `version`. bara_insatsen: the write changes only the
    insats's own fields, so a yearly figure saved meanwhile is no conflict (see konflikt.py)."""
    current = Insats.objects.select_for_update().get(pk=insats.pk)
    if version is None or int(version) != current.version:
        senare = version is not None and int(version) > current.version  # a version not yet written: no match
        if senare or not (
            bara_insatsen and version is not None and not insats_falt_andrade_sedan(current.pk, int(version))
        ):
            raise Konflikt()
    return current


@transaction.atomic
def insats_update(*, insats: Insats, version: int, arsuppgifter: list[dict] | None = None, **changes) -> Insats:
    """Change any field of an insats (typ, inriktning and ESF too). Refused if someone saved after `version`."""
    unknown = set(changes) - set(INSATS_FALT) - set(M2M_FALT)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    current = _lock(insats, version, bara_insatsen=arsuppgifter is None)
    data = _normalise({**{f: getattr(current, f) for f in INSATS_FALT}, **changes})
    m2m = {name: (list(changes[name]) if name in changes else list(getattr(current, name).all())) for name in M2M_FALT}
    _check(forbund=current.forbund, pk=current.pk, data=data, **m2m)
    for field, value in data.items():
        setattr(current, field, value)
    current.version += 1  # safe: the row is locked
    _save_with_history(current, {k: v for k, v in m2m.items() if k in changes}, created=False)
    # The insats's own fields count in every year it ran: a submitted year shows the reviewer it changed.
    ar_andrat(forbund_id=current.forbund_id, ar=allowed_years(current.startdatum, current.slutdatum))
    if arsuppgifter is not None:
        _set_arsuppgifter(current, arsuppgifter, replace=True)
    current.refresh_from_db()
    return current


@transaction.atomic
def insats_delete(*, insats: Insats, version: int) -> None:
    """Delete an insats and its yearly figures; the deletion stays in the history (who and when)."""
    current = _lock(insats, version)
    reason = f"{BORTTAGEN}{uuid.uuid4().hex}"
    ar_med_uppgifter = list(current.arsuppgifter.values_list("ar", flat=True))
    for ar in ar_med_uppgifter:
        ar_kontrollera_oppet(forbund_id=current.forbund_id, ar=ar)
    ar_andrat(forbund_id=current.forbund_id, ar=ar_med_uppgifter)
    for row in current.arsuppgifter.all():
        row._change_reason = reason
        row.delete()
    current._change_reason = reason
    current.delete()


@transaction.atomic
def insats_restore(*, record) -> Insats:
    """Bring back a deleted insats as it was when deleted: fields, målgrupper, utförare, deltagaransvariga (those who
    still have the role) and the yearly figures deleted with it. Recorded in the history as a restore."""
    # Serialise restores of the same förbund (two clicks on "Återställ" at once).
    Forbund.objects.select_for_update().filter(pk=record.forbund_id).first()
    m2m = _restore_state(record)
    fel = insats_restore_check(record, m2m)
    if fel:
        raise ValidationError(fel)
    insats = Insats(id=record.id, forbund_id=record.forbund_id, version=record.version + 1)
    for field in INSATS_FALT:
        attname = Insats._meta.get_field(field).attname
        setattr(insats, attname, getattr(record, attname))
    insats.skip_history_when_saving = True
    try:
        insats.save(force_insert=True)
        for name, values in m2m.items():
            getattr(insats, name).set(values)
    finally:
        del insats.skip_history_when_saving
    Insats.objects.filter(pk=insats.pk).update(skapad=record.skapad)
    insats._change_reason = ATERSTALLD
    insats.save(update_fields=["andrad"])  # the restore's historical record, with the m2m relations
    latest = Insats.history.filter(id=insats.pk).latest("history_date", "history_id")
    Insats.history.filter(history_id=latest.history_id).update(history_type="+")
    for ar_record in deleted_years(record):
        row = InsatsAr(id=ar_record.id, insats=insats, ar=ar_record.ar)
        for f in AR_FALT:
            setattr(row, f, getattr(ar_record, f))
        row._change_reason = ATERSTALLD
        row.save(force_insert=True)
    insats.refresh_from_db()
    return insats


def _ar_values(raw: dict) -> dict:
    return {f: raw.get(f) for f in AR_FALT}


def _set_arsuppgifter(insats: Insats, arsuppgifter: list[dict], *, replace: bool) -> None:
    """Create or update the given years; with replace, years not given are deleted."""
    fel: list[tuple[str, str]] = []
    seen = set()
    for index, raw in enumerate(arsuppgifter):
        ar = raw.get("ar")
        for falt, meddelande in ar_errors(
            typ=insats.typ,
            deltagaruppfoljning=insats.deltagaruppfoljning,
            volyminsats=insats.volyminsats,
            startdatum=insats.startdatum,
            slutdatum=insats.slutdatum,
            ar=ar,
            values=_ar_values(raw),
        ):
            fel.append((f"arsuppgifter[{index}].{falt}", meddelande))
        if ar in seen:
            fel.append((f"arsuppgifter[{index}].ar", _("Året %(ar)s finns två gånger.") % {"ar": ar}))
        seen.add(ar)
    _raise(fel)
    existing = {a.ar: a for a in insats.arsuppgifter.all()}
    andrade = []
    for raw in arsuppgifter:
        row = existing.get(raw["ar"]) or InsatsAr(insats=insats, ar=raw["ar"])
        values = _ar_values(raw)
        if row.pk and all(getattr(row, f) == v for f, v in values.items()):
            continue
        ar_kontrollera_oppet(forbund_id=insats.forbund_id, ar=row.ar)
        for f, v in values.items():
            setattr(row, f, v)
        row.version = row.version + 1 if row.pk else 1  # the year's own version (the year form locks it)
        row.save()
        andrade.append(row.ar)
    if replace:
        for ar, row in existing.items():
            if ar not in seen:
                ar_kontrollera_oppet(forbund_id=insats.forbund_id, ar=ar)
                row.delete()
                andrade.append(ar)
    ar_andrat(forbund_id=insats.forbund_id, ar=andrade)


@transaction.atomic
def insats_ar_save(*, insats: Insats, version: int, ar: int, values: dict, only_deltagare: bool = False) -> InsatsAr:
    """Register or correct one year's figures. A deltagaransvarig may change only the participant counts."""
    current = _lock(insats, version)
    row = InsatsAr.objects.filter(insats=current, ar=ar).first() or InsatsAr(insats=current, ar=ar)
    if only_deltagare:
        # Counts not given are kept (a PATCH may send one of them).
        values = {**{f: getattr(row, f) for f in AR_FALT}, **{f: values[f] for f in DELTAGARE_FALT if f in values}}
    fel = ar_errors(
        typ=current.typ,
        deltagaruppfoljning=current.deltagaruppfoljning,
        volyminsats=current.volyminsats,
        startdatum=current.startdatum,
        slutdatum=current.slutdatum,
        ar=ar,
        values=values,
    )
    _raise(fel)
    changed = row.pk is None or any(getattr(row, f) != values.get(f) for f in AR_FALT)
    if changed:
        ar_kontrollera_oppet(forbund_id=current.forbund_id, ar=ar)
        for f in AR_FALT:
            setattr(row, f, values.get(f))
        row.version = row.version + 1 if row.pk else 1  # the year's own version (the year form locks it)
        row.save()
        ar_andrat(forbund_id=current.forbund_id, ar=ar)
        Insats.objects.filter(pk=current.pk).update(version=F("version") + 1, andrad=timezone.now())
    return row


@transaction.atomic
def insats_deltagare_update(*, insats: Insats, version: int, arsuppgifter: list[dict]) -> Insats:
    """A deltagaransvarig's change: participant counts for one or more years, nothing else."""
    current = _lock(insats, version)
    for index, raw in enumerate(arsuppgifter):
        ar = raw.get("ar")
        try:
            insats_ar_save(insats=current, version=current.version, ar=ar, values=raw, only_deltagare=True)
        except Konflikt:
            raise
        except ValidationError as exc:
            raise ValidationError(
                {f"arsuppgifter[{index}].{falt}": errors for falt, errors in exc.message_dict.items()}
            ) from exc
        current.refresh_from_db(fields=["version"])
    current.refresh_from_db()
    return current


@transaction.atomic
def insats_ar_delete(*, insats: Insats, version: int, ar: int) -> None:
    current = _lock(insats, version)
    row = InsatsAr.objects.filter(insats=current, ar=ar).first()
    if row:
        ar_kontrollera_oppet(forbund_id=current.forbund_id, ar=ar)
        row.delete()
        ar_andrat(forbund_id=current.forbund_id, ar=ar)
        Insats.objects.filter(pk=current.pk).update(version=F("version") + 1, andrad=timezone.now())


def years_for(insats: Insats) -> range:
    return allowed_years(insats.startdatum, insats.slutdatum)
