"""What the checks read: one year's insatser with their figures, in a fixed number of queries whatever the size."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, FilteredRelation, IntegerField, Q, Sum
from django.db.models.functions import Coalesce

from insatser.models import Insats, InsatsAr, Typ
from insatser.rules import (
    AR_FALT,
    counts_participants,
    deltagare,
    deltagare_q,
    deltagare_registrerade_q,
    inriktning_for_ar,
    volym_q,
)


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
    har_ar: bool = False
    volyminsats: bool = False

    @property
    def individinriktad(self) -> bool:
        return self.typ == Typ.INDIVIDINRIKTAD

    @property
    def raknar_deltagare(self) -> bool:
        return counts_participants(self.typ, self.deltagaruppfoljning)

    def deltagare(self, varden: dict | None = None) -> int | None:
        """Registered participants of the year (insatser.rules.deltagare)."""
        v = self.varden if varden is None else varden
        return deltagare(
            typ=self.typ, deltagaruppfoljning=self.deltagaruppfoljning, volyminsats=self.volyminsats, values=v
        )


def kontroll_underlag(*, ar: int, forbund_ids: list[int] | None = None) -> list[InsatsUnderlag]:
    """The year's running insatser (all förbund, or the given ones) with the year's figures: 2 queries."""
    insatser = Insats.objects.running_in(ar)
    if forbund_ids is not None:
        insatser = insatser.filter(forbund_id__in=forbund_ids)
    rows = (
        insatser.annotate(aret=FilteredRelation("arsuppgifter", condition=Q(arsuppgifter__ar=ar)))
        .values(
            "id",
            "forbund_id",
            "forbund__slug",
            "namn",
            "typ",
            "deltagaruppfoljning",
            "volyminsats",
            "startdatum",
            "slutdatum",
            "inriktning_id",
            "tidigare_inriktning_id",
            "inriktning__namn",
            "inriktning__system",
            "aret__id",
            *(f"aret__{f}" for f in AR_FALT),
        )
        .order_by("forbund__slug", "namn", "id")
    )
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
            inriktning=inriktning_for_ar(ar, r["inriktning_id"], r["tidigare_inriktning_id"]),
            inriktning_namn=r["inriktning__namn"],
            inriktning_system=r["inriktning__system"],
            varden={f: r[f"aret__{f}"] for f in AR_FALT},
            har_ar=r["aret__id"] is not None,
            volyminsats=r["volyminsats"],
        )
        for r in rows
    }
    for insats_id, kod in Insats.malgrupper.through.objects.filter(insats_id__in=insatser.values("id")).values_list(
        "insats_id", "malgrupp_id"
    ):
        if insats_id in underlag:
            underlag[insats_id].malgrupper.add(kod)
    return list(underlag.values())


def forbund_summor(*, ar: int, forbund_ids: list[int] | None = None) -> dict[int, dict[str, int | None]]:
    """Per förbund: the year's registered participants and insats utfall (None where nothing is registered)."""
    rader = InsatsAr.objects.filter(ar=ar)
    if forbund_ids is not None:
        rader = rader.filter(insats__forbund_id__in=forbund_ids)
    individ, struktur = deltagare_q()
    totalt = struktur | volym_q()  # the rows whose total is the participants (volyminsatser: SUS, without kön)
    per_kon = Coalesce("deltagare_kvinnor", 0) + Coalesce("deltagare_man", 0)
    resultat = rader.values("insats__forbund_id").annotate(
        individ=Sum(per_kon, filter=individ, output_field=IntegerField()),
        struktur=Sum("deltagare_totalt", filter=totalt),
        deltagare_rader=Count("id", filter=deltagare_registrerade_q()),
        kostnader=Sum("utfall"),
    )
    summor = {}
    for r in resultat:
        deltagare = (r["individ"] or 0) + (r["struktur"] or 0) if r["deltagare_rader"] else None
        summor[r["insats__forbund_id"]] = {"deltagare": deltagare, "kostnader": r["kostnader"]}
    return summor


# ---------------------------------------------------------------- the reporting round


def omgang_for(ar: int, *, satt: bool = True):
    """The year's reporting round; a year nobody set up gets the defaults (unsaved): open all year, deadline
    15 January the year after (the figures are taken out in late January), locked from 1 March. Years before
    settings.RAPPORTERING_FRAN_AR (when the system took over) have no default lock date: their figures came from
    earlier systems and imports, and lock only when approved or when an administratör sets a round for them.
    satt=False: the defaults without looking for a row (the caller has looked)."""
    from django.conf import settings

    from rapportering.models import Rapporteringsomgang

    omgang = Rapporteringsomgang.objects.filter(ar=ar).first() if satt else None
    if omgang is None:
        omgang = Rapporteringsomgang(
            ar=ar,
            oppnar=datetime.date(ar, 1, 1),
            sista_dag=datetime.date(ar + 1, 1, 15),
            last_datum=datetime.date(ar + 1, 3, 1) if ar >= settings.RAPPORTERING_FRAN_AR else None,
        )
    return omgang


@dataclass(frozen=True)
class Las:
    """Why a förbund-year cannot be changed by the förbund, and whom to ask."""

    orsak: str  # "godkand" | "lasdatum"
    meddelande: str


def las_for(*, forbund_id: int, ar: int, idag: datetime.date | None = None) -> Las | None:
    """None while the förbund may change the year; else why it is locked. A lock exception reopens it."""
    return lasta_ar({(forbund_id, ar)}, idag=idag).get((forbund_id, ar))


def lasta_ar(par: set[tuple[int, int]], *, idag: datetime.date | None = None) -> dict[tuple[int, int], Las]:
    """The locked ones among (förbund id, year) pairs, with why: approved, or past the round's lock date, unless a
    lock exception is open. 3 queries however many pairs (an import checks thousands)."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from rapportering.models import Arsrapport, Lasundantag, Rapporteringsomgang, Status

    if not par:
        return {}
    idag = idag or datetime.date.today()
    ar_lista = {ar for _f, ar in par}
    forbund_ids = {f for f, _ar in par}
    undantag = set(
        Lasundantag.objects.filter(forbund_id__in=forbund_ids, ar__in=ar_lista, till__gte=idag).values_list(
            "forbund_id", "ar"
        )
    )
    godkanda = set(
        Arsrapport.objects.filter(forbund_id__in=forbund_ids, ar__in=ar_lista, status=Status.GODKAND).values_list(
            "forbund_id", "ar"
        )
    )
    satta = {o.ar: o for o in Rapporteringsomgang.objects.filter(ar__in=ar_lista)}
    omgangar = {ar: satta.get(ar) or omgang_for(ar, satt=False) for ar in ar_lista}
    fraga = _("Behöver ni ändra något, be Försäkringskassans granskare om ett undantag.")
    lasta = {}
    for nyckel in par:
        forbund_id, ar = nyckel
        if nyckel in undantag:
            continue
        if nyckel in godkanda:
            lasta[nyckel] = Las(
                "godkand", _("%(ar)s är godkänt av Försäkringskassan och låst. %(fraga)s") % {"ar": ar, "fraga": fraga}
            )
            continue
        last_datum = omgangar[ar].last_datum
        if last_datum is not None and idag >= last_datum:
            lasta[nyckel] = Las(
                "lasdatum",
                _("%(ar)s är låst sedan %(datum)s (rapporteringsomgångens låsdatum). %(fraga)s")
                % {"ar": ar, "datum": date_format(last_datum, "j F Y"), "fraga": fraga},
            )
    return lasta
