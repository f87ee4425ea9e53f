"""Writes of the outcome counts: keyword-only, each in one transaction, through the reporting round's lock.

Optimistic locking: every save names the version of the year's Utfall it was edited from (0: nothing registered
yet); two saves from one version cannot both succeed. Every cell change is kept by simple-history (who, when,
before, after).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import locking
from insatser.models import Insats
from insatser.rules import allowed_years
from rapportering.las import ar_andrat, ar_kontrollera_oppet
from utfall.koder import NYCKLAR, falt_namn
from utfall.models import Utfall, Utfallsantal
from utfall.rules import Varden, alla_fel
from utfall.selectors import kan_ha_utfall


class Konflikt(locking.Konflikt):
    """Someone else saved the year's outcome counts after this user opened them."""

    message_text = gettext_lazy(
        "Någon annan har sparat utfallen för året sedan du öppnade dem. Dina uppgifter är kvar i formuläret "
        "men har inte sparats: jämför med den senaste versionen (öppna sidan i en ny flik) och spara igen."
    )


def utfall_fel(*, insats: Insats, ar: int, varden: Varden) -> ValidationError | None:
    """The rules for one insats-year's complete grid, as one ValidationError keyed by field name (or None)."""
    if not kan_ha_utfall(insats):
        return ValidationError(_("Utfall registreras bara för individinriktade insatser."), code="typ")
    years = allowed_years(insats.startdatum, insats.slutdatum)
    if ar not in years:
        return ValidationError(
            {
                "ar": [
                    _("Insatsen pågår inte %(ar)s (den pågår %(fran)s–%(till)s).")
                    % {"ar": ar, "fran": years[0], "till": years[-1]}
                ]
            }
        )
    fel = alla_fel(varden)
    if not fel:
        return None
    per_falt: dict[str, list[str]] = {}
    for nyckel, text in fel:
        per_falt.setdefault(falt_namn(nyckel) if nyckel else "__all__", []).append(text)
    return ValidationError(per_falt)


@transaction.atomic
def utfall_save(*, insats: Insats, ar: int, version: int, varden: Varden, replace: bool = True) -> Utfall:
    """Register or correct one insats-year's outcome counts. replace: cells not given become not registered;
    otherwise cells not given are kept (the import sets only the cells in the file)."""
    utfall = Utfall.objects.select_for_update().filter(insats=insats, ar=ar).first()
    if (utfall.version if utfall else 0) != version:
        raise Konflikt
    befintliga = {a.nyckel: a for a in utfall.antal.all()} if utfall else {}
    if replace:
        nya = {n: varden.get(n) for n in NYCKLAR}
    else:
        nya = {n: a.antal for n, a in befintliga.items()} | dict(varden)
    fel = utfall_fel(insats=insats, ar=ar, varden=nya)
    if fel is not None:
        raise fel
    andrade = {n: v for n, v in nya.items() if (befintliga[n].antal if n in befintliga else None) != v}
    if utfall is not None and not andrade:
        return utfall
    ar_kontrollera_oppet(forbund_id=insats.forbund_id, ar=ar)
    if utfall is None:
        try:
            with transaction.atomic():
                utfall = Utfall.objects.create(insats=insats, ar=ar, version=1)
        except IntegrityError:  # created by another save since we looked: same as a stale version
            raise Konflikt from None
    else:
        utfall.version += 1  # safe: the row is locked
        utfall.save()
    for nyckel, value in andrade.items():
        cell = befintliga.get(nyckel)
        if value is None:
            cell.delete()
        elif cell is None:
            kategori, kod, kon, grupp = nyckel
            Utfallsantal.objects.create(
                utfall=utfall, kategori=kategori, kod=kod, kon=kon, aldersgrupp=grupp, antal=value
            )
        else:
            cell.antal = value
            cell.save()
    ar_andrat(forbund_id=insats.forbund_id, ar=ar)
    return utfall
