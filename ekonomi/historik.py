"""The history of a förbund-year's economy: who changed which figure, when, before and after (core.historik)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.historik import BORTTAGEN, Falt, Handelse, historik, nyast_forst
from ekonomi.models import ARSEKONOMI_FALT, Arsekonomi, Medlemsbidrag, Medlemstyp, Statsbidrag
from forbund.models import Forbund

# ESF-medel and övriga intäkter are stored as 0 when nobody typed anything: 0 there is not shown on creation.
ARSEKONOMI_HISTORIK = Falt(
    Arsekonomi, tuple(ARSEKONOMI_FALT), noll_ar_tomt=frozenset({"esf_intakter", "ovriga_intakter"})
)
# Only None is "nothing registered" for a contribution: 0 kr is shown when registered and when removed.
MEDLEMSBIDRAG_HISTORIK = Falt(Medlemsbidrag, ("belopp",), etiketter={"belopp": gettext_lazy("medlemsbidrag (kr)")})

STATSBIDRAG_HISTORIK = Falt(
    Statsbidrag, ("tilldelat", "nationell_andel", "nationell_forbrukad", "nationell_anvandning")
)


def medlem_namn(rec) -> str:
    if rec.medlemstyp == Medlemstyp.KOMMUN:
        return rec.kommun.namn
    if rec.medlemstyp == Medlemstyp.REGION:
        return rec.region.region_namn
    return str(Medlemstyp.STAT.label)


def forbund_historik(forbund: Forbund, ar: int) -> list[Handelse]:
    """Every change to the förbund's economy figures of a year, newest first. 2 queries."""
    ae = (
        Arsekonomi.history.filter(forbund_id=forbund.pk, ar=ar)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    handelser = historik(ae, ARSEKONOMI_HISTORIK)
    for h in handelser:
        h.vad = _("Årets ekonomi")
    mb = (
        Medlemsbidrag.history.filter(forbund_id=forbund.pk, ar=ar)
        .select_related("history_user", "region", "kommun")
        .order_by("history_date", "history_id")
    )
    bidrag = historik(mb, MEDLEMSBIDRAG_HISTORIK)
    for h in bidrag:
        h.vad = medlem_namn(h.record) + (" " + _("(borttagen)") if h.typ == BORTTAGEN else "")
    return nyast_forst([h for h in handelser + bidrag if h.andringar])


def statsbidrag_historik(ar: int) -> list[Handelse]:
    """Every change to the state's allocation of a year and its national share, newest first. 1 query."""
    records = Statsbidrag.history.filter(ar=ar).select_related("history_user").order_by("history_date", "history_id")
    handelser = [h for h in historik(records, STATSBIDRAG_HISTORIK) if h.andringar]
    for h in handelser:
        h.vad = _("Tilldelade statliga medel %(ar)s") % {"ar": ar}
    return nyast_forst(handelser)
