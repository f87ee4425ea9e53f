"""Reads of insatser. Every function runs a fixed number of queries, however many insatser a förbund has."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    prefetch_related_objects,
)
from django.utils.translation import gettext as _

from core import dataversion
from core.granser import innevarande_ar
from forbund.access import ForbundAccess
from insatser.borttagna import (  # noqa: F401 - the deleted insatser's pages read these here too
    ATERSTALLD,
    BorttagenInsats,
    borttagen_insats,
    borttagna_insatser,
)
from insatser.filters import InsatsFilter
from insatser.historik import insats_historik  # noqa: F401 - the insats pages read it here
from insatser.models import Insats, InsatsAr, Typ
from insatser.rules import AR_FALT, DELTAGARE_FALT, deltagare, deltagare_q, volym_q


def insatser_visible(access: ForbundAccess, user) -> QuerySet[Insats]:
    """The förbund's insatser this user may see: all, or for a deltagaransvarig only those assigned to them."""
    qs = Insats.objects.filter(forbund=access.forbund)
    if not access.can_read_all:
        qs = qs.filter(deltagaransvariga=user)
    return qs


def kan_registrera_deltagare(access: ForbundAccess, user, insats: Insats) -> bool:
    """May this user change the insats's participant counts: the förbundsadministratör, or a deltagaransvarig the
    insats is assigned to. Reading every insats (a national role held as well) never widens what the deltagaransvarig
    role may write. Uses the prefetched deltagaransvariga when there are any."""
    if access.can_write:
        return True
    return access.is_deltagaransvarig and any(u.pk == user.pk for u in insats.deltagaransvariga.all())


def with_year(qs: QuerySet[Insats], ar: int) -> QuerySet[Insats]:
    """Annotate each insats with its figures for one year (None when not registered).

    One LEFT JOIN of the year's row (at most one: insatsar_unikt_ar), not a subquery per field and row."""
    return qs.annotate(
        arsrad=FilteredRelation("arsuppgifter", condition=Q(arsuppgifter__ar=ar)),
        ar_finns=ExpressionWrapper(Q(arsrad__id__isnull=False), output_field=BooleanField()),
        **{f"ar_{f}": F(f"arsrad__{f}") for f in AR_FALT},
    )


def ar_deltagare(insats: Insats) -> int | None:
    """Participants in the annotated year (see with_year), by insatser.rules.deltagare."""
    return deltagare(
        typ=insats.typ,
        deltagaruppfoljning=insats.deltagaruppfoljning,
        volyminsats=insats.volyminsats,
        values={f: getattr(insats, f"ar_{f}") for f in DELTAGARE_FALT},
    )


def with_deltagare(insatser) -> list[Insats]:
    insatser = list(insatser)
    for i in insatser:
        i.ar_deltagare = ar_deltagare(i)
    return insatser


def insats_filter(*, access: ForbundAccess, user, params) -> tuple[InsatsFilter, int]:
    """The list's filter and the year whose figures the list shows (the filtered year, or this year)."""
    filterset = InsatsFilter(params, queryset=insatser_visible(access, user))
    ar = innevarande_ar()
    if filterset.is_valid() and filterset.form.cleaned_data.get("ar"):
        ar = int(filterset.form.cleaned_data["ar"])
    return filterset, ar


def insats_filter_giltigt(params, filter_och_ar: Callable[[], tuple[InsatsFilter, int]]) -> bool:
    """Is the list's filter valid: whatever the user, it depends on the query and the choices (data), so it is cached
    under the data version per query. filter_och_ar: insats_filter of the same params, read once per request."""
    return dataversion.cached("insatser.filter_giltigt", sorted(params.lists()), lambda: filter_och_ar()[0].is_valid())


def insats_list(
    *, access: ForbundAccess, user, params, filter_och_ar: Callable[[], tuple[InsatsFilter, int]] | None = None
) -> tuple[InsatsFilter, QuerySet[Insats], int]:
    """The filtered list and the year whose figures it shows (the filtered year, or this year)."""
    filterset, ar = filter_och_ar() if filter_och_ar else insats_filter(access=access, user=user, params=params)
    qs = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    qs = with_year(qs.select_related("inriktning").prefetch_related("malgrupper"), ar)
    return filterset, qs, ar


class _Rader:
    """One page's rows and the list's length, read from the cache, as Paginator reads a queryset."""

    def __init__(self, antal: int, rader: list):
        self.antal, self.rader = antal, rader

    def count(self) -> int:
        return self.antal

    def __getitem__(self, _sida: slice) -> list:
        return self.rader


def insats_sida(
    *, access: ForbundAccess, user, params, per_sida: int, filter_och_ar: Callable[[], tuple[InsatsFilter, int]]
) -> Page:
    """One page of insats_list (the same params) with each row's figures for the year, cached under the data
    version, per user and roles (what they may see) and per query (filter, year, page)."""

    def compute():
        _filterset, qs, _ar = insats_list(access=access, user=user, params=params, filter_och_ar=filter_och_ar)
        page = Paginator(qs, per_sida).get_page(params.get("sida"))
        return page.paginator.count, page.number, with_deltagare(page.object_list)

    nyckel = (access.forbund.pk, user.pk, tuple(sorted(access.roller)), sorted(params.lists()), per_sida)
    antal, nummer, rader = dataversion.cached("insatser.lista", nyckel, compute)
    return Paginator(_Rader(antal, rader), per_sida).page(nummer)


