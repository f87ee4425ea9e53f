"""Writes to the revision of a förbund-year: one transaction, optimistic locking, history (who, when, before, after)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import locking
from core.granser import AR_MAX, AR_MIN
from forbund.models import Forbund
from rapportering.las import ar_andrat, ar_kontrollera_oppet
from revision.models import ANMARKNINGAR, Ansvarsfrihet, Revision

FALT = ("berattelse_mottagen", "ansvarsfrihet", "ansvarsfrihet_datum", "anteckning", *(f for f, _n in ANMARKNINGAR))


class Konflikt(locking.Konflikt):
    message_text = gettext_lazy(
        "Någon annan har sparat revisionen för året sedan du öppnade den. Dina uppgifter är kvar i formuläret "
        "men har inte sparats: jämför med den senaste versionen och spara igen."
    )


def revision_errors(ar: int, values: dict) -> dict[str, list[str]]:
    """The rules of a revision, with messages for the form and any other door."""
    fel: dict[str, list[str]] = {}
    idag = datetime.date.today()
    beslut = values.get("ansvarsfrihet") or Ansvarsfrihet.EJ_BESLUTAD
    datum = values.get("ansvarsfrihet_datum")
    mottagen = values.get("berattelse_mottagen")
    if beslut not in Ansvarsfrihet.values:
        fel.setdefault("ansvarsfrihet", []).append(_("Välj beviljad, ej beviljad eller ej beslutad."))
    elif beslut != Ansvarsfrihet.EJ_BESLUTAD and datum is None:
        fel.setdefault("ansvarsfrihet_datum", []).append(_("Ange datum för beslutet om ansvarsfrihet."))
    elif beslut == Ansvarsfrihet.EJ_BESLUTAD and datum is not None:
        fel.setdefault("ansvarsfrihet_datum", []).append(_("Ett datum hör bara till ett fattat beslut."))
    for falt, varde in (("berattelse_mottagen", mottagen), ("ansvarsfrihet_datum", datum)):
        if varde is None:
            continue
        if varde.year <= ar:
            fel.setdefault(falt, []).append(
                _("Revisionen av %(ar)s görs efter årets slut: ange ett datum från %(nasta)s.")
                % {"ar": ar, "nasta": ar + 1}
            )
        elif varde > idag:
            fel.setdefault(falt, []).append(_("Datumet kan inte vara senare än i dag."))
    return fel


@transaction.atomic
def revision_save(*, forbund: Forbund, ar: int, version: int | None, **values) -> Revision:
    """Register or change the revision of a förbund's year. version: the one the user edited from (0 when none was
    registered); Konflikt when someone saved after it. A locked year is refused (rapportering.las)."""
    if not AR_MIN <= ar <= AR_MAX:
        raise ValidationError({"ar": [_("Okänt år.")]})
    unknown = set(values) - set(FALT)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    fel = revision_errors(ar, values)
    if fel:
        raise ValidationError(fel)
    ar_kontrollera_oppet(forbund_id=forbund.pk, ar=ar)
    rad, _skapad = Revision.objects.get_or_create(forbund=forbund, ar=ar, defaults={"version": 0})
    rad = Revision.objects.select_for_update().get(pk=rad.pk)
    if version is not None and int(version) != rad.version:
        raise Konflikt()
    values = {f: values.get(f, getattr(rad, f)) for f in FALT}
    values["anteckning"] = (values["anteckning"] or "").strip()
    if rad.version > 0 and all(getattr(rad, f) == v for f, v in values.items()):
        return rad
    for f, v in values.items():
        setattr(rad, f, v)
    rad.version += 1
    rad.save()
    ar_andrat(forbund_id=forbund.pk, ar=ar)
    return rad
