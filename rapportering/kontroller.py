"""The checks (kontroller) a förbund's year goes through before it is submitted, declared in one place.

Each check has a code, a level (fel blocks submission, varning needs an explanation, info is for the reviewer), what
it checks and why. A check reads the year's data (rapportering.selectors) and yields findings; a figure that is not
registered is never taken as zero: each check says what it does with missing values.
"""

import datetime
import math
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cached_property

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.avrundning import avrunda
from core.granser import FORSTA_AR_UPPFOLJNING_FINSAM
from core.tabell import andel
from core.tal import tal
from rapportering.selectors import InsatsUnderlag, forbund_summor, kontroll_underlag

SPECIFIKA_MALGRUPPER = {
    "enbart_kvinnor",
    "enbart_man",
    "unga",
    "unga_funktionsnedsattning",
    "unga_aktivitetsersattning",
    "langtidssjukskrivna",
}

# deltagare_orimligt_manga: how far from comparable insatser (robust z on a log scale), how many comparable insatser
# are needed to judge, and how many participants at least before anything is called implausible.
ROBUST_Z_GRANS = 3.5
MINSTA_JAMFORELSEGRUPP = 8
MINSTA_ORIMLIGA_ANTAL = 100
GANGER_BUDGETERAT = 5
AVVIKELSE_UTFALL = 0.5
FORANDRING_STOR = 0.5


class Niva(models.TextChoices):
    FEL = "fel", gettext_lazy("Fel")
    VARNING = "varning", gettext_lazy("Varning")
    INFO = "info", gettext_lazy("Information")


@dataclass(frozen=True)
class Fynd:
    """One finding: what a check found in one förbund-year (and, where it concerns one, one insats)."""

    forbund: str
    ar: int
    kod: str
    niva: str
    insats: int | None
    meddelande: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Data:
    """What every check may read: the year's insatser, and (read when a check asks) the förbund's sums for the
    year and the one before."""

    ar: int
    insatser: list[InsatsUnderlag]
    idag: datetime.date
    forbund_ids: list[int] | None = None

    @cached_property
    def summor(self) -> dict[int, dict]:
        return forbund_summor(ar=self.ar, forbund_ids=self.forbund_ids)

    @cached_property
    def summor_fjol(self) -> dict[int, dict]:
        return forbund_summor(ar=self.ar - 1, forbund_ids=self.forbund_ids)


Regel = Callable[[Data], Iterable[Fynd]]


@dataclass(frozen=True)
class Kontroll:
    kod: str
    niva: str
    titel: str
    vad: str
    varfor: str
    regel: Regel
    # Where a finding about one insats is corrected: the URL name taking (slug, insats id, year) or (slug, insats id).
    rattas_i: str = "insatser:ar"

    def fynd(self, u: InsatsUnderlag, ar: int, meddelande: str) -> Fynd:
        return Fynd(forbund=u.forbund, ar=ar, kod=self.kod, niva=self.niva, insats=u.id, meddelande=meddelande)


KONTROLLER: list[Kontroll] = []


def kontroll(*, kod: str, niva: str, titel: str, vad: str, varfor: str, rattas_i: str = "insatser:ar"):
    """Register a check; the decorated function yields the findings (Fynd)."""

    def register(regel):
        k = Kontroll(kod=kod, niva=niva, titel=titel, vad=vad, varfor=varfor, regel=regel, rattas_i=rattas_i)
        KONTROLLER.append(k)
        return regel

    return register


def _tal(value: int | float) -> str:
    return tal(value, 0)


def _kontroll(kod: str) -> Kontroll:
    return next(k for k in KONTROLLER if k.kod == kod)


@kontroll(
    kod="malgrupper_alla",
    rattas_i="insatser:update",
    niva=Niva.VARNING,
    titel=gettext_lazy("Alla målgrupper valda"),
    vad=gettext_lazy(
        "En individinriktad insats med alla sex specifika målgrupper, eller med både ”Enbart kvinnor” och ”Enbart män”."
    ),
    varfor=gettext_lazy(
        "Rapporterna visar insatser registrerade med alla målgrupper i stället för ”Ingen specifik målgrupp”; "
        "då säger målgruppsstatistiken ingenting."
    ),
)
def _malgrupper_alla(data: Data) -> Iterator[Fynd]:
    k = _kontroll("malgrupper_alla")
    for u in data.insatser:
        if not u.individinriktad:
            continue
        if SPECIFIKA_MALGRUPPER <= u.malgrupper:
            yield k.fynd(u, data.ar, _("”%(namn)s” har alla specifika målgrupper valda.") % {"namn": u.namn})
        elif {"enbart_kvinnor", "enbart_man"} <= u.malgrupper:
            yield k.fynd(
                u, data.ar, _("”%(namn)s” har både ”Enbart kvinnor” och ”Enbart män” valda.") % {"namn": u.namn}
            )


