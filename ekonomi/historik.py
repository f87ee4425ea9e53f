"""The history of a förbund-year's economy: who changed which figure, when, before and after."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ekonomi.models import ARSEKONOMI_FALT, Arsekonomi, Medlemsbidrag, Medlemstyp
from forbund.models import Forbund


@dataclass
class Andring:
    """One change to reported figures: who, when, what, before and after."""

    tidpunkt: datetime.datetime
    vem: str
    vad: str
    falt: str
    fore: object
    efter: object
    typ: str  # "+" created, "~" changed, "-" removed


def _vem(record) -> str:
    user = record.history_user
    if user is None:
        return str(_("system (import eller skript)"))
    return user.get_full_name() or user.username


def _changes(
    records, vad_for, falt: list[str], labels: dict[str, str], noll_ar_tomt: frozenset[str] = frozenset()
) -> list[Andring]:
    """Turn simple-history rows (sorted by object, then time) into field-level changes.

    Only None and "" are "nothing registered": 0 kr is a registered value (a contribution of 0 kr is shown when
    it is registered and when it is removed). noll_ar_tomt names fields stored as 0 when nobody typed anything
    (NOT NULL with default 0), where 0 on creation or removal is not shown.
    """

    def tomt(f: str, value) -> bool:
        return value is None or value == "" or (f in noll_ar_tomt and value == 0)

    andringar: list[Andring] = []
    previous: dict[int, object] = {}
    for rec in records:
        prev = previous.get(rec.id)
        vad = vad_for(rec)
        if rec.history_type == "-":
            for f in falt:
                if not tomt(f, getattr(rec, f)):
                    andringar.append(Andring(rec.history_date, _vem(rec), vad, labels[f], getattr(rec, f), None, "-"))
        else:
            for f in falt:
                before = getattr(prev, f) if prev is not None else None
                after = getattr(rec, f)
                if prev is None and tomt(f, after):
                    continue
                if before != after:
                    typ = "+" if prev is None else "~"
                    andringar.append(Andring(rec.history_date, _vem(rec), vad, labels[f], before, after, typ))
        previous[rec.id] = rec
    return andringar


def forbund_historik(forbund: Forbund, ar: int) -> list[Andring]:
    """Every change to the förbund's economy figures of a year, newest first. 2 queries."""
    ae_falt = ARSEKONOMI_FALT
    labels = {f: str(Arsekonomi._meta.get_field(f).verbose_name) for f in ae_falt}
    labels["belopp"] = str(_("medlemsbidrag (kr)"))
    ae = (
        Arsekonomi.history.filter(forbund_id=forbund.pk, ar=ar)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    andringar = _changes(
        ae, lambda rec: str(_("Årets ekonomi")), ae_falt, labels, frozenset({"esf_intakter", "ovriga_intakter"})
    )
    mb = (
        Medlemsbidrag.history.filter(forbund_id=forbund.pk, ar=ar)
        .select_related("history_user", "region", "kommun")
        .order_by("id", "history_date", "history_id")
    )

    def medlem(rec) -> str:
        if rec.medlemstyp == Medlemstyp.KOMMUN:
            return rec.kommun.namn
        if rec.medlemstyp == Medlemstyp.REGION:
            return rec.region.region_namn
        return str(Medlemstyp.STAT.label)

    andringar += _changes(mb, medlem, ["belopp"], labels)
    andringar.sort(key=lambda a: a.tidpunkt, reverse=True)
    return andringar
