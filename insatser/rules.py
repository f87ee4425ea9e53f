"""The rules an insats and its yearly figures must follow, as plain functions.

The same functions check the form, the API and the file import, so a rule cannot differ between them. They take
values, not requests, and do no queries: the callers look up what they need once (the import for thousands of rows).
"""

import datetime
from collections.abc import Iterable
from typing import Protocol

from django.db.models import Case, F, Q, When
from django.utils.translation import gettext as _

from core.granser import BIGINT_MAX, INTEGER_MAX, SUS_SISTA_AR, sista_registreringsar
from core.period import Period
from insatser.typer import INGEN_SPECIFIK_MALGRUPP, Typ


class InriktningProtokoll(Protocol):
    """A preciserad inriktning as the rules read it (insatser.models.Inriktning): the rules build on values, not on
    the models, which build on them."""

    kod: str
    namn: str
    typ: str
    system: str
    giltig_fran: datetime.date | None
    giltig_till: datetime.date | None

    def valid_during(self, start: datetime.date, end: datetime.date | None) -> bool: ...


# (field, message) pairs; the field is the model/API field name.
Fel = list[tuple[str, str]]

DELTAGARE_FALT = ("deltagare_kvinnor", "deltagare_man", "deltagare_totalt")
PENGAR_FALT = ("budget", "utfall", "budgeterat_antal_deltagare")
AR_FALT = PENGAR_FALT + DELTAGARE_FALT
# Kronor are bigint columns, counts integer columns.
STORSTA = {f: BIGINT_MAX if f in ("budget", "utfall") else INTEGER_MAX for f in AR_FALT}


TYPER = frozenset(Typ.values)  # read once: the enum builds the list anew on every access


def inriktning_for_ar(ar: int, inriktning, tidigare_inriktning):
    """An insats's class in a year (codes or objects alike): its SUS class for the years up to 2022 when it has one,
    else its current class."""
    return tidigare_inriktning if tidigare_inriktning and ar <= SUS_SISTA_AR else inriktning


def inriktning_for_ar_uttryck(ar: str = "ar", insats: str = "") -> Case:
    """inriktning_for_ar as a database expression: `ar` names the year's field, `insats` the path to the insats
    ("insats__" from InsatsAr, "" from Insats with an annotated year)."""
    return Case(
        When(
            Q(**{f"{ar}__lte": SUS_SISTA_AR}) & Q(**{f"{insats}tidigare_inriktning__isnull": False}),
            then=F(f"{insats}tidigare_inriktning_id"),
        ),
        default=F(f"{insats}inriktning_id"),
    )


def allowed_years(startdatum: datetime.date, slutdatum: datetime.date | None) -> range:
    """The years an insats may have figures (the one definition): the years it runs; one without end may be
    budgeted up to the last year that may be registered (next year)."""
    return Period(startdatum, slutdatum).years(
        sista=None if slutdatum else max(sista_registreringsar(), startdatum.year)
    )


def counts_participants(typ: str, deltagaruppfoljning: bool) -> bool:
    """Does the insats count participants: every individinriktad one, a strukturövergripande one with
    deltagaruppföljning."""
    return typ == Typ.INDIVIDINRIKTAD or bool(deltagaruppfoljning)


KON_FALT = ("deltagare_kvinnor", "deltagare_man")
TOTAL_FALT = ("deltagare_totalt",)


def deltagare_falt(typ: str, deltagaruppfoljning: bool, volyminsats: bool = False) -> tuple[str, ...]:
    """The participant fields an insats registers (the one definition): kvinnor and män for an individinriktad
    insats, the total for a volyminsats (SUS, up to 2022: participation counted without kön) and for a
    strukturövergripande insats with deltagaruppföljning; none otherwise."""
    if typ == Typ.INDIVIDINRIKTAD:
        return TOTAL_FALT if volyminsats else KON_FALT
    return TOTAL_FALT if deltagaruppfoljning else ()


def deltagare_q(prefix: str = "insats__") -> tuple[Q, Q]:
    """deltagare in SQL, over yearly figures: (the rows whose kvinnor + män are the participants, the rows of
    strukturövergripande insatser whose total is). Volyminsatser are in neither: volym_q. Rows of a
    strukturövergripande insats without deltagaruppföljning are in none."""
    return Q(**{f"{prefix}typ": Typ.INDIVIDINRIKTAD, f"{prefix}volyminsats": False}), Q(
        **{f"{prefix}typ": Typ.STRUKTUROVERGRIPANDE, f"{prefix}deltagaruppfoljning": True}
    )


def volym_q(prefix: str = "insats__") -> Q:
    """The yearly rows of volyminsatser: individinriktade whose participants are a total without kön (SUS)."""
    return Q(**{f"{prefix}typ": Typ.INDIVIDINRIKTAD, f"{prefix}volyminsats": True})


