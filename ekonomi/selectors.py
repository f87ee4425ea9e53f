"""Reads of the förbund's economy. Everything is aggregated in the database; each function runs a fixed number of
queries whatever the number of förbund, years, members or insatser. The definitions (intäkter, kostnader, årets
resultat, eget kapital, 50/25/25, statens medel) are in ekonomi/arsekonomi.py and docs/ekonomi.md.

The reads live by job: ekonomi.forbundar (the one read of förbund-years), ekonomi.summor (their sums),
ekonomi.forbundsida (one förbund's page), ekonomi.nationell (the national pages); their names stay importable here.
"""

import datetime

from django.db.models import Exists, OuterRef

from ekonomi.arsekonomi import (  # noqa: F401 - read here by the pages and the statistics
    ANDELAR,
    AVVIKELSE_TOLERANS_KR,
    INSATSER_PLURAL,
    STATENS_ANDEL_AV_KOSTNADER,
    ForbundAr,
    Fordelning,
    Fordelningsdel,
    procentandel,
)
from ekonomi.forbundar import forbund_ar_tabell  # noqa: F401
from ekonomi.forbundsida import (  # noqa: F401
    ForbundEkonomi,
    MedlemRad,
    forbund_ekonomi,
    forbund_ekonomi_ar,
    insatser_utan_utfall,
)
from ekonomi.historik import forbund_historik, medlem_namn, statsbidrag_historik  # noqa: F401
from ekonomi.models import Arsekonomi, Medlemsbidrag
from ekonomi.nationell import (  # noqa: F401
    NationellEkonomi,
    NationellRad,
    antal_forbund_per_ar,
    eget_kapital_per_forbund,
    nationell_ekonomi,
)
from ekonomi.summor import (  # noqa: F401
    eget_kapital_per_ar,
    eget_kapital_rader,
    ekonomi_statistik,
    ekonomi_summor_per_ar,
    summera,
    tabell3,
    tabell3_ar,
)
from forbund.models import Forbund
from forbund.selectors import forbund_existing_q


def registrering_annoteringar(ar: int) -> dict:
    """What a förbund has registered of the year's economy, as annotations of a Forbund queryset (one query in all):
    medlemsbidrag (any contribution), eget kapital (fastställt utgående), administration budget and utfall."""
    ekonomi = Arsekonomi.objects.filter(forbund=OuterRef("pk"), ar=ar)
    return {
        "reg_medlemsbidrag": Exists(Medlemsbidrag.objects.filter(forbund=OuterRef("pk"), ar=ar)),
        "reg_eget_kapital": Exists(ekonomi.filter(faststallt_eget_kapital_utgaende__isnull=False)),
        "reg_administration_budget": Exists(ekonomi.filter(administration_budget__isnull=False)),
        "reg_administration_utfall": Exists(ekonomi.filter(administration_utfall__isnull=False)),
    }


def registreringsstatus(*, ar: int, forbund_ids: list[int] | None) -> dict[int, dict[str, bool]]:
    """Per förbund: whether medlemsbidrag, eget kapital (fastställt utgående) and administration are registered.

    1 query. forbund_ids None = every förbund that existed during the year.
    """
    if forbund_ids is None:
        start, end = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
        forbund = Forbund.objects.filter(forbund_existing_q(start, end))
    else:
        forbund = Forbund.objects.filter(pk__in=forbund_ids)
    rader = forbund.annotate(**registrering_annoteringar(ar)).values(
        "pk", "reg_medlemsbidrag", "reg_eget_kapital", "reg_administration_budget", "reg_administration_utfall"
    )
    return {
        r["pk"]: {
            "medlemsbidrag": r["reg_medlemsbidrag"],
            "eget_kapital": r["reg_eget_kapital"],
            "administration": r["reg_administration_budget"] or r["reg_administration_utfall"],
        }
        for r in rader
    }