@kontroll(
    kod="kon_motsager_malgrupp",
    niva=Niva.FEL,
    titel=gettext_lazy("Deltagarnas kön motsäger målgruppen"),
    vad=gettext_lazy("Målgruppen ”Enbart kvinnor” med män registrerade, eller ”Enbart män” med kvinnor registrerade."),
    varfor=gettext_lazy("Antingen är målgruppen eller deltagarantalet fel registrerat."),
)
def _kon_motsager_malgrupp(data: Data) -> Iterator[Fynd]:
    k = _kontroll("kon_motsager_malgrupp")
    for u in data.insatser:
        bada = {"enbart_kvinnor", "enbart_man"} <= u.malgrupper
        if not u.individinriktad or bada:
            continue  # both ticked is malgrupper_alla's finding
        man, kvinnor = u.varden.get("deltagare_man"), u.varden.get("deltagare_kvinnor")
        if "enbart_kvinnor" in u.malgrupper and man:
            yield k.fynd(
                u,
                data.ar,
                _("”%(namn)s” har målgruppen Enbart kvinnor men %(n)s män registrerade %(ar)s.")
                % {"namn": u.namn, "n": _tal(man), "ar": data.ar},
            )
        if "enbart_man" in u.malgrupper and kvinnor:
            yield k.fynd(
                u,
                data.ar,
                _("”%(namn)s” har målgruppen Enbart män men %(n)s kvinnor registrerade %(ar)s.")
                % {"namn": u.namn, "n": _tal(kvinnor), "ar": data.ar},
            )


def _robust_z(varde: float, median: float, mad: float) -> float:
    return (varde - median) / (1.4826 * mad) if mad else 0.0


@kontroll(
    kod="deltagare_orimligt_manga",
    niva=Niva.VARNING,
    titel=gettext_lazy("Orimligt många deltagare"),
    vad=gettext_lazy(
        "Deltagarantalet ligger långt över jämförbara insatser i hela landet (samma typ och år, bedömt med median och "
        "MAD på logaritmisk skala, både antal och antal per budgeterad krona) och är mer än fem gånger insatsens "
        "budgeterade antal deltagare, där det är registrerat; minst 100 deltagare. Finns för få jämförbara insatser "
        "räcker det att antalet är mer än fem gånger det budgeterade."
    ),
    varfor=gettext_lazy(
        "En strukturövergripande insats registrerade besökare på en webbplats som deltagare: nästan hälften av alla "
        "deltagare ett år. Ett sådant tal förvränger hela statistiken."
    ),
)
def _deltagare_orimligt_manga(data: Data) -> Iterator[Fynd]:
    k = _kontroll("deltagare_orimligt_manga")
    med_antal = [(u, u.deltagare()) for u in data.insatser]
    med_antal = [(u, n) for u, n in med_antal if n]
    grupper: dict[str, dict[str, tuple[float, float, int]]] = {}
    for typ in {u.typ for u, _n in med_antal}:
        antal = [math.log(n) for u, n in med_antal if u.typ == typ]
        per_kr = [math.log(n / u.varden["budget"]) for u, n in med_antal if u.typ == typ and u.varden.get("budget")]
        grupper[typ] = {}
        for namn, varden in (("antal", antal), ("per_kr", per_kr)):
            if len(varden) >= MINSTA_JAMFORELSEGRUPP:
                median = statistics.median(varden)
                mad = statistics.median(abs(v - median) for v in varden)
                grupper[typ][namn] = (median, mad, len(varden))
    for u, n in med_antal:
        if n < MINSTA_ORIMLIGA_ANTAL:
            continue
        skal = []
        g = grupper.get(u.typ, {})
        if "antal" in g and _robust_z(math.log(n), g["antal"][0], g["antal"][1]) > ROBUST_Z_GRANS:
            skal.append(_("jämförbara insatser har i median %(m)s deltagare") % {"m": _tal(math.exp(g["antal"][0]))})
        budget = u.varden.get("budget")
        if budget and "per_kr" in g and _robust_z(math.log(n / budget), *g["per_kr"][:2]) > ROBUST_Z_GRANS:
            skal.append(
                _("%(kr)s kr per deltagare mot i median %(m)s kr för jämförbara insatser")
                % {"kr": _tal(budget / n), "m": _tal(1 / math.exp(g["per_kr"][0]))}
            )
        budgeterat = u.varden.get("budgeterat_antal_deltagare")
        over_budgeterat = bool(budgeterat) and n > GANGER_BUDGETERAT * budgeterat
        jamforbar = bool(g)
        # Far from comparable insatser nationally, unless the insats itself planned for that many; with too few
        # comparable insatser to judge, far above its own budgeterat antal.
        if (skal and (not budgeterat or over_budgeterat)) or (not jamforbar and over_budgeterat):
            if over_budgeterat:
                skal.append(_("budgeterat antal deltagare är %(b)s") % {"b": _tal(budgeterat)})
            yield k.fynd(
                u,
                data.ar,
                _("”%(namn)s” har %(n)s deltagare %(ar)s: %(skal)s.")
                % {"namn": u.namn, "n": _tal(n), "ar": data.ar, "skal": "; ".join(skal)},
            )