def deltagare_registrerade_q(prefix: str = "insats__") -> Q:
    """Yearly rows whose participants are registered (deltagare() is not None), in SQL: one of the fields the
    insats registers (deltagare_falt) is filled in."""
    individ, struktur = deltagare_q(prefix)
    return (individ & (Q(deltagare_kvinnor__isnull=False) | Q(deltagare_man__isnull=False))) | (
        (struktur | volym_q(prefix)) & Q(deltagare_totalt__isnull=False)
    )


def counts_participants_q(prefix: str = "") -> Q:
    """counts_participants in SQL, for counts and sums over many insatser."""
    return Q(**{f"{prefix}typ": Typ.INDIVIDINRIKTAD}) | Q(**{f"{prefix}deltagaruppfoljning": True})


def deltagare(*, typ: str, deltagaruppfoljning: bool, values: dict, volyminsats: bool = False) -> int | None:
    """A year's registered participants: the sum of the fields the insats registers (deltagare_falt); None when
    none of them is registered or when the insats does not count participants."""
    registrerade = [values.get(f) for f in deltagare_falt(typ, deltagaruppfoljning, volyminsats)]
    if all(v is None for v in registrerade):
        return None
    return sum(v or 0 for v in registrerade)


def giltighet(inriktning: InriktningProtokoll) -> str:
    """When an inriktning may be used, in words: "SUS, till och med 2022", "Uppföljning Finsam, från 2023"."""
    system = _("SUS") if inriktning.system == "sus" else _("Uppföljning Finsam")
    # Whole years read best ("till och med 2022"); a date inside a year is written out.
    fran = inriktning.giltig_fran
    till = inriktning.giltig_till
    fran_text = str(fran.year) if fran and (fran.month, fran.day) == (1, 1) else (fran.isoformat() if fran else "")
    till_text = str(till.year) if till and (till.month, till.day) == (12, 31) else (till.isoformat() if till else "")
    if fran and till:
        period = _("från %(fran)s till och med %(till)s") % {"fran": fran_text, "till": till_text}
    elif till:
        period = _("till och med %(till)s") % {"till": till_text}
    elif fran:
        period = _("från %(fran)s") % {"fran": fran_text}
    else:
        return str(system)
    return f"{system}, {period}"


def insats_errors(
    *,
    typ: str,
    inriktning: InriktningProtokoll | None,
    malgrupp_koder: Iterable[str],
    startdatum: datetime.date | None,
    slutdatum: datetime.date | None,
    tidigare_inriktning: InriktningProtokoll | None = None,
    volyminsats: bool = False,
) -> Fel:
    """Rules about one insats's own fields (not uniqueness or membership, which need the database)."""
    fel: Fel = []
    fel += _klass_errors(typ, inriktning, tidigare_inriktning, startdatum, slutdatum)
    if volyminsats and (typ != Typ.INDIVIDINRIKTAD or slutdatum is None or slutdatum.year > SUS_SISTA_AR):
        fel.append(
            (
                "volyminsats",
                _(
                    "Volyminsatser (deltagande räknat utan kön) finns bara i SUS: en individinriktad insats som "
                    "avslutades senast %(ar)s."
                )
                % {"ar": SUS_SISTA_AR},
            )
        )
    koder = set(malgrupp_koder)
    if typ not in TYPER:
        fel.append(("typ", _("Välj individinriktad eller strukturövergripande.")))
    if inriktning is not None and typ in TYPER and inriktning.typ != typ:
        fel.append(
            (
                "inriktning",
                _("%(inriktning)s är en inriktning för %(typ)s insatser.")
                % {"inriktning": inriktning.namn, "typ": Typ(inriktning.typ).label.lower()},
            )
        )
    if inriktning is not None and startdatum and not inriktning.valid_during(startdatum, slutdatum):
        fel.append(
            (
                "inriktning",
                _("%(inriktning)s gäller inte under insatsens period (%(giltighet)s).")
                % {"inriktning": inriktning.namn, "giltighet": giltighet(inriktning)},
            )
        )
    if typ == Typ.INDIVIDINRIKTAD:
        # Uppföljning Finsam's målgrupper did not exist in SUS: an insats that ended by 2022 may have none (the
        # statistics count it as "Ingen målgrupp registrerad", never as "Ingen specifik målgrupp").
        sus = slutdatum is not None and slutdatum.year <= SUS_SISTA_AR
        if not koder and not sus:
            fel.append(
                (
                    "malgrupper",
                    _("Välj minst en målgrupp (eller ”Ingen specifik målgrupp”) för en individinriktad insats."),
                )
            )
        elif INGEN_SPECIFIK_MALGRUPP in koder and len(koder) > 1:
            fel.append(("malgrupper", _("”Ingen specifik målgrupp” kan inte kombineras med andra målgrupper.")))
    elif typ == Typ.STRUKTUROVERGRIPANDE and koder:
        fel.append(("malgrupper", _("Målgrupper anges bara för individinriktade insatser.")))
    if startdatum and slutdatum and slutdatum < startdatum:
        fel.append(("slutdatum", _("Slutdatum kan inte vara före startdatum.")))
    return fel


