"""The rules of an insats that need the database (membership of the utförare, unique name, deltagaransvariga's
role), shared by the services, the import and a restore. Reads only; raises ValidationError with every error."""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import locking
from core.period import Period
from forbund.models import Forbund, Kommun, Lan, Medlemskap, Roll
from insatser.models import Insats, InsatsAr, Malgrupp, Typ
from insatser.rules import AR_FALT, ar_errors, insats_errors

# (m2m field, historical m2m model, column): the m2m relations as they were in a historical record.
M2M_HISTORIK = [
    ("malgrupper", "HistoricalInsats_malgrupper", "malgrupp_id"),
    ("utforare_kommuner", "HistoricalInsats_utforare_kommuner", "kommun_id"),
    ("utforare_regioner", "HistoricalInsats_utforare_regioner", "lan_id"),
    ("deltagaransvariga", "HistoricalInsats_deltagaransvariga", "user_id"),
]
INSATS_FALT = (
    "namn",
    "beskrivning",
    "typ",
    "inriktning",
    "tidigare_inriktning",
    "startdatum",
    "slutdatum",
    "esf",
    "deltagaruppfoljning",
    "volyminsats",
    "utforare_fk",
    "utforare_af",
)
M2M_FALT = ("malgrupper", "utforare_kommuner", "utforare_regioner", "deltagaransvariga")


class Konflikt(locking.Konflikt):
    """Someone else saved the insats after this user opened it."""

    message_text = gettext_lazy(
        "Någon annan har sparat ändringar i insatsen sedan du öppnade den. Dina uppgifter är kvar i formuläret "
        "men har inte sparats: jämför med den senaste versionen (öppna insatsen i en ny flik) och spara igen."
    )


def _raise(fel: list[tuple[str, str]]) -> None:
    if fel:
        errors: dict[str, list[str]] = defaultdict(list)
        for falt, meddelande in fel:
            errors[falt].append(meddelande)
        raise ValidationError(dict(errors))


def medlemskap_for(forbund_ids) -> dict[int, list[tuple]]:
    """Every membership of these förbund, read in one query: (kommun_id, region_id, giltig_fran, giltig_till)."""
    perioder: dict[int, list[tuple]] = defaultdict(list)
    rows = Medlemskap.objects.filter(forbund_id__in=list(forbund_ids)).values_list(
        "forbund_id", "kommun_id", "region_id", "giltig_fran", "giltig_till"
    )
    for forbund_id, *rad in rows:
        perioder[forbund_id].append(tuple(rad))
    return perioder


def utforare_fel(
    medlemskap: list[tuple],
    startdatum: datetime.date,
    slutdatum: datetime.date | None,
    kommuner: list[tuple[str, str]],
    regioner: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """The one rule for the members who run an insats (form, API, import, restore): each kommun and region, given as
    (kod, namn), was a member of the förbund (medlemskap: see medlemskap_for) some day of [startdatum, slutdatum]."""
    insatsen = Period(startdatum, slutdatum)
    under = [(k, r) for k, r, fran, till in medlemskap if Period(fran, till).overlaps(insatsen)]
    medlemmar = {"utforare_kommuner": {k for k, _r in under if k}, "utforare_regioner": {r for _k, r in under if r}}
    fel = []
    for falt, utforare in (("utforare_kommuner", kommuner), ("utforare_regioner", regioner)):
        utanfor = [namn for kod, namn in utforare if kod not in medlemmar[falt]]
        if utanfor:
            fel.append(
                (falt, _("%(namn)s var inte medlem i förbundet under insatsens period.") % {"namn": ", ".join(utanfor)})
            )
    return fel


def deltagaransvariga_ids(forbund: Forbund) -> set[int]:
    return set(forbund.behorigheter.filter(roll=Roll.DELTAGARANSVARIG).values_list("user_id", flat=True))


def _check(
    *,
    forbund: Forbund,
    pk: int | None,
    data: dict,
    malgrupper: list[Malgrupp],
    utforare_kommuner: list[Kommun],
    utforare_regioner: list[Lan],
    deltagaransvariga: list,
) -> None:
    """All rules for an insats, including those that need the database."""
    fel = insats_errors(
        typ=data["typ"],
        inriktning=data["inriktning"],
        malgrupp_koder=[m.kod for m in malgrupper],
        startdatum=data["startdatum"],
        slutdatum=data["slutdatum"],
        tidigare_inriktning=data["tidigare_inriktning"],
        volyminsats=data["volyminsats"],
    )
    if not (data.get("namn") or "").strip():
        fel.append(("namn", _("Ange insatsens namn.")))
    elif Insats.objects.filter(forbund=forbund, namn__iexact=data["namn"].strip()).exclude(pk=pk).exists():
        fel.append(("namn", _("Förbundet har redan en insats med det namnet.")))
    if data["inriktning"] is None:
        fel.append(("inriktning", _("Välj preciserad inriktning.")))
    if data["startdatum"] is None:
        fel.append(("startdatum", _("Ange startdatum.")))
    elif utforare_kommuner or utforare_regioner:
        fel += utforare_fel(
            medlemskap_for([forbund.pk])[forbund.pk],
            data["startdatum"],
            data["slutdatum"],
            kommuner=[(k.kod, k.namn) for k in utforare_kommuner],
            regioner=[(r.kod, r.region_namn) for r in utforare_regioner],
        )
    if deltagaransvariga:
        tillatna = deltagaransvariga_ids(forbund)
        if any(u.pk not in tillatna for u in deltagaransvariga):
            fel.append(("deltagaransvariga", _("Bara användare med rollen deltagaransvarig i förbundet kan väljas.")))
    if pk and data["startdatum"]:
        # Changing dates or typ must not leave yearly figures that break the rules: the user clears them first.
        for ar in InsatsAr.objects.filter(insats_id=pk):
            values = {f: getattr(ar, f) for f in AR_FALT}
            for falt, meddelande in ar_errors(
                typ=data["typ"],
                deltagaruppfoljning=data["deltagaruppfoljning"],
                volyminsats=data["volyminsats"],
                startdatum=data["startdatum"],
                slutdatum=data["slutdatum"],
                ar=ar.ar,
                values=values,
            ):
                target = {"ar": "startdatum" if ar.ar < data["startdatum"].year else "slutdatum"}.get(falt, "typ")
                fel.append(
                    (
                        target,
                        _("Uppgifterna för %(ar)s passar inte längre: %(fel)s Ändra eller ta bort dem först.")
                        % {"ar": ar.ar, "fel": meddelande},
                    )
                )
    _raise(fel)


def _normalise(data: dict) -> dict:
    data = {k: data.get(k) for k in INSATS_FALT}
    data["namn"] = (data["namn"] or "").strip()
    data["beskrivning"] = data["beskrivning"] or ""
    for flag in ("esf", "deltagaruppfoljning", "volyminsats", "utforare_fk", "utforare_af"):
        data[flag] = bool(data[flag])
    if data["typ"] == Typ.INDIVIDINRIKTAD:
        # Individinriktade always count participants; the choice belongs to strukturövergripande insatser.
        data["deltagaruppfoljning"] = False
    return data
