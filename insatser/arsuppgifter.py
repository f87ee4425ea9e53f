"""Writes of one year's figures that lock the year, not the whole insats, and the removal of years (on their own, or
when new dates shorten the insats's period). Each function is one transaction and keeps the reporting round's locks
(rapportering.las) and the history."""

import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from insatser import services
from insatser.konflikt import insats_falt_andrade_sedan
from insatser.models import Insats, InsatsAr
from insatser.rules import allowed_years
from rapportering.las import ar_andrat, ar_kontrollera_oppet

BORTTAGET_AR = "ar-borttaget:"


class ArKonflikt(services.Konflikt):
    """Someone else saved this year's figures after this user opened them."""

    message_text = gettext_lazy(
        "Någon annan har sparat uppgifterna för året sedan du öppnade dem. Jämför deras ändring med det du "
        "skrev nedan; dina uppgifter är kvar i formuläret. Tryck Spara igen för att spara dina uppgifter."
    )


class InsatsKonflikt(services.Konflikt):
    message_text = gettext_lazy(
        "Någon annan har sparat ändringar i insatsen sedan du öppnade den. Jämför deras ändring med det du "
        "skrev nedan; dina uppgifter är kvar i formuläret. Tryck Spara igen för att spara dina uppgifter."
    )


def ar_version(insats: Insats, ar: int) -> int:
    """The version a year form edits from: 0 while the year has no figures."""
    return InsatsAr.objects.filter(insats=insats, ar=ar).values_list("version", flat=True).first() or 0


@transaction.atomic
def insats_ar_spara(*, insats: Insats, ar: int, ar_version: int, values: dict, only_deltagare: bool = False):
    """Register or correct one year's figures, refused only if someone saved this year's figures after ar_version
    (not when the insats's description or another year changed)."""
    # The insats row is locked (not compared): its dates and typ decide the rules, and a change of them waits.
    current = Insats.objects.select_for_update().get(pk=insats.pk)
    row = InsatsAr.objects.select_for_update().filter(insats=current, ar=ar).first()
    if (row.version if row else 0) != int(ar_version):
        raise ArKonflikt()
    return services.insats_ar_save(
        insats=current, version=current.version, ar=ar, values=values, only_deltagare=only_deltagare
    )


def _ta_bort(insats: Insats, rader: list[InsatsAr]) -> None:
    reason = f"{BORTTAGET_AR}{uuid.uuid4().hex}"
    for row in rader:
        ar_kontrollera_oppet(forbund_id=insats.forbund_id, ar=row.ar)
    for row in rader:
        row._change_reason = reason
        row.delete()
    ar_andrat(forbund_id=insats.forbund_id, ar=[row.ar for row in rader])


@transaction.atomic
def insats_ar_ta_bort(*, insats: Insats, ar: int, ar_version: int) -> None:
    """Remove one year's figures (recorded in the history); refused when the year is locked or changed meanwhile."""
    current = Insats.objects.select_for_update().get(pk=insats.pk)
    row = InsatsAr.objects.select_for_update().filter(insats=current, ar=ar).first()
    if row is None or row.version != int(ar_version):
        raise ArKonflikt()
    _ta_bort(current, [row])
    Insats.objects.filter(pk=current.pk).update(version=F("version") + 1, andrad=timezone.now())


def ar_utanfor_perioden(insats: Insats, startdatum, slutdatum) -> list[int]:
    """The years with figures that new dates would leave outside the insats's period."""
    if startdatum is None:
        return []
    inom = set(allowed_years(startdatum, slutdatum))
    return sorted(a for a in insats.arsuppgifter.values_list("ar", flat=True) if a not in inom)


@transaction.atomic
def insats_update_ta_bort_ar(*, insats: Insats, version: int, ta_bort: list[int], **changes) -> Insats:
    """insats_update, after removing the years the user confirmed (those the new dates leave outside the period):
    one step, all or nothing. A year outside the period the user has not seen is not removed (the update refuses)."""
    current = Insats.objects.select_for_update().get(pk=insats.pk)
    if int(version) != current.version and insats_falt_andrade_sedan(current.pk, int(version)):
        raise InsatsKonflikt()
    utanfor = ar_utanfor_perioden(
        current, changes.get("startdatum", current.startdatum), changes.get("slutdatum", current.slutdatum)
    )
    rader = [r for r in current.arsuppgifter.all() if r.ar in set(ta_bort) & set(utanfor)]
    if rader:
        _ta_bort(current, rader)
    return services.insats_update(insats=current, version=current.version, **changes)
