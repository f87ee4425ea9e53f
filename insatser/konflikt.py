"""After an edit conflict: what the other person changed (from the history, since the version the user edited), next
to what this user typed, so the user can compare and press Spara again.

Each form locks what it writes: the insats form the insats's own fields (a yearly figure saved meanwhile is no
conflict), the year form the year's row (InsatsAr.version: the förbundschef's change of the description is none).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.text import capfirst

from core.historik import Falt, formatera, historik, vem
from insatser.historik import INSATS_NAMN
from insatser.models import Inriktning, Insats, InsatsAr, Typ
from insatser.validering import INSATS_FALT

# The fields the insats form locks (the year's figures lock their own row), målgrupper with them.
KONFLIKT_FALT = INSATS_FALT + ("malgrupper",)


@dataclass
class Konfliktfalt:
    """One field both people changed: as the user saw it, as the other saved it, as the user typed it."""

    etikett: str
    forut: str  # as it was in the version the user edited
    nu: str  # as the other person saved it
    ditt: str  # what this user typed


@dataclass
class Konfliktvy:
    """What to show after a conflict; version is the one the form now carries, so the next Spara goes through."""

    version: int
    vem: list[str] = field(default_factory=list)
    nar: datetime.datetime | None = None
    andringar: list[Konfliktfalt] = field(default_factory=list)


def insats_falt_andrade_sedan(insats_id: int, version: int) -> bool:
    """Did anyone save the insats's own fields after `version`? A yearly figure bumps the insats's version without a
    historical record of the insats, so only a record of a later version is a change of its fields."""
    return Insats.history.filter(id=insats_id, version__gt=version).exclude(history_type="+").exists()


def visa(value) -> str:
    """A value as the pages show it (as the history shows it)."""
    return formatera(value.namn if isinstance(value, Inriktning) else value)


def _jamfor(spec: Falt, records, bas, typed: dict, visa_ditt) -> Konfliktvy:
    """The fields that differ between the version the user edited (bas; None: nothing yet) and the latest save, as
    the history shows them (core.historik), each next to what the user typed."""
    senaste = records[-1]
    vy = Konfliktvy(version=senaste.version, nar=senaste.history_date)
    for r in records:
        namn = vem(r.history_user)
        if namn not in vy.vem:
            vy.vem.append(namn)
    skillnad = historik([bas, senaste] if bas is not None else [senaste], spec)[-1]
    for a in skillnad.andringar:
        vy.andringar.append(Konfliktfalt(capfirst(a.falt), a.fore, a.efter, visa_ditt(a.namn, typed.get(a.namn))))
    return vy


def _bas(history_qs, version: int):
    return history_qs.filter(version__lte=version).order_by("-history_date", "-history_id").first()


def insats_konflikt(insats: Insats, version: int, typed: dict) -> Konfliktvy:
    """The other saves of the insats's fields since `version`, field by field, with what the user typed."""
    current = Insats.objects.get(pk=insats.pk)
    qs = Insats.history.filter(id=insats.pk).select_related("history_user")
    records = list(qs.filter(version__gt=version).order_by("history_date", "history_id"))
    if not records:
        return Konfliktvy(version=current.version)
    if "typ" in typed and typed["typ"]:
        typed = {**typed, "typ": str(Typ(typed["typ"]).label)}

    def visa_ditt(f, value):
        if f == "malgrupper":
            keys = {getattr(k, "pk", k) for k in value or []}
            return formatera(keys, namn=INSATS_NAMN["malgrupper"](keys) if keys else {})
        return visa(value)

    vy = _jamfor(Falt(Insats, KONFLIKT_FALT, namn=INSATS_NAMN), records, _bas(qs, version), typed, visa_ditt)
    vy.version = current.version
    return vy


def ar_konflikt(insats: Insats, ar: int, ar_version: int, typed: dict, falt: list[str]) -> Konfliktvy:
    """The other saves of one year's figures since `ar_version` (0: the year had none), only the fields the user's
    form shows (a deltagaransvarig never sees money)."""
    row = InsatsAr.objects.filter(insats=insats, ar=ar).first()
    if row is None:  # removed meanwhile
        return Konfliktvy(version=0)
    qs = InsatsAr.history.filter(id=row.pk).select_related("history_user")
    records = list(qs.filter(version__gt=ar_version).order_by("history_date", "history_id"))
    if not records:
        return Konfliktvy(version=row.version)
    bas = _bas(qs, ar_version) if ar_version else None
    vy = _jamfor(Falt(InsatsAr, tuple(falt)), records, bas, typed, lambda f, v: visa(v))
    vy.version = row.version
    return vy
