"""Deleted insatser: the list and the page of one, which yearly figures went with them, and whether one can be
restored now (reads only; the restore itself is insatser.services.insats_restore)."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.historik import vem
from forbund.access import ForbundAccess
from forbund.models import Kommun, Lan
from insatser.models import Insats, InsatsAr, Malgrupp
from insatser.rules import DELTAGARE_FALT, counts_participants, deltagare
from insatser.validering import INSATS_FALT, M2M_HISTORIK, _check, _normalise, deltagaransvariga_ids

# history_change_reason of the records a deletion and a restore write: the yearly figures deleted with an insats
# carry the same reason as the insats's own deletion record, so a restore brings back exactly those years.
BORTTAGEN = "borttagen:"
ATERSTALLD = "aterstalld"


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


def borttagna_insatser(access: ForbundAccess) -> list:
    """Deleted insatser of the förbund, from the history: name, who and when, newest first. Each record tells whether
    the insats has been restored since (`aterstalld`, with the insats) or may be restored (`kan_aterstallas`)."""
    records = list(
        Insats.history.filter(forbund_id=access.forbund.pk, history_type="-")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    finns = set(Insats.objects.filter(pk__in={r.id for r in records}).values_list("pk", flat=True))
    senaste: set[int] = set()
    for r in records:
        r.aterstalld = r.id in finns
        r.kan_aterstallas = not r.aterstalld and r.id not in senaste
        senaste.add(r.id)
    return records


@dataclass
class BorttagenInsats:
    """A deleted insats as it was when deleted (read-only), its yearly figures and its history."""

    record: object  # the deletion's historical record: fields as they were
    malgrupper: list[str]
    utforare: list[str]
    deltagaransvariga: list[str]
    rader: list  # the yearly figures deleted with it (historical records), by year
    historik: list  # insatser.selectors.Handelse, newest first
    hinder: list[str]  # why it cannot be restored now; empty when it can

    @property
    def vem(self) -> str:
        return vem(self.record.history_user)

    @property
    def counts_participants(self) -> bool:
        return counts_participants(self.record.typ, self.record.deltagaruppfoljning)


def borttagen_insats(access: ForbundAccess, history_id: int) -> BorttagenInsats | None:
    """One deleted insats of the förbund (None if the record is not a deletion in this förbund)."""
    record = (
        Insats.history.filter(forbund_id=access.forbund.pk, history_type="-", history_id=history_id)
        .select_related("inriktning", "history_user")
        .first()
    )
    if record is None:
        return None
    before = (
        Insats.history.filter(id=record.id, history_date__lt=record.history_date)
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    ids = {}
    for name, model_name, column in M2M_HISTORIK:
        model = apps.get_model("insatser", model_name)
        ids[name] = list(model.objects.filter(history=before).values_list(column, flat=True)) if before else []
    utforare = []
    if record.utforare_fk:
        utforare.append(_("Försäkringskassan"))
    if record.utforare_af:
        utforare.append(_("Arbetsförmedlingen"))
    utforare += sorted(Lan.objects.filter(kod__in=ids["utforare_regioner"]).values_list("region_namn", flat=True))
    utforare += sorted(Kommun.objects.filter(kod__in=ids["utforare_kommuner"]).values_list("namn", flat=True))
    from insatser.historik import insats_historik  # the history's reads import this module

    rader = deleted_years(record)
    for r in rader:
        r.deltagare = deltagare(
            typ=record.typ,
            deltagaruppfoljning=record.deltagaruppfoljning,
            volyminsats=record.volyminsats,
            values={f: getattr(r, f) for f in DELTAGARE_FALT},
        )
    return BorttagenInsats(
        record=record,
        malgrupper=list(Malgrupp.objects.filter(kod__in=ids["malgrupper"]).values_list("namn", flat=True)),
        utforare=utforare,
        deltagaransvariga=[vem(u) for u in get_user_model().objects.filter(pk__in=ids["deltagaransvariga"])],
        rader=rader,
        historik=[h for h in insats_historik(record) if h.tidpunkt <= record.history_date],
        hinder=insats_restore_check(record),
    )
