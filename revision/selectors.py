"""Reads of revisions: one förbund-year, and the national counts of the report's §5.4."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.historik import ANDRAD, ATERSTALLD, BORTTAGEN, REGISTRERAD, Falt, Handelse, historik, nyast_forst
from forbund.selectors import forbund_under_aret
from revision.models import ANMARKNINGAR, Ansvarsfrihet, Revision


def revision_for(forbund, ar: int) -> Revision | None:
    return Revision.objects.filter(forbund=forbund, ar=ar).first()


REVISION_HISTORIK = Falt(
    Revision,
    ("berattelse_mottagen", "ansvarsfrihet", "ansvarsfrihet_datum", *(f for f, _n in ANMARKNINGAR), "anteckning"),
)
REVISION_VAD = {
    REGISTRERAD: _("Revisionen registrerades"),
    ANDRAD: _("Revisionen ändrades"),
    BORTTAGEN: _("Revisionen togs bort"),
    ATERSTALLD: _("Revisionen återställdes"),
}


def revision_historik(forbund, ar: int) -> list[Handelse]:
    """Every change to the förbund's revision of a year (core.historik), newest first; a constant number of queries."""
    records = (
        Revision.history.filter(forbund_id=forbund.pk, ar=ar)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    handelser = [h for h in historik(records, REVISION_HISTORIK) if h.andringar or h.typ != ANDRAD]
    for h in handelser:
        h.vad = str(REVISION_VAD[h.typ])
    return nyast_forst(handelser)


def revision_summor(ar: int) -> dict:
    """§5.4 for a year, in one aggregate over the förbund of the year (forbund_under_aret: those expected to report
    it, a förbund merged mid-year included, as in the economy's §5.1): how many förbund there were
    and how many have registered their revision, revisionsberättelser received, ansvarsfrihet by decision and the
    revisors' remarks by category. Not registered is not zero: the counts are of the registered förbund (`rapporterat`
    of `antal_forbund`), never a förbund without a registration counted as "no remarks"."""
    forbund = forbund_under_aret(ar)
    aggregat = {
        "rapporterat": Count("pk"),
        "berattelse_mottagen": Count("pk", filter=Q(berattelse_mottagen__isnull=False)),
        "med_anmarkning": Count("pk", filter=_nagon_anmarkning()),
        **{f"ansvarsfrihet_{v}": Count("pk", filter=Q(ansvarsfrihet=v)) for v in Ansvarsfrihet.values},
        **{falt: Count("pk", filter=Q(**{falt: True})) for falt, _n in ANMARKNINGAR},
    }
    rad = Revision.objects.filter(ar=ar, forbund__in=forbund).aggregate(**aggregat)
    return {
        "ar": ar,
        "antal_forbund": forbund.count(),
        "rapporterat": rad["rapporterat"],
        "berattelse_mottagen": rad["berattelse_mottagen"],
        "med_anmarkning": rad["med_anmarkning"],
        "ansvarsfrihet": {v: rad[f"ansvarsfrihet_{v}"] for v in Ansvarsfrihet.values},
        "anmarkningar": [(str(namn), rad[falt]) for falt, namn in ANMARKNINGAR],
    }


def revision_lista(ar: int) -> list[dict]:
    """Every förbund of the year with its registered revision, or None: the national list."""
    revisioner = {r.forbund_id: r for r in Revision.objects.filter(ar=ar)}
    return [{"forbund": f, "revision": revisioner.get(f.pk)} for f in forbund_under_aret(ar).order_by("namn")]


def _nagon_anmarkning() -> Q:
    q = Q(pk__in=[])
    for falt, _n in ANMARKNINGAR:
        q |= Q(**{falt: True})
    return q
