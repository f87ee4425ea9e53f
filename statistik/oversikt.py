"""Per förbund: each förbund's key figures for the year and what it has registered."""

from collections import defaultdict

from django.db.models import Count, Q, Sum

from core import dataversion
from forbund.models import Forbund
from forbund.selectors import forbund_existing_q
from insatser.models import Insats, InsatsAr
from insatser.rules import counts_participants_q, deltagare_q, deltagare_registrerade_q, volym_q
from statistik.urval import I, S, Urval


def _ekonomi_selectors():
    """The economy app's selectors (registration status of medlemsbidrag and eget kapital)."""
    try:
        from ekonomi import selectors
    except ImportError:
        return None
    return selectors


def forbund_oversikt(urval: Urval) -> list[dict]:
    """Every förbund of the selection that existed during the year, with its key figures and what it has
    registered for the year: cached under the data version (one query when cached)."""
    return dataversion.cached("statistik.forbund_oversikt", urval.cache_key(), lambda: _forbund_oversikt(urval))


def _forbund_oversikt(urval: Urval) -> list[dict]:
    """forbund_oversikt computed (4 queries plus the economy's)."""
    start, slut = urval.start, urval.slut
    forbund = urval.filter_forbund(Forbund.objects.filter(forbund_existing_q(start, slut)), "pk")
    forbund = list(forbund.prefetch_related("tidigare_namn").order_by("namn"))
    insatser = defaultdict(dict)
    arsuppgifter = defaultdict(dict)
    if forbund:
        scope = urval.filter_forbund(Forbund.objects.filter(forbund_existing_q(start, slut)), "pk").values("pk")
        ins = Insats.objects.running_in(urval.ar).filter(forbund_id__in=scope).order_by()
        for row in ins.values("forbund_id").annotate(
            insatser=Count("pk"),
            individinriktade=Count("pk", filter=Q(typ=I)),
            strukturovergripande=Count("pk", filter=Q(typ=S)),
            med_deltagarkrav=Count("pk", filter=counts_participants_q()),
        ):
            insatser[row["forbund_id"]] = row
        ar_ind, ar_uppf = deltagare_q()
        has_counts = deltagare_registrerade_q()
        for row in (
            InsatsAr.objects.filter(ar=urval.ar, insats__in=ins.values("pk"))
            .order_by()
            .values("insats__forbund_id")
            .annotate(
                med_deltagare=Count("pk", filter=has_counts),
                med_budget=Count("pk", filter=Q(budget__isnull=False)),
                med_utfall=Count("pk", filter=Q(utfall__isnull=False)),
                deltagare_individinriktade=Sum("deltagare_kvinnor", filter=ar_ind, default=0)
                + Sum("deltagare_man", filter=ar_ind, default=0)
                + Sum("deltagare_totalt", filter=volym_q(), default=0),  # volyminsatser (SUS): no kön
                deltagare_strukturovergripande=Sum("deltagare_totalt", filter=ar_uppf, default=0),
                budget=Sum("budget", default=0),
                utfall=Sum("utfall", default=0),
            )
        ):
            arsuppgifter[row["insats__forbund_id"]] = row

    ekonomi = {}
    selectors = _ekonomi_selectors()
    if forbund and selectors is not None and hasattr(selectors, "registreringsstatus"):
        ekonomi = selectors.registreringsstatus(ar=urval.ar, forbund_ids=[f.pk for f in forbund]) or {}

    result = []
    for f in forbund:
        i = insatser.get(f.pk, {})
        a = arsuppgifter.get(f.pk, {})
        e = ekonomi.get(f.pk, {})
        antal = i.get("insatser", 0)
        krav = i.get("med_deltagarkrav", 0)
        result.append(
            {
                "forbund": f,
                "namn": f.namn_on(min(slut, f.upphort or slut)),
                "slug": f.slug,
                "upphort": f.upphort,
                "insatser": antal,
                "individinriktade": i.get("individinriktade", 0),
                "strukturovergripande": i.get("strukturovergripande", 0),
                # Not registered is not zero: None ("–") until the förbund has registered the figure.
                "deltagare_individinriktade": a.get("deltagare_individinriktade") if a.get("med_deltagare") else None,
                "deltagare_strukturovergripande": a.get("deltagare_strukturovergripande")
                if a.get("med_deltagare")
                else None,
                "budget": a.get("budget") if a.get("med_budget") else None,
                "utfall": a.get("utfall") if a.get("med_utfall") else None,
                "insatser_med_deltagarkrav": krav,
                "insatser_med_deltagare": a.get("med_deltagare", 0),
                "insatser_med_utfall": a.get("med_utfall", 0),
                "status": {
                    "insatser": antal > 0,
                    "deltagare": krav > 0 and a.get("med_deltagare", 0) >= krav,
                    "utfall": antal > 0 and a.get("med_utfall", 0) >= antal,
                    "medlemsbidrag": e.get("medlemsbidrag"),
                    "eget_kapital": e.get("eget_kapital"),
                },
            }
        )
    return result