def antal_behover_ny_inriktning(forbund) -> int:
    """How many of the förbund's insatser must be given a current inriktning (cached under the data version)."""
    return dataversion.cached(
        "insatser.behover_ny_inriktning",
        forbund.pk,
        lambda: Insats.objects.filter(forbund=forbund).behover_ny_inriktning().count(),
    )


INSATS_RELATIONER = ("malgrupper", "utforare_kommuner", "utforare_regioner", "deltagaransvariga", "arsuppgifter")


def insats_detail(*, access: ForbundAccess, user, pk: int, relationer: bool = True) -> Insats | None:
    """The insats as this user may see it (None if they may not), with its relations read (INSATS_RELATIONER) unless
    `relationer` is false: read them later, once, with with_relationer."""
    qs = insatser_visible(access, user).select_related("forbund", "inriktning")
    if relationer:
        qs = qs.prefetch_related(*INSATS_RELATIONER)
    return qs.filter(pk=pk).first()


def with_relationer(insats: Insats) -> Insats:
    """Read the insats's relations (INSATS_RELATIONER), one query each, if they are not read yet."""
    prefetch_related_objects([insats], *INSATS_RELATIONER)
    return insats


@dataclass
class Oversikt:
    ar: int
    insatser: list
    antal: int = 0
    individinriktade: int = 0
    strukturovergripande: int = 0
    budget: int | None = None
    utfall: int | None = None
    deltagare_kvinnor: int = 0
    deltagare_man: int = 0
    deltagare_totalt: int = 0
    saknar_uppgifter: list = field(default_factory=list)
    saknar_deltagare: list = field(default_factory=list)
    saknar_utfall: list = field(default_factory=list)

    @property
    def deltagare(self) -> int:
        return self.deltagare_kvinnor + self.deltagare_man + self.deltagare_totalt

    @property
    def antal_saknas(self) -> int:
        return len(self.saknar_uppgifter) + len(self.saknar_deltagare) + len(self.saknar_utfall)


def arsoversikt(*, access: ForbundAccess, user, ar: int) -> Oversikt:
    """The förbund's year: insatser running, totals (summed in the database) and what is still missing.

    Cached under the data version, per user and roles (a deltagaransvarig sees only the insatser assigned to them;
    the roles decide what is missing), and per day (dataversion.cached: the year that is over)."""
    nyckel = (access.forbund.pk, user.pk, tuple(sorted(access.roller)), ar)
    return dataversion.cached("insatser.arsoversikt", nyckel, lambda: _arsoversikt(access=access, user=user, ar=ar))


def _arsoversikt(*, access: ForbundAccess, user, ar: int) -> Oversikt:
    running = insatser_visible(access, user).running_in(ar)
    insatser = with_deltagare(with_year(running.select_related("inriktning"), ar).order_by("namn"))
    totals = InsatsAr.objects.filter(ar=ar, insats__in=running).aggregate(
        budget=Sum("budget"),
        utfall=Sum("utfall"),
        kvinnor=Sum("deltagare_kvinnor", filter=deltagare_q()[0]),
        man=Sum("deltagare_man", filter=deltagare_q()[0]),
        totalt=Sum("deltagare_totalt", filter=deltagare_q()[1] | volym_q()),
    )
    o = Oversikt(
        ar=ar,
        insatser=insatser,
        antal=len(insatser),
        individinriktade=sum(1 for i in insatser if i.typ == Typ.INDIVIDINRIKTAD),
        strukturovergripande=sum(1 for i in insatser if i.typ == Typ.STRUKTUROVERGRIPANDE),
        budget=totals["budget"],  # None (shown as "–") until something is registered
        utfall=totals["utfall"],
        deltagare_kvinnor=totals["kvinnor"] or 0,
        deltagare_man=totals["man"] or 0,
        deltagare_totalt=totals["totalt"] or 0,
    )
    # Which insatser's year form opens for this user (the "Det här saknas" links lead there, else to the insats).
    tilldelade = set() if access.can_write else set(running.filter(deltagaransvariga=user).values_list("pk", flat=True))
    for i in insatser:
        i.kan_registrera = access.can_write or (
            access.is_deltagaransvarig and i.counts_participants and i.pk in tilldelade
        )
    # Utfall is money: only those who see the förbund's money are told it is missing.
    past = ar < innevarande_ar() and access.can_read_all
    for i in insatser:
        if not i.ar_finns:
            o.saknar_uppgifter.append(i)
            continue
        if i.counts_participants and i.ar_deltagare is None:
            o.saknar_deltagare.append(i)
        # Utfall is known when the year is over; this year it is still open.
        if past and i.ar_utfall is None:
            o.saknar_utfall.append(i)
    return o


def utforare_namn(insats: Insats) -> list[str]:
    """Who runs the insats, by name: Försäkringskassan, Arbetsförmedlingen, regioner, kommuner."""
    namn = []
    if insats.utforare_fk:
        namn.append(_("Försäkringskassan"))
    if insats.utforare_af:
        namn.append(_("Arbetsförmedlingen"))
    namn += [r.region_namn for r in insats.utforare_regioner.all()]
    namn += [k.namn for k in insats.utforare_kommuner.all()]
    return namn