def _klass_errors(
    typ: str,
    inriktning: InriktningProtokoll | None,
    tidigare: InriktningProtokoll | None,
    startdatum: datetime.date | None,
    slutdatum: datetime.date | None,
) -> Fel:
    """The classification per period: the current class must still apply at the insats's end (an insats that runs
    into 2023 needs an Uppföljning Finsam class); the SUS class of its years up to 2022 may be kept beside it."""
    fel: Fel = []
    if inriktning is not None and startdatum and inriktning.valid_during(startdatum, slutdatum):
        till = inriktning.giltig_till
        if till is not None and (slutdatum is None or slutdatum > till):
            fel.append(
                (
                    "inriktning",
                    _(
                        "%(inriktning)s gäller bara %(giltighet)s, men insatsen pågår efter det: välj en inriktning "
                        "som gäller för de senare åren. Den tidigare inriktningen kan behållas för åren till och med "
                        "%(ar)s."
                    )
                    % {"inriktning": inriktning.namn, "giltighet": giltighet(inriktning), "ar": till.year},
                )
            )
    if tidigare is None:
        return fel
    sus_slut = datetime.date(SUS_SISTA_AR, 12, 31)
    if startdatum and (startdatum > sus_slut or (slutdatum is not None and slutdatum <= sus_slut)):
        fel.append(
            (
                "tidigare_inriktning",
                _(
                    "En inriktning till och med %(ar)s anges bara för en insats som började senast %(ar)s och pågår "
                    "efter det."
                )
                % {"ar": SUS_SISTA_AR},
            )
        )
    elif typ in TYPER and tidigare.typ != typ:
        fel.append(
            (
                "tidigare_inriktning",
                _("%(inriktning)s är en inriktning för %(typ)s insatser.")
                % {"inriktning": tidigare.namn, "typ": Typ(tidigare.typ).label.lower()},
            )
        )
    elif startdatum and not tidigare.valid_during(startdatum, sus_slut):
        fel.append(
            (
                "tidigare_inriktning",
                _("%(inriktning)s gäller inte åren till och med %(ar)s (%(giltighet)s).")
                % {"inriktning": tidigare.namn, "ar": SUS_SISTA_AR, "giltighet": giltighet(tidigare)},
            )
        )
    return fel


def ar_errors(
    *,
    typ: str,
    deltagaruppfoljning: bool,
    startdatum: datetime.date,
    slutdatum: datetime.date | None,
    ar: int | None,
    values: dict[str, int | None],
    volyminsats: bool = False,
) -> Fel:
    """Rules about one year's figures of an insats."""
    fel: Fel = []
    years = allowed_years(startdatum, slutdatum)
    if ar is None:
        fel.append(("ar", _("Ange år.")))
    elif not years:
        pass  # slutdatum before startdatum: reported as an error of the insats itself
    elif ar not in years:
        fel.append(
            (
                "ar",
                _("Insatsen pågår inte %(ar)s (den pågår %(fran)s–%(till)s).")
                % {"ar": ar, "fran": years[0], "till": years[-1]},
            )
        )
    for falt in AR_FALT:
        value = values.get(falt)
        if value is not None and value < 0:
            fel.append((falt, _("Får inte vara negativt.")))
        elif value is not None and value > STORSTA[falt]:
            # The column's range: PostgreSQL refuses more, so the form, the API and the import say so first.
            fel.append((falt, _("Talet är för stort: högst %(max)s.") % {"max": STORSTA[falt]}))
    falt = deltagare_falt(typ, deltagaruppfoljning, volyminsats)
    for namn in DELTAGARE_FALT:
        if namn in falt or values.get(namn) is None:
            continue
        if falt == KON_FALT:
            text = _("En individinriktad insats registrerar deltagare per kön (kvinnor och män), inte totalt.")
        elif falt and typ == Typ.INDIVIDINRIKTAD:
            text = _("En volyminsats registrerar deltagandet totalt, utan uppdelning på kön.")
        elif falt:
            text = _("En strukturövergripande insats registrerar deltagare totalt, inte per kön.")
        else:
            text = _(
                "Insatsen har ingen deltagaruppföljning: inga deltagare registreras. Välj deltagaruppföljning "
                "för insatsen om deltagarna ska räknas."
            )
        fel.append((namn, text))
        if falt:
            break  # one message for the wrong kind of count is enough
    return fel
