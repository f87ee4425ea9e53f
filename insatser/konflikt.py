"""After an edit conflict: what the other person changed (from the history, since the version the user edited), next
to what this user typed, so the user can compare and press Spara again.

Each form locks what it writes: the insats form the insats's own fields (a yearly figure saved meanwhile is no
conflict), the year form the year's row (InsatsAr.version: the förbundschef's change of the description is none).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _

from core.historik import formatera, vem
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ


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


def _jamfor(model, records, bas, falt: list[str], typed: dict, visa_falt) -> Konfliktvy:
    senaste = records[-1]
    vy = Konfliktvy(version=senaste.version, nar=senaste.history_date)
    for r in records:
        namn = vem(r.history_user)
        if namn not in vy.vem:
            vy.vem.append(namn)
    for f in falt:
        forut = getattr(bas, f) if bas is not None else None
        nu = getattr(senaste, f)
        if forut != nu:
            etikett = str(model._meta.get_field(f).verbose_name)
            vy.andringar.append(
                Konfliktfalt(
                    etikett[:1].upper() + etikett[1:], visa_falt(f, forut), visa_falt(f, nu), visa(typed.get(f))
                )
            )
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
    inriktningar = {i.kod: i.namn for i in Inriktning.objects.all()}

    def visa_falt(f, value):
        if f == "inriktning_id":
            return inriktningar.get(value, value or "–")
        if f == "typ" and value:
            return str(Typ(value).label)
        return visa(value)

    falt = ["namn", "beskrivning", "typ", "inriktning_id", "startdatum", "slutdatum", "esf", "deltagaruppfoljning"]
    falt += ["utforare_fk", "utforare_af"]
    typed = {("inriktning_id" if k == "inriktning" else k): v for k, v in typed.items()}
    if "typ" in typed and typed["typ"]:
        typed["typ"] = str(Typ(typed["typ"]).label)
    bas = _bas(qs, version)
    vy = _jamfor(Insats, records, bas, falt, typed, visa_falt)
    vy.version = current.version
    # Målgrupper are a relation: compared as the names in the two records.
    namn = dict(Malgrupp.objects.values_list("kod", "namn"))
    through = apps.get_model("insatser", "HistoricalInsats_malgrupper")

    def malgrupper(record) -> str:
        if record is None:
            return "–"
        koder = through.objects.filter(history=record).values_list("malgrupp_id", flat=True)
        return ", ".join(sorted(namn.get(k, k) for k in koder)) or "–"

    forut, nu = malgrupper(bas), malgrupper(records[-1])
    if forut != nu:
        ditt = ", ".join(sorted(namn.get(k, k) for k in typed.get("malgrupper") or [])) or "–"
        vy.andringar.append(Konfliktfalt(_("Målgrupper"), forut, nu, ditt))
    for a in vy.andringar:
        if a.etikett.lower().startswith("preciserad inriktning"):
            a.etikett = _("Preciserad inriktning")
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
    vy = _jamfor(InsatsAr, records, _bas(qs, ar_version) if ar_version else None, falt, typed, lambda f, v: visa(v))
    vy.version = row.version
    return vy
