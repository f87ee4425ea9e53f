"""Reads of insatser. Every function runs a fixed number of queries, however many insatser a förbund has."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Exists, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from core.tal import tal
from forbund.access import ForbundAccess
from forbund.models import Kommun, Lan
from insatser.borttagna import (  # noqa: F401 - the deleted insatser's pages read these here too
    ATERSTALLD,
    BorttagenInsats,
    borttagen_insats,
    borttagna_insatser,
)
from insatser.filters import InsatsFilter
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ
from insatser.rules import AR_FALT, DELTAGARE_FALT, PENGAR_FALT, deltagare, deltagare_q
from insatser.validering import M2M_HISTORIK


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


def _year_value(ar: int, falt: str) -> Subquery:
    return Subquery(InsatsAr.objects.filter(insats=OuterRef("pk"), ar=ar).values(falt)[:1], output_field=IntegerField())


def with_year(qs: QuerySet[Insats], ar: int) -> QuerySet[Insats]:
    """Annotate each insats with its figures for one year (None when not registered)."""
    return qs.annotate(
        ar_finns=Exists(InsatsAr.objects.filter(insats=OuterRef("pk"), ar=ar)),
        **{f"ar_{f}": _year_value(ar, f) for f in AR_FALT},
    )


def ar_deltagare(insats: Insats) -> int | None:
    """Participants in the annotated year (see with_year), by insatser.rules.deltagare."""
    return deltagare(
        typ=insats.typ,
        deltagaruppfoljning=insats.deltagaruppfoljning,
        values={f: getattr(insats, f"ar_{f}") for f in DELTAGARE_FALT},
    )


def with_deltagare(insatser) -> list[Insats]:
    insatser = list(insatser)
    for i in insatser:
        i.ar_deltagare = ar_deltagare(i)
    return insatser


def insats_list(*, access: ForbundAccess, user, params) -> tuple[InsatsFilter, QuerySet[Insats], int]:
    """The filtered list and the year whose figures it shows (the filtered year, or this year)."""
    base = insatser_visible(access, user)
    filterset = InsatsFilter(params, queryset=base)
    qs = filterset.qs if filterset.is_valid() else base.none()
    ar = datetime.date.today().year
    if filterset.is_valid() and filterset.form.cleaned_data.get("ar"):
        ar = int(filterset.form.cleaned_data["ar"])
    qs = with_year(qs.select_related("inriktning").prefetch_related("malgrupper"), ar)
    return filterset, qs, ar


def insats_detail(*, access: ForbundAccess, user, pk: int) -> Insats | None:
    return (
        insatser_visible(access, user)
        .select_related("forbund", "inriktning")
        .prefetch_related("malgrupper", "utforare_kommuner", "utforare_regioner", "deltagaransvariga", "arsuppgifter")
        .filter(pk=pk)
        .first()
    )


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
    """The förbund's year: insatser running, totals (summed in the database) and what is still missing."""
    running = insatser_visible(access, user).running_in(ar)
    insatser = with_deltagare(with_year(running.select_related("inriktning"), ar).order_by("namn"))
    totals = InsatsAr.objects.filter(ar=ar, insats__in=running).aggregate(
        budget=Sum("budget"),
        utfall=Sum("utfall"),
        kvinnor=Sum("deltagare_kvinnor", filter=deltagare_q()[0]),
        man=Sum("deltagare_man", filter=deltagare_q()[0]),
        totalt=Sum("deltagare_totalt", filter=deltagare_q()[1]),
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
    past = ar < datetime.date.today().year and access.can_read_all
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


# ----------------------------------------------------------------------------------------------- History


@dataclass
class Andring:
    falt: str
    fore: str
    efter: str


@dataclass
class Handelse:
    tidpunkt: datetime.datetime
    vem: str
    vad: str
    andringar: list[Andring]


class _Namn(dict):
    """Names by key, read from the database the first time one is looked up: most histories need few or none of
    the lookups (the kommuner alone are hundreds of rows), and the insats page is one of the most visited."""

    def __init__(self, query):
        super().__init__()
        self._query = query
        self._inlast = False

    def get(self, key, default=None):
        if not self._inlast:
            self.update(self._query())
            self._inlast = True
        return super().get(key, default)


def _fmt(value, field_name: str, lookups: dict) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if field_name == "typ":
        return str(Typ(value).label) if value in Typ.values else str(value)
    if field_name in lookups:
        names = lookups[field_name]
        if isinstance(value, (set, frozenset, list, tuple)):
            return ", ".join(sorted(names.get(v, str(v)) for v in value)) or "–"
        return names.get(value, str(value))
    if isinstance(value, int):
        return tal(value)
    return str(value)


INSATS_HISTORIK_FALT = [
    ("namn", "namn"),
    ("beskrivning", "beskrivning"),
    ("typ", "typ"),
    ("inriktning_id", "inriktning"),
    ("startdatum", "startdatum"),
    ("slutdatum", "slutdatum"),
    ("esf", "esf"),
    ("deltagaruppfoljning", "deltagaruppfoljning"),
    ("utforare_fk", "utforare_fk"),
    ("utforare_af", "utforare_af"),
]


def _user_name(user) -> str:
    if user is None:
        return _("Systemet (import eller okänd)")
    return user.get_full_name() or user.username


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


def insats_historik(insats: Insats, *, med_ekonomi: bool = True) -> list[Handelse]:
    """Every change to the insats and its yearly figures: who, when, before and after (newest first).

    Without med_ekonomi (a deltagaransvarig) budget, utfall, budgeterat antal deltagare and the deltagaransvariga are
    left out, as on every other page they see; a change of only those is then not listed at all."""
    # `id`, not `pk`: a deleted insats's history is read from its historical record, whose pk is the history_id.
    records = list(Insats.history.filter(id=insats.id).select_related("history_user").order_by("history_date", "pk"))
    m2m: dict[str, dict[int, set]] = {}
    for name, model_name, column in M2M_HISTORIK:
        model = apps.get_model("insatser", model_name)
        by_record: dict[int, set] = {r.history_id: set() for r in records}
        for history_id, value in model.objects.filter(history_id__in=by_record).values_list("history_id", column):
            by_record[history_id].add(value)
        m2m[name] = by_record
    ar_records = list(
        InsatsAr.history.filter(insats_id=insats.id).select_related("history_user").order_by("history_date", "pk")
    )
    user_ids = set().union(*m2m["deltagaransvariga"].values()) if records else set()
    lookups = {
        "inriktning": _Namn(lambda: Inriktning.objects.values_list("kod", "namn")),
        "malgrupper": _Namn(lambda: Malgrupp.objects.values_list("kod", "namn")),
        "utforare_kommuner": _Namn(lambda: Kommun.objects.values_list("kod", "namn")),
        "utforare_regioner": _Namn(lambda: Lan.objects.values_list("kod", "region_namn")),
        "deltagaransvariga": _Namn(
            lambda: {u.pk: _user_name(u) for u in get_user_model().objects.filter(pk__in=user_ids)}
        ),
    }
    labels = {f.name: str(f.verbose_name) for f in Insats._meta.get_fields() if hasattr(f, "verbose_name")}
    ar_labels = {f: str(InsatsAr._meta.get_field(f).verbose_name) for f in AR_FALT}

    handelser: list[Handelse] = []
    ar_handelser: list[Handelse] = []
    previous = None
    for r in records:
        state = {name: getattr(r, attr) for attr, name in INSATS_HISTORIK_FALT}
        for name, _model, _col in M2M_HISTORIK:
            state[name] = m2m[name][r.history_id]
        if not med_ekonomi:
            del state["deltagaransvariga"]  # who else is deltagaransvarig is not theirs to know
        if r.history_type == "-":
            vad, andringar = _("Insatsen togs bort"), []
        elif r.history_change_reason == ATERSTALLD:
            vad = _("Insatsen återställdes")
            andringar = [
                Andring(labels[k], _fmt(previous[k], k, lookups), _fmt(v, k, lookups))
                for k, v in state.items()
                if previous is not None and previous[k] != v
            ]
        elif previous is None:
            vad = _("Insatsen registrerades")
            andringar = [
                Andring(labels[k], "", _fmt(v, k, lookups)) for k, v in state.items() if v not in (None, "", set())
            ]
        else:
            vad = _("Insatsen ändrades")
            andringar = [
                Andring(labels[k], _fmt(previous[k], k, lookups), _fmt(v, k, lookups))
                for k, v in state.items()
                if previous[k] != v
            ]
        if andringar or r.history_type != "~":
            handelser.append(Handelse(r.history_date, _user_name(r.history_user), vad, andringar))
        previous = state

    synliga = [f for f in AR_FALT if med_ekonomi or f not in PENGAR_FALT]
    previous_by_ar: dict[int, dict] = {}
    for r in ar_records:
        state = {f: getattr(r, f) for f in synliga}
        before = previous_by_ar.get(r.id)
        if r.history_type == "-":
            vad = _("Uppgifterna för %(ar)s togs bort") % {"ar": r.ar}
            andringar = [Andring(ar_labels[k], _fmt(v, k, {}), "–") for k, v in state.items() if v is not None]
        elif r.history_change_reason == ATERSTALLD:
            vad = _("Uppgifterna för %(ar)s återställdes") % {"ar": r.ar}
            andringar = [Andring(ar_labels[k], "–", _fmt(v, k, {})) for k, v in state.items() if v is not None]
        elif before is None:
            vad = _("Uppgifter för %(ar)s registrerades") % {"ar": r.ar}
            andringar = [Andring(ar_labels[k], "–", _fmt(v, k, {})) for k, v in state.items() if v is not None]
        else:
            vad = _("Uppgifterna för %(ar)s ändrades") % {"ar": r.ar}
            andringar = [
                Andring(ar_labels[k], _fmt(before[k], k, {}), _fmt(v, k, {}))
                for k, v in state.items()
                if before[k] != v
            ]
        previous_by_ar[r.id] = state
        if andringar or r.history_type != "~":
            ar_handelser.append(Handelse(r.history_date, _user_name(r.history_user), vad, andringar))
    handelser = list(reversed(handelser + ar_handelser))
    # Newest first; records made at the same moment (an import) list the insats last, as it was created first.
    handelser.sort(key=lambda h: h.tidpunkt, reverse=True)
    return handelser
