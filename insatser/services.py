"""Writes to insatser. Each public function is one transaction, checks the rules in rules.py and records history.

Optimistic locking: every write names the `version` of the insats it was edited from. A yearly figure changes the
insats's version too, so one number guards the insats and all its figures and nothing is silently overwritten.
"""

import datetime
import uuid
from collections import defaultdict

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from forbund.models import Forbund, Kommun, Lan, Medlemskap, Roll
from insatser.konflikt import insats_falt_andrade_sedan
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ
from insatser.rules import AR_FALT, DELTAGARE_FALT, allowed_years, ar_errors, insats_errors
from rapportering.las import ar_andrat, ar_kontrollera_oppet

# (m2m field, historical m2m model, column): the m2m relations as they were in a historical record.
M2M_HISTORIK = [
    ("malgrupper", "HistoricalInsats_malgrupper", "malgrupp_id"),
    ("utforare_kommuner", "HistoricalInsats_utforare_kommuner", "kommun_id"),
    ("utforare_regioner", "HistoricalInsats_utforare_regioner", "lan_id"),
    ("deltagaransvariga", "HistoricalInsats_deltagaransvariga", "user_id"),
]
INSATS_FALT = (
    "namn",
    "beskrivning",
    "typ",
    "inriktning",
    "startdatum",
    "slutdatum",
    "esf",
    "deltagaruppfoljning",
    "utforare_fk",
    "utforare_af",
)
M2M_FALT = ("malgrupper", "utforare_kommuner", "utforare_regioner", "deltagaransvariga")


class Konflikt(ValidationError):
    """Someone else saved the insats after this user opened it."""

    def __init__(self):
        super().__init__(
            _(
                "Någon annan har sparat ändringar i insatsen sedan du öppnade den. Dina uppgifter är kvar i formuläret "
                "men har inte sparats: jämför med den senaste versionen (öppna insatsen i en ny flik) och spara igen."
            ),
            code="konflikt",
        )


def _raise(fel: list[tuple[str, str]]) -> None:
    if fel:
        errors: dict[str, list[str]] = defaultdict(list)
        for falt, meddelande in fel:
            errors[falt].append(meddelande)
        raise ValidationError(dict(errors))


def _period_end(slutdatum: datetime.date | None) -> datetime.date:
    return slutdatum or datetime.date.max


def medlemskap_for(forbund_ids) -> dict[int, list[tuple]]:
    """Every membership of these förbund, read in one query: (kommun_id, region_id, giltig_fran, giltig_till)."""
    perioder: dict[int, list[tuple]] = defaultdict(list)
    rows = Medlemskap.objects.filter(forbund_id__in=list(forbund_ids)).values_list(
        "forbund_id", "kommun_id", "region_id", "giltig_fran", "giltig_till"
    )
    for forbund_id, *rad in rows:
        perioder[forbund_id].append(tuple(rad))
    return perioder


