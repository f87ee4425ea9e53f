"""The history of an insats and its yearly figures, from the one history in core.historik."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core import dataversion
from core.historik import ANDRAD, ATERSTALLD, BORTTAGEN, Falt, Handelse, historik, historisk_modell, nyast_forst, vem
from forbund.models import Kommun, Lan
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp
from insatser.rules import AR_FALT, PENGAR_FALT
from insatser.validering import INSATS_FALT, M2M_FALT

# Every field a user edits, the relations too.
INSATS_HISTORIK_FALT = INSATS_FALT + M2M_FALT


def _namn(model, column: str):
    return lambda keys: dict(model.objects.filter(pk__in=keys).values_list("pk", column))


INSATS_NAMN = {
    "inriktning": _namn(Inriktning, "namn"),
    "tidigare_inriktning": _namn(Inriktning, "namn"),
    "malgrupper": _namn(Malgrupp, "namn"),
    "utforare_kommuner": _namn(Kommun, "namn"),
    "utforare_regioner": _namn(Lan, "region_namn"),
    "deltagaransvariga": lambda keys: {u.pk: vem(u) for u in get_user_model().objects.filter(pk__in=keys)},
}

INSATS_VAD = {
    "+": _("Insatsen registrerades"),
    ANDRAD: _("Insatsen ändrades"),
    BORTTAGEN: _("Insatsen togs bort"),
    ATERSTALLD: _("Insatsen återställdes"),
}
AR_VAD = {
    "+": _("Uppgifter för %(ar)s registrerades"),
    ANDRAD: _("Uppgifterna för %(ar)s ändrades"),
    BORTTAGEN: _("Uppgifterna för %(ar)s togs bort"),
    ATERSTALLD: _("Uppgifterna för %(ar)s återställdes"),
}


def insats_historik(insats: Insats, *, med_ekonomi: bool = True) -> list[Handelse]:
    """Every change to the insats and its yearly figures: who, when, before and after (newest first).

    Without med_ekonomi (a deltagaransvarig) budget, utfall, budgeterat antal deltagare and the deltagaransvariga are
    left out, as on every other page they see; a change of only those is then not listed at all. Cached under the
    data version (every write to an insats, its figures or a user's name raises it)."""
    return dataversion.cached(
        "insatser.historik", (insats.id, med_ekonomi), lambda: _insats_historik(insats, med_ekonomi=med_ekonomi)
    )


def _insats_historik(insats: Insats, *, med_ekonomi: bool) -> list[Handelse]:
    falt = INSATS_HISTORIK_FALT if med_ekonomi else tuple(f for f in INSATS_HISTORIK_FALT if f != "deltagaransvariga")
    # `id`, not `pk`: a deleted insats's history is read from its historical record, whose pk is the history_id.
    records = (
        historisk_modell(Insats)
        .objects.filter(id=insats.id)
        .select_related("history_user")
        .order_by("history_date", "pk")
    )
    handelser = _med_vad(historik(records, Falt(Insats, falt, namn=INSATS_NAMN)), lambda h: str(INSATS_VAD[h.typ]))
    ar_falt = tuple(f for f in AR_FALT if med_ekonomi or f not in PENGAR_FALT)
    ar_records = (
        historisk_modell(InsatsAr)
        .objects.filter(insats_id=insats.id)
        .select_related("history_user")
        .order_by("history_date", "pk")
    )
    ar_handelser = _med_vad(
        historik(ar_records, Falt(InsatsAr, ar_falt)), lambda h: str(AR_VAD[h.typ]) % {"ar": h.record.ar}
    )
    return nyast_forst(handelser + ar_handelser)


def _med_vad(handelser: list[Handelse], vad) -> list[Handelse]:
    """Name each event; a change that shows nothing to this user (only fields left out) is not listed."""
    shown = []
    for h in handelser:
        if h.andringar or h.typ != ANDRAD:
            h.vad = vad(h)
            shown.append(h)
    return shown
