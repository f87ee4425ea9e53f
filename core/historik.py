"""The history of anything recorded with simple-history: who changed which field, when, before and after.

One implementation for the insatser, the economy and the revision: the fields' changes come from simple-history's
`diff_against`; the m2m relations are read once per relation for all records (diff_against reads them twice per
field and record, so a page would cost queries in proportion to its history); one label map (the fields'
verbose_name, or a label given where there is none); one value format; one rule for who made a change.

Deletions and restores: a deletion lists each registered value as removed (value → –); the next record of the same
object (a restore) lists them as registered again (– → value)."""

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import get_history_model_for_model, get_m2m_reverse_field_name

from core.tal import tal

TOM = "–"  # nothing registered: never shown as 0

# Typ of a Handelse
REGISTRERAD, ANDRAD, BORTTAGEN, ATERSTALLD = "+", "~", "-", "aterstalld"


@functools.cache
def historisk_modell(model: type[Model]) -> type[Model]:
    """The simple-history model of `model`, looked up once per process: `Model.history` builds a new manager class
    on every access (simple-history's HistoryDescriptor), which cost a history page more than its queries. Read the
    records with `historisk_modell(Model).objects`."""
    return get_history_model_for_model(model)


def vem(user) -> str:
    """Who made a change: the user's full name (else the username); no user is an import or a script."""
    if user is None:
        return _("system (import eller skript)")
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class Andring:
    """One field's change, ready to show: the field's name (for code), its label, before and after."""

    namn: str
    falt: str
    fore: str
    efter: str


@dataclass
class Handelse:
    """One historical record with its changes: when, who, what (set by the caller), and the field changes."""

    tidpunkt: datetime.datetime
    vem: str
    typ: str  # REGISTRERAD, ANDRAD, BORTTAGEN or ATERSTALLD
    andringar: list[Andring]
    record: object
    vad: str = ""


@dataclass
class Falt:
    """What a model's history shows: its fields in order, their labels and how their values read.

    etiketter: labels where the field's verbose_name is not the one to show. namn: per field (foreign key or m2m), a
    function from the keys the history needs to {key: name}, called once per history and only when needed.
    noll_ar_tomt: fields stored as 0 when nobody typed anything (NOT NULL, default 0): 0 is then "nothing
    registered" on registration and removal (elsewhere 0 is a registered value)."""

    model: type[Model]
    falt: tuple[str, ...]
    etiketter: Mapping[str, str] = field(default_factory=dict)
    namn: Mapping[str, Callable[[set], Mapping]] = field(default_factory=dict)
    noll_ar_tomt: frozenset[str] = frozenset()

    def etikett(self, name: str) -> str:
        if name in self.etiketter:
            return str(self.etiketter[name])
        return str(self.model._meta.get_field(name).verbose_name)

    @property
    def m2m(self) -> list:
        return [f for f in historisk_modell(self.model)._history_m2m_fields if f.name in self.falt]


def formatera(value, model_field=None, namn: Mapping | None = None) -> str:
    """A value as the history shows it: – for nothing, Ja/Nej, dates as YYYY-MM-DD, choices by label, names for
    keys (m2m as a sorted list), numbers (kronor, counts) with thousand separators."""
    if value is None or value == "":
        return TOM
    if isinstance(value, (set, frozenset, list, tuple)):
        names = sorted(str(namn.get(v, v)) if namn is not None else str(v) for v in value)
        return ", ".join(names) or TOM
    if namn is not None:
        return str(namn.get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return tal(value)  # the one number format (core.tal): grouping and a real minus sign
    return str(value)


def _m2m_values(spec: Falt, records: list) -> dict[str, dict[int, frozenset]]:
    """{m2m field: {history_id: keys}}: one query per relation, however many records."""
    ids = [r.history_id for r in records]
    values: dict[str, dict[int, frozenset]] = {}
    for m2m_field in spec.m2m:
        if not ids:  # no records, nothing to read
            values[m2m_field.name] = {}
            continue
        through = getattr(historisk_modell(spec.model), m2m_field.name).model
        column = get_m2m_reverse_field_name(m2m_field) + "_id"
        by_record: dict[int, set] = {i: set() for i in ids}
        for history_id, key in through.objects.filter(history_id__in=ids).values_list("history_id", column):
            by_record[history_id].add(key)
        values[m2m_field.name] = {i: frozenset(keys) for i, keys in by_record.items()}
    return values


def historik(records: Iterable, spec: Falt) -> list[Handelse]:
    """The changes of each historical record (of one or many objects), oldest first, as the records come.

    Pass records ordered by time, with history_user selected (select_related): the cost is then the records' query,
    one per m2m relation and one per name lookup, whatever their number."""
    records = list(records)
    m2m = _m2m_values(spec, records)
    m2m_names = set(m2m)
    fields = [f for f in spec.falt if f not in m2m_names]
    model_fields = {f: spec.model._meta.get_field(f) for f in spec.falt}
    attnames = {f: model_fields[f].attname for f in fields}

    def value(rec, name):
        if name in m2m:
            return m2m[name][rec.history_id]
        return getattr(rec, attnames[name])

    def tomt(name, v) -> bool:
        return v is None or v == "" or v == frozenset() or (name in spec.noll_ar_tomt and v == 0)

    raw: list[tuple[object, str, list[tuple[str, object, object]]]] = []
    previous: dict[object, object] = {}
    for rec in records:
        prev = previous.get(rec.id)
        if rec.history_type == "-":
            typ = BORTTAGEN
            changes = [(f, value(rec, f), None) for f in spec.falt if not tomt(f, value(rec, f))]
        elif prev is None or prev.history_type == "-":
            typ = REGISTRERAD if prev is None else ATERSTALLD
            changes = [(f, None, value(rec, f)) for f in spec.falt if not tomt(f, value(rec, f))]
        else:
            typ = ANDRAD
            delta = rec.diff_against(prev, included_fields=fields)
            changed = set(delta.changed_fields) | {f for f in m2m if value(rec, f) != value(prev, f)}
            changes = [(f, value(prev, f), value(rec, f)) for f in spec.falt if f in changed]
        raw.append((rec, typ, changes))
        previous[rec.id] = rec

    # Names for keys, read once and only for the keys shown.
    wanted: dict[str, set] = {name: set() for name in spec.namn}
    for _rec, _typ, changes in raw:
        for f, before, after in changes:
            if f in wanted:
                for v in (before, after):
                    if isinstance(v, frozenset):
                        wanted[f] |= v
                    elif v is not None:
                        wanted[f].add(v)
    names = {f: spec.namn[f](keys) if keys else {} for f, keys in wanted.items()}

    def show(f, v) -> str:
        return formatera(v, model_fields[f], names.get(f))

    return [
        Handelse(
            tidpunkt=rec.history_date,
            vem=vem(rec.history_user),
            typ=typ,
            andringar=[Andring(f, spec.etikett(f), show(f, before), show(f, after)) for f, before, after in changes],
            record=rec,
        )
        for rec, typ, changes in raw
    ]


def nyast_forst(handelser: list[Handelse]) -> list[Handelse]:
    """Newest first; records of the same moment keep their reverse order (an import writes the insats first)."""
    handelser = list(reversed(handelser))
    handelser.sort(key=lambda h: h.tidpunkt, reverse=True)
    return handelser