def utforare_fel(
    medlemskap: list[tuple],
    startdatum: datetime.date,
    slutdatum: datetime.date | None,
    kommuner: list[tuple[str, str]],
    regioner: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """The one rule for the members who run an insats (form, API, import, restore): each kommun and region, given as
    (kod, namn), was a member of the förbund (medlemskap: see medlemskap_for) some day of [startdatum, slutdatum]."""
    slut = _period_end(slutdatum)
    under = [
        (k, r)
        for k, r, fran, till in medlemskap
        if (fran is None or fran <= slut) and (till is None or till >= startdatum)
    ]
    medlemmar = {"utforare_kommuner": {k for k, _r in under if k}, "utforare_regioner": {r for _k, r in under if r}}
    fel = []
    for falt, utforare in (("utforare_kommuner", kommuner), ("utforare_regioner", regioner)):
        utanfor = [namn for kod, namn in utforare if kod not in medlemmar[falt]]
        if utanfor:
            fel.append(
                (falt, _("%(namn)s var inte medlem i förbundet under insatsens period.") % {"namn": ", ".join(utanfor)})
            )
    return fel


def deltagaransvariga_ids(forbund: Forbund) -> set[int]:
    return set(forbund.behorigheter.filter(roll=Roll.DELTAGARANSVARIG).values_list("user_id", flat=True))


def _check(
    *,
    forbund: Forbund,
    pk: int | None,
    data: dict,
    malgrupper: list[Malgrupp],
    utforare_kommuner: list[Kommun],
    utforare_regioner: list[Lan],
    deltagaransvariga: list,
) -> None:
    """All rules for an insats, including those that need the database."""
    fel = insats_errors(
        typ=data["typ"],
        inriktning=data["inriktning"],
        malgrupp_koder=[m.kod for m in malgrupper],
        startdatum=data["startdatum"],
        slutdatum=data["slutdatum"],
    )
    if not (data.get("namn") or "").strip():
        fel.append(("namn", _("Ange insatsens namn.")))
    elif Insats.objects.filter(forbund=forbund, namn__iexact=data["namn"].strip()).exclude(pk=pk).exists():
        fel.append(("namn", _("Förbundet har redan en insats med det namnet.")))
    if data["inriktning"] is None:
        fel.append(("inriktning", _("Välj preciserad inriktning.")))
    if data["startdatum"] is None:
        fel.append(("startdatum", _("Ange startdatum.")))
    elif utforare_kommuner or utforare_regioner:
        fel += utforare_fel(
            medlemskap_for([forbund.pk])[forbund.pk],
            data["startdatum"],
            data["slutdatum"],
            kommuner=[(k.kod, k.namn) for k in utforare_kommuner],
            regioner=[(r.kod, r.region_namn) for r in utforare_regioner],
        )
    if deltagaransvariga:
        tillatna = deltagaransvariga_ids(forbund)
        if any(u.pk not in tillatna for u in deltagaransvariga):
            fel.append(("deltagaransvariga", _("Bara användare med rollen deltagaransvarig i förbundet kan väljas.")))
    if pk and data["startdatum"]:
        # Changing dates or typ must not leave yearly figures that break the rules: the user clears them first.
        for ar in InsatsAr.objects.filter(insats_id=pk):
            values = {f: getattr(ar, f) for f in AR_FALT}
            for falt, meddelande in ar_errors(
                typ=data["typ"],
                deltagaruppfoljning=data["deltagaruppfoljning"],
                startdatum=data["startdatum"],
                slutdatum=data["slutdatum"],
                ar=ar.ar,
                values=values,
            ):
                target = {"ar": "startdatum" if ar.ar < data["startdatum"].year else "slutdatum"}.get(falt, "typ")
                fel.append(
                    (
                        target,
                        _("Uppgifterna för %(ar)s passar inte längre: %(fel)s Ändra eller ta bort dem först.")
                        % {"ar": ar.ar, "fel": meddelande},
                    )
                )
    _raise(fel)


def _normalise(data: dict) -> dict:
    data = {k: data.get(k) for k in INSATS_FALT}
    data["namn"] = (data["namn"] or "").strip()
    data["beskrivning"] = data["beskrivning"] or ""
    for flag in ("esf", "deltagaruppfoljning", "utforare_fk", "utforare_af"):
        data[flag] = bool(data[flag])
    if data["typ"] == Typ.INDIVIDINRIKTAD:
        # Individinriktade always count participants; the choice belongs to strukturövergripande insatser.
        data["deltagaruppfoljning"] = False
    return data


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
    slutdatum: datetime.date | None = None,
    beskrivning: str = "",
    malgrupper: list[Malgrupp] = (),
    esf: bool = False,
    deltagaruppfoljning: bool = False,
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
        if not (bara_insatsen and version is not None and not insats_falt_andrade_sedan(current.pk, int(version))):
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


# history_change_reason of the records a deletion and a restore write: the yearly figures deleted with an insats
# carry the same reason as the insats's own deletion record, so a restore brings back exactly those years.
BORTTAGEN = "borttagen:"
ATERSTALLD = "aterstalld"


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


def deleted_years(record) -> list:
    """The yearly figures that were deleted together with the insats (their deletion records)."""
    qs = InsatsAr.history.filter(insats_id=record.id, history_type="-")
    if record.history_change_reason and record.history_change_reason.startswith(BORTTAGEN):
        qs = qs.filter(history_change_reason=record.history_change_reason)
    else:
        # Deleted another way (the admin site, before reasons were recorded): the cascade ran in the same second.
        qs = qs.filter(
            history_date__gte=record.history_date - datetime.timedelta(seconds=5),
            history_date__lte=record.history_date,
        )
    return list(qs.order_by("ar"))


def _restore_state(record) -> dict[str, list]:
    """The m2m relations a deleted insats comes back with (ids): as in the record before the deletion (the deletion
    record has no m2m rows: Django removes them first), deltagaransvariga only those who still have the role."""
    before = (
        Insats.history.filter(id=record.id, history_date__lt=record.history_date)
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    source = before if before is not None else record
    m2m = {
        name: list(apps.get_model("insatser", model_name).objects.filter(history=source).values_list(column, flat=True))
        for name, model_name, column in M2M_HISTORIK
    }
    tillatna = deltagaransvariga_ids(record.forbund)
    m2m["deltagaransvariga"] = [pk for pk in m2m["deltagaransvariga"] if pk in tillatna]
    return m2m


def _restore_rules(record, m2m: dict[str, list]) -> list[str]:
    """The rules of a new insats (the same _check as the form, the API and the import) for the insats as restored:
    memberships or classifications may have been corrected since it was deleted."""
    try:
        _check(
            forbund=record.forbund,
            pk=record.id,
            data=_normalise({f: getattr(record, f) for f in INSATS_FALT}),
            malgrupper=list(Malgrupp.objects.filter(kod__in=m2m["malgrupper"])),
            utforare_kommuner=list(Kommun.objects.filter(kod__in=m2m["utforare_kommuner"])),
            utforare_regioner=list(Lan.objects.filter(kod__in=m2m["utforare_regioner"])),
            deltagaransvariga=[],  # those kept still have the role (see _restore_state)
        )
    except ValidationError as exc:
        return exc.messages
    return []


def insats_restore_check(record, m2m: dict[str, list] | None = None) -> list[str]:
    """Why a deleted insats cannot be restored now (empty when it can)."""
    fel = []
    if Insats.objects.filter(pk=record.id).exists():
        fel.append(_("Insatsen finns redan: den har återställts."))
    elif Insats.history.filter(id=record.id, history_date__gt=record.history_date).exists():
        fel.append(_("Insatsen har återställts och tagits bort igen: återställ den senaste borttagningen."))
    elif Insats.objects.filter(forbund_id=record.forbund_id, namn__iexact=record.namn).exists():
        fel.append(
            _("Förbundet har en annan insats med namnet %(namn)s. Byt namn på den först.") % {"namn": record.namn}
        )
    else:
        fel += _restore_rules(record, m2m if m2m is not None else _restore_state(record))
    return fel


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
        attname = "inriktning_id" if field == "inriktning" else field
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
