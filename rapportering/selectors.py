"""What the checks read: one year's insatser with their figures, in a fixed number of queries whatever the size."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.functions import Coalesce

from insatser.models import Insats, InsatsAr, Typ
from insatser.rules import AR_FALT, counts_participants


@dataclass
class InsatsUnderlag:
    """One insats running in the year, with its figures for the year and the year before (None: not registered)."""

    id: int
    forbund_id: int
    forbund: str  # slug
    namn: str
    typ: str
    deltagaruppfoljning: bool
    startdatum: datetime.date
    slutdatum: datetime.date | None
    inriktning: str
    inriktning_namn: str
    inriktning_system: str
    malgrupper: set[str] = field(default_factory=set)
    varden: dict[str, int | None] = field(default_factory=dict)
    fjol: dict[str, int | None] = field(default_factory=dict)
    har_ar: bool = False

    @property
    def individinriktad(self) -> bool:
        return self.typ == Typ.INDIVIDINRIKTAD

    @property
    def raknar_deltagare(self) -> bool:
        return counts_participants(self.typ, self.deltagaruppfoljning)

    def deltagare(self, varden: dict | None = None) -> int | None:
        """Registered participants of the year (kvinnor + män, or the total for strukturövergripande)."""
        v = self.varden if varden is None else varden
        if not self.raknar_deltagare:
            return None
        if self.individinriktad:
            if v.get("deltagare_kvinnor") is None and v.get("deltagare_man") is None:
                return None
            return (v.get("deltagare_kvinnor") or 0) + (v.get("deltagare_man") or 0)
        return v.get("deltagare_totalt")


def kontroll_underlag(*, ar: int, forbund_ids: list[int] | None = None) -> list[InsatsUnderlag]:
    """The year's running insatser (all förbund, or the given ones) with the figures of the year and the one before."""
    insatser = Insats.objects.running_in(ar)
    if forbund_ids is not None:
        insatser = insatser.filter(forbund_id__in=forbund_ids)
    rows = insatser.values(
        "id",
        "forbund_id",
        "forbund__slug",
        "namn",
        "typ",
        "deltagaruppfoljning",
        "startdatum",
        "slutdatum",
        "inriktning_id",
        "inriktning__namn",
        "inriktning__system",
    ).order_by("forbund__slug", "namn", "id")
    underlag = {
        r["id"]: InsatsUnderlag(
            id=r["id"],
            forbund_id=r["forbund_id"],
            forbund=r["forbund__slug"],
            namn=r["namn"],
            typ=r["typ"],
            deltagaruppfoljning=r["deltagaruppfoljning"],
            startdatum=r["startdatum"],
            slutdatum=r["slutdatum"],
            inriktning=r["inriktning_id"],
            inriktning_namn=r["inriktning__namn"],
            inriktning_system=r["inriktning__system"],
        )
        for r in rows
    }
    ids = insatser.values("id")
    for insats_id, kod in Insats.malgrupper.through.objects.filter(insats_id__in=ids).values_list(
        "insats_id", "malgrupp_id"
    ):
        if insats_id in underlag:
            underlag[insats_id].malgrupper.add(kod)
    for rad in InsatsAr.objects.filter(insats_id__in=ids, ar__in=[ar - 1, ar]).values("insats_id", "ar", *AR_FALT):
        u = underlag.get(rad["insats_id"])
        if u is None:
            continue
        varden = {f: rad[f] for f in AR_FALT}
        if rad["ar"] == ar:
            u.varden, u.har_ar = varden, True
        else:
            u.fjol = varden
    return list(underlag.values())


def per_forbund(underlag: list[InsatsUnderlag]) -> dict[str, list[InsatsUnderlag]]:
    grupper: dict[str, list[InsatsUnderlag]] = defaultdict(list)
    for u in underlag:
        grupper[u.forbund].append(u)
    return grupper


def forbund_summor(*, ar: int, forbund_ids: list[int] | None = None) -> dict[int, dict[str, int | None]]:
    """Per förbund: the year's registered participants and insats utfall (None where nothing is registered)."""
    rader = InsatsAr.objects.filter(ar=ar)
    if forbund_ids is not None:
        rader = rader.filter(insats__forbund_id__in=forbund_ids)
    individ = Q(insats__typ=Typ.INDIVIDINRIKTAD)
    struktur = Q(insats__typ=Typ.STRUKTUROVERGRIPANDE, insats__deltagaruppfoljning=True)
    per_kon = Coalesce("deltagare_kvinnor", 0) + Coalesce("deltagare_man", 0)
    resultat = rader.values("insats__forbund_id").annotate(
        individ=Sum(per_kon, filter=individ, output_field=IntegerField()),
        struktur=Sum("deltagare_totalt", filter=struktur),
        deltagare_rader=Count(
            "id",
            filter=(individ & (Q(deltagare_kvinnor__isnull=False) | Q(deltagare_man__isnull=False)))
            | (struktur & Q(deltagare_totalt__isnull=False)),
        ),
        kostnader=Sum("utfall"),
    )
    summor = {}
    for r in resultat:
        deltagare = (r["individ"] or 0) + (r["struktur"] or 0) if r["deltagare_rader"] else None
        summor[r["insats__forbund_id"]] = {"deltagare": deltagare, "kostnader": r["kostnader"]}
    return summor
