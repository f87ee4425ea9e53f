"""The selection (a year and a part of the country), the code lists, and which years can be shown with what caveats."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.period import Period
from forbund.models import Forbund, Lan, Medlemskap
from forbund.selectors import forbund_existing_q, register_komplett_fran
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ

I = Typ.INDIVIDINRIKTAD  # noqa: E741 - read as "individinriktad"
S = Typ.STRUKTUROVERGRIPANDE


@dataclass(frozen=True)
class Urval:
    """A year and a part of the country: everything, one län, one förbund (or a förbund within a län)."""

    ar: int
    lan: Lan | None = None
    forbund: Forbund | None = None

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.ar, 1, 1)

    @property
    def slut(self) -> datetime.date:
        return datetime.date(self.ar, 12, 31)

    @property
    def nationellt(self) -> bool:
        return self.lan is None and self.forbund is None

    def med_ar(self, ar: int) -> "Urval":
        return Urval(ar=ar, lan=self.lan, forbund=self.forbund)

    def forbund_qs(self) -> QuerySet[Forbund] | None:
        """The förbund in the selection for this year (None: the whole country, every registered insats)."""
        if self.nationellt:
            return None
        qs = Forbund.objects.all()
        if self.forbund is not None:
            qs = qs.filter(pk=self.forbund.pk)
        if self.lan is not None:
            i_lan = (
                Medlemskap.objects.active_during(self.start, self.slut)
                .filter(Q(kommun__lan=self.lan) | Q(region=self.lan))
                .values("forbund_id")
            )
            qs = qs.filter(forbund_existing_q(self.start, self.slut), pk__in=i_lan)
        return qs

    def filter_forbund(self, qs: QuerySet, field: str = "forbund_id") -> QuerySet:
        scope = self.forbund_qs()
        return qs if scope is None else qs.filter(**{f"{field}__in": scope.values("pk")})

    def cache_key(self) -> tuple:
        """What the selection's figures depend on besides the data (core.dataversion.cached): the selection and the
        settings that change figures or their texts."""
        from django.conf import settings

        params = tuple(sorted(self.as_params().items()))
        return (params, settings.REGISTER_KOMPLETT_FRAN, getattr(settings, "PROCENTENHETER", ""))

    def as_params(self) -> dict:
        params = {"ar": self.ar}
        if self.lan is not None:
            params["lan"] = self.lan.kod
        if self.forbund is not None:
            params["forbund"] = self.forbund.slug
        return params


@dataclass(frozen=True)
class Referens:
    """The code lists, read once per request."""

    inriktningar: list[Inriktning]
    malgrupper: list[Malgrupp]

    @classmethod
    def load(cls) -> "Referens":
        return cls(list(Inriktning.objects.order_by("ordning", "kod")), list(Malgrupp.objects.order_by("ordning")))

    def inriktningar_for(self, typ: str) -> list[Inriktning]:
        return [i for i in self.inriktningar if i.typ == typ]


# ---------------------------------------------------------------- Which years can be shown, and with what caveats


def forsta_ar() -> int:
    """The earliest year with any data or registry date (1 query): no year before it is offered.

    The minimum of the insatser's start dates, the yearly figures, the economy, the förbund's bildat dates, the
    memberships' start dates and the date from which the registry is complete. Each is an index scan or a small
    table; they are read as subqueries of one SELECT.
    """
    from ekonomi.models import Arsekonomi, Medlemsbidrag

    def forsta(qs, field):
        return Subquery(qs.filter(**{f"{field}__isnull": False}).order_by(field).values(field)[:1])

    rad = (
        Lan.objects.order_by()
        .annotate(
            forsta_insats=forsta(Insats.objects, "startdatum"),
            forsta_insatsar=forsta(InsatsAr.objects, "ar"),
            forsta_arsekonomi=forsta(Arsekonomi.objects, "ar"),
            forsta_medlemsbidrag=forsta(Medlemsbidrag.objects, "ar"),
            forsta_bildat=forsta(Forbund.objects, "bildat"),
            forsta_medlemskap=forsta(Medlemskap.objects, "giltig_fran"),
        )
        .values_list(
            "forsta_insats",
            "forsta_insatsar",
            "forsta_arsekonomi",
            "forsta_medlemsbidrag",
            "forsta_bildat",
            "forsta_medlemskap",
        )[:1]
    )
    ar = [register_komplett_fran().year]
    for value in next(iter(rad), ()):
        if value is not None:
            ar.append(value if isinstance(value, int) else value.year)
    return min(ar)


def register_ofullstandigt(ar: int) -> bool:
    """The year starts before the registry holds the whole förbund structure (settings.REGISTER_KOMPLETT_FRAN)."""
    return datetime.date(ar, 1, 1) < register_komplett_fran()


def register_komplett_text() -> str:
    """The date the registry is complete from, as Swedish text ("1 januari 2023")."""
    return date_format(register_komplett_fran(), "j F Y")


def varningar(urval: Urval, jamfor_med_ar_fore: bool = False, idag: datetime.date | None = None) -> list[str]:
    """What a reader must know before trusting the year's figures (Swedish sentences, empty when nothing).

    jamfor_med_ar_fore: the page also compares with the year before (the dashboard), so warn about that year too.
    """
    idag = idag or datetime.date.today()
    datum = register_komplett_text()
    result = []
    if register_ofullstandigt(urval.ar):
        result.append(
            _(
                "Registret har förbundens fullständiga struktur först från och med %(datum)s. För %(ar)s visas "
                "förbund och medlemskap som fanns kvar då: förbund som upphört tidigare och ändringar före dess "
                "saknas, så antalet förbund och kommuner och vilka förbund som hör till ett län kan vara fel."
            )
            % {"datum": datum, "ar": urval.ar}
        )
    elif jamfor_med_ar_fore and register_ofullstandigt(urval.ar - 1):
        result.append(
            _(
                "Jämförelseåret %(fore)s ligger före %(datum)s, då registret fick förbundens fullständiga struktur: "
                "förändringen mot %(fore)s kan vara missvisande, särskilt för antalet förbund och kommuner och för "
                "ett län."
            )
            % {"datum": datum, "fore": urval.ar - 1}
        )
    if urval.ar == idag.year:
        result.append(
            _(
                "%(ar)s pågår: siffrorna är preliminära och ändras medan förbunden registrerar. Årets siffror "
                "tas ut för återrapporteringen i slutet av januari året efter."
            )
            % {"ar": urval.ar}
        )
    return result


# ---------------------------------------------------------------- Which förbund a selection holds, year by year


def forbund_any_year_qs(urval: Urval, ar_fran: int) -> QuerySet[Forbund]:
    """Förbund that were in the selection in some year of the range."""
    if urval.nationellt:
        return Forbund.objects.filter(forbund_existing_q(datetime.date(ar_fran, 1, 1), urval.slut))
    return Forbund.objects.filter(pk__in=_scope_rows_qs(urval, ar_fran).values("forbund_id"))


def _scope_rows_qs(urval: Urval, ar_fran: int):
    first, last = datetime.date(ar_fran, 1, 1), urval.slut
    qs = Medlemskap.objects.active_during(first, last)
    if urval.lan is not None:
        qs = qs.filter(Q(kommun__lan=urval.lan) | Q(region=urval.lan))
    if urval.forbund is not None:
        qs = qs.filter(forbund=urval.forbund)
    return qs


def scope_by_year(urval: Urval, ar_lista: list[int]) -> dict[int, set[int]] | None:
    """For a län or förbund selection: which förbund belonged to it each year (one query)."""
    if urval.nationellt:
        return None
    scope = {ar: set() for ar in ar_lista}
    if urval.lan is None:
        # One förbund: it is in the selection every year it has data.
        for ar in ar_lista:
            scope[ar].add(urval.forbund.pk)
        return scope
    rows = _scope_rows_qs(urval, ar_lista[0]).values_list(
        "forbund_id", "giltig_fran", "giltig_till", "forbund__bildat", "forbund__upphort"
    )
    for forbund_id, fran, till, bildat, upphort in rows:
        for ar in ar_lista:
            aret = Period.year(ar)
            if (
                Period(fran, till).overlaps(aret)
                and Period(bildat, upphort).overlaps(aret)
                and (urval.forbund is None or forbund_id == urval.forbund.pk)
            ):
                scope[ar].add(forbund_id)
    return scope