@kontroll(
    kod="sus_inriktning_efter_2022",
    rattas_i="insatser:update",
    niva=Niva.FEL,
    titel=gettext_lazy("SUS-inriktning efter 2022"),
    vad=gettext_lazy(
        "En insats som registreras för ett år från 2023 har en inriktning ur SUS-listan. Den ska klassas om till "
        "Uppföljning Finsams inriktningar för de åren; åren till och med 2022 behåller SUS-klassningen."
    ),
    varfor=gettext_lazy("SUS och Uppföljning Finsam klassar inte lika; statistiken från 2023 kan bara räkna den nya."),
)
def _sus_inriktning(data: Data) -> Iterator[Fynd]:
    if data.ar < FORSTA_AR_UPPFOLJNING_FINSAM:
        return
    k = _kontroll("sus_inriktning_efter_2022")
    for u in data.insatser:
        if u.inriktning_system == "sus":
            yield k.fynd(
                u,
                data.ar,
                _(
                    "”%(namn)s” har SUS-inriktningen ”%(inriktning)s” men pågår %(ar)s: välj en inriktning ur "
                    "Uppföljning Finsam."
                )
                % {"namn": u.namn, "inriktning": u.inriktning_namn, "ar": data.ar},
            )


@kontroll(
    kod="utfall_saknas",
    niva=Niva.FEL,
    titel=gettext_lazy("Utfall saknas"),
    vad=gettext_lazy("Ett år som har tagit slut saknar utfall för en insats som pågick under året."),
    varfor=gettext_lazy("Utan utfall blir förbundets kostnader och resultat ofullständiga."),
)
def _utfall_saknas(data: Data) -> Iterator[Fynd]:
    if data.idag <= datetime.date(data.ar, 12, 31):
        return
    k = _kontroll("utfall_saknas")
    for u in data.insatser:
        if u.varden.get("utfall") is None:
            yield k.fynd(u, data.ar, _("”%(namn)s” saknar utfall för %(ar)s.") % {"namn": u.namn, "ar": data.ar})


@kontroll(
    kod="deltagare_saknas",
    niva=Niva.FEL,
    titel=gettext_lazy("Deltagare saknas"),
    vad=gettext_lazy(
        "Ett år som har tagit slut saknar deltagare för en insats som räknar deltagare (individinriktad, eller "
        "strukturövergripande med deltagaruppföljning). Noll deltagare registreras som 0."
    ),
    varfor=gettext_lazy("Rapporterna räknar deltagare; en insats utan registrering är inte detsamma som noll."),
)
def _deltagare_saknas(data: Data) -> Iterator[Fynd]:
    if data.idag <= datetime.date(data.ar, 12, 31):
        return
    k = _kontroll("deltagare_saknas")
    for u in data.insatser:
        if u.raknar_deltagare and u.deltagare() is None:
            yield k.fynd(u, data.ar, _("”%(namn)s” saknar deltagare för %(ar)s.") % {"namn": u.namn, "ar": data.ar})


