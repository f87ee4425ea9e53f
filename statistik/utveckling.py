"""Trends over years: förbund, kommuner and insatser per year."""

import datetime

from django.db.models import Count

from core.period import Period, ar_mellan
from forbund.models import Forbund, Medlemskap, active_on
from forbund.selectors import forbund_existing_q
from insatser.models import Insats, running_during
from statistik.urval import I, Urval, forbund_any_year_qs, register_ofullstandigt, scope_by_year


def trend(urval: Urval, ar_fran: int) -> list[dict]:
    """Förbund, kommuner and insatser per year from ar_fran to urval.ar (4 queries in all).

    Participants are left out on purpose: summing ten years of yearly figures was a fifth of the dashboard's time
    at 10x scale, and the year and the year before are in the other tables. Förbund and kommuner are None for years
    before the registry holds the whole structure (register_ofullstandigt): the registry cannot count them.
    """
    ar_lista = list(range(ar_fran, urval.ar + 1))
    per_ar = {ar: {"ar": ar} for ar in ar_lista}

    # Insatser: group by (typ, start year, end year) in SQL, then spread each group over the years it ran.
    first, last = datetime.date(ar_fran, 1, 1), urval.slut
    insatser = Insats.objects.filter(running_during(Period(first, last)))
    if not urval.nationellt:
        insatser = insatser.filter(forbund_id__in=forbund_any_year_qs(urval, ar_fran).values("pk"))
    # Nationally no förbund is left out, so the groups need not be per förbund (a few dozen rows in all).
    per_forbund = "forbund_id" if not urval.nationellt else "typ"
    grupper = (
        insatser.order_by()
        .values("typ", per_forbund, "startdatum__year", "slutdatum__year")
        .annotate(n=Count("pk"))
        .values_list("typ", per_forbund, "startdatum__year", "slutdatum__year", "n")
    )
    per_ar_i_urvalet = scope_by_year(urval, ar_lista)
    for ar in ar_lista:
        per_ar[ar].update(insatser=0, individinriktade=0, strukturovergripande=0)
    for typ, forbund_id, fran, till, n in grupper:
        for ar in ar_mellan(fran, till, forsta=ar_fran, sista=urval.ar):
            if per_ar_i_urvalet is not None and forbund_id not in per_ar_i_urvalet[ar]:
                continue
            per_ar[ar]["insatser"] += n
            per_ar[ar]["individinriktade" if typ == I else "strukturovergripande"] += n

    # Förbund and member kommuner at the end of each year the registry is complete for.
    kompletta = [ar for ar in ar_lista if not register_ofullstandigt(ar)]
    for ar in ar_lista:
        per_ar[ar]["forbund"] = per_ar[ar]["kommuner_i_forbund"] = None
    if not kompletta:
        return [per_ar[ar] for ar in ar_lista]
    if urval.nationellt:
        # One query each, a conditional count per year.
        slut = {ar: datetime.date(ar, 12, 31) for ar in kompletta}
        forbund = Forbund.objects.aggregate(
            **{f"f{ar}": Count("pk", filter=forbund_existing_q(d)) for ar, d in slut.items()}
        )
        kommuner = Medlemskap.objects.filter(kommun__isnull=False).aggregate(
            **{
                f"k{ar}": Count(
                    "kommun_id", distinct=True, filter=active_on(d) & forbund_existing_q(d, prefix="forbund__")
                )
                for ar, d in slut.items()
            }
        )
        for ar in kompletta:
            per_ar[ar]["forbund"] = forbund[f"f{ar}"]
            per_ar[ar]["kommuner_i_forbund"] = kommuner[f"k{ar}"]
        return [per_ar[ar] for ar in ar_lista]
    forbund_rows = list(forbund_any_year_qs(urval, ar_fran).values_list("pk", "bildat", "upphort"))
    medlem = Medlemskap.objects.filter(kommun__isnull=False).active_during(datetime.date(kompletta[0], 1, 1), last)
    if urval.lan is not None:
        medlem = medlem.filter(kommun__lan=urval.lan)
    medlem_rows = list(medlem.values_list("forbund_id", "kommun_id", "giltig_fran", "giltig_till"))
    for ar in kompletta:
        slut = datetime.date(ar, 12, 31)
        existing = {
            pk
            for pk, bildat, upphort in forbund_rows
            if Period(bildat, upphort).contains(slut) and (per_ar_i_urvalet is None or pk in per_ar_i_urvalet[ar])
        }
        kommuner = {
            kommun
            for forbund_id, kommun, fran, till in medlem_rows
            if forbund_id in existing and Period(fran, till).contains(slut)
        }
        per_ar[ar]["forbund"] = len(existing)
        per_ar[ar]["kommuner_i_forbund"] = len(kommuner)
    return [per_ar[ar] for ar in ar_lista]