@kontroll(
    kod="utfall_avviker",
    niva=Niva.VARNING,
    titel=gettext_lazy("Utfallet avviker från budget"),
    vad=gettext_lazy("Utfallet skiljer sig mer än 50 procent från budgeten (båda registrerade, budget över 0 kr)."),
    varfor=gettext_lazy("En stor avvikelse är ofta ett skrivfel, annars något granskaren behöver en förklaring till."),
)
def _utfall_avviker(data: Data) -> Iterator[Fynd]:
    k = _kontroll("utfall_avviker")
    for u in data.insatser:
        budget, utfall = u.varden.get("budget"), u.varden.get("utfall")
        if budget and utfall is not None and abs(utfall - budget) > AVVIKELSE_UTFALL * budget:
            yield k.fynd(
                u,
                data.ar,
                _("”%(namn)s”: utfall %(utfall)s kr mot budget %(budget)s kr (%(procent)s procent).")
                % {
                    "namn": u.namn,
                    "utfall": _tal(utfall),
                    "budget": _tal(budget),
                    "procent": _tal(avrunda(andel(utfall, budget))),
                },
            )


@kontroll(
    kod="forandring_stor",
    niva=Niva.INFO,
    titel=gettext_lazy("Stor förändring från året före"),
    vad=gettext_lazy(
        "Förbundets deltagare eller insatskostnader (utfall) har ändrats med mer än hälften från året före. "
        "Jämförs bara när båda åren har registrerade värden."
    ),
    varfor=gettext_lazy("En stor förändring kan vara verklig, men granskaren behöver veta att den är avsiktlig."),
)
def _forandring_stor(data: Data) -> Iterator[Fynd]:
    k = _kontroll("forandring_stor")
    slugs = {u.forbund_id: u.forbund for u in data.insatser}
    texter = {"deltagare": _("deltagare"), "kostnader": _("insatskostnader (kr)")}
    for fid, summa in sorted(data.summor.items(), key=lambda kv: slugs.get(kv[0], "")):
        fjol = data.summor_fjol.get(fid, {})
        for nyckel, text in texter.items():
            nu, da = summa.get(nyckel), fjol.get(nyckel)
            if nu is None or not da or fid not in slugs:
                continue
            if abs(nu - da) > FORANDRING_STOR * da:
                yield Fynd(
                    forbund=slugs[fid],
                    ar=data.ar,
                    kod=k.kod,
                    niva=k.niva,
                    insats=None,
                    meddelande=_("%(vad)s: %(nu)s %(ar)s mot %(da)s året före.")
                    % {"vad": text.capitalize(), "nu": _tal(nu), "ar": data.ar, "da": _tal(da)},
                )


def kontrollera(
    *,
    ar: int,
    forbund_ids: list[int] | None = None,
    idag: datetime.date | None = None,
    nationell_jamforelse: bool = True,
) -> list[Fynd]:
    """Every finding for the year (all förbund, or the given ones), ordered by förbund, level and code."""
    return kontrollera_underlag(ar=ar, forbund_ids=forbund_ids, idag=idag, nationell_jamforelse=nationell_jamforelse)[0]


def kontrollera_underlag(
    *,
    ar: int,
    forbund_ids: list[int] | None = None,
    idag: datetime.date | None = None,
    nationell_jamforelse: bool = True,
    nivaer: set[str] | None = None,
) -> tuple[list[Fynd], list[InsatsUnderlag]]:
    """kontrollera, and the insatser it read (the task list counts what is complete from the same rows).

    nivaer limits the checks to some levels; without nationell_jamforelse the checks that compare with every
    förbund's insatser are skipped (the förbund's start page asks only for errors; submission runs everything)."""
    insatser = kontroll_underlag(ar=ar, forbund_ids=forbund_ids)
    data = Data(ar=ar, insatser=insatser, idag=idag or datetime.date.today(), forbund_ids=forbund_ids)
    ordning = {Niva.FEL: 0, Niva.VARNING: 1, Niva.INFO: 2}
    fynd: list[Fynd] = []
    for k in KONTROLLER:
        if nivaer is not None and k.niva not in nivaer:
            continue
        if k.kod == "deltagare_orimligt_manga":
            if forbund_ids is None:
                fynd += list(k.regel(data))
            elif nationell_jamforelse:
                # The comparison needs the national group even for one förbund.
                nationell = Data(ar=ar, insatser=kontroll_underlag(ar=ar), idag=data.idag)
                valda = {u.forbund for u in insatser}
                fynd += [f for f in k.regel(nationell) if f.forbund in valda]
        else:
            fynd += list(k.regel(data))
    return sorted(fynd, key=lambda f: (f.forbund, ordning[f.niva], f.kod, f.insats or 0)), insatser
