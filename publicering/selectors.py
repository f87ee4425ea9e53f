"""Reads for releases: the figures a release is made from (live or from an extract) and the releases the public sees.

The figures per förbund are counted as on the dashboard's förbund list (insatser that ran some day of the year, their
yearly figures); nationally they are the sum of the förbund, so every sum a reader can form holds exactly.
"""

import dataclasses
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forbund.models import Forbund, Lan, Medlemskap
from forbund.selectors import forbund_existing_q
from insatser.models import Insats, InsatsAr, Typ
from insatser.rules import (
    counts_participants_q,
    deltagare_q,
    deltagare_registrerade_q,
    inriktning_for_ar_uttryck,
    volym_q,
)
from publicering.indikatorer import OKANT_LAN
from publicering.models import Publicering
from utfall.selectors import utfall_per_forbund

I, S = Typ.INDIVIDINRIKTAD, Typ.STRUKTUROVERGRIPANDE  # noqa: E741
ORG_FALT = ("insatser", "insatser_individinriktade", "insatser_strukturovergripande", "budget", "utfall")


@dataclass
class Siffror:
    """What a release is made from. `kon_per_forbund` is False for an extract (it holds each förbund's total only)."""

    ar: int
    # slug -> {"namn", "lan", "K", "M", "T" (individ), "S" (struktur), "V" (volyminsatser, SUS), *ORG_FALT}
    forbund: dict[str, dict]
    lan_namn: dict[str, str]
    kon_per_forbund: bool = True
    riket_kon: dict[str, int] | None = None  # {"K", "M"} when only the national split is known
    inriktningar: list[tuple[str, str, dict[str, int]]] = field(default_factory=list)  # (typ, kod, {kon: värde})
    anteckningar: list[str] = field(default_factory=list)
    # Outcome counts: slug -> {"paborjade"|"avslutade"|<outcome>: {"kvinnor", "man"}} (utfall.selectors)
    utfall: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def as_json(self) -> dict:
        """What an extract stores, so a release from it has the same tables as one from live figures."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Siffror":
        return cls(**{**data, "inriktningar": [tuple(x) for x in data.get("inriktningar", [])]})


def lan_for_forbund(ar: int, forbund_ids: list[int]) -> dict[int, str]:
    """The one län each förbund is counted in for the year: where most of its member kommuner were (ties: lowest
    code), else its member region, else any membership it ever had; a förbund in two län is counted once."""
    start, slut = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    rader = Medlemskap.objects.filter(forbund_id__in=forbund_ids).order_by()
    under = rader.active_during(start, slut)
    val: dict[int, str] = {}
    for qs in (
        under.filter(kommun__isnull=False).values_list("forbund_id", "kommun__lan_id"),
        under.filter(region__isnull=False).values_list("forbund_id", "region_id"),
        rader.filter(kommun__isnull=False).values_list("forbund_id", "kommun__lan_id"),
        rader.filter(region__isnull=False).values_list("forbund_id", "region_id"),
    ):
        antal: dict[int, Counter] = defaultdict(Counter)
        for fid, lan in qs:
            if fid not in val:
                antal[fid][lan] += 1
        for fid, c in antal.items():
            val[fid] = min(c, key=lambda lan, c=c: (-c[lan], lan))
    return {fid: val.get(fid, OKANT_LAN) for fid in forbund_ids}


def _lan_namn() -> dict[str, str]:
    return {**dict(Lan.objects.values_list("kod", "namn")), OKANT_LAN: _("Okänt län")}


# What a förbund has not registered for the year is published as not registered (skydd.SAKNAS), never as 0.
SAKNAS_TEXT = {
    "insatser": gettext_lazy("Insatser: uppgifter från %(n)s av %(av)s förbund."),
    "deltagare": gettext_lazy("Deltagare: uppgifter från %(n)s av %(av)s förbund."),
    "budget": gettext_lazy("Budget: uppgifter från %(n)s av %(av)s förbund."),
    "utfall": gettext_lazy("Utfall: uppgifter från %(n)s av %(av)s förbund."),
}


def _saknas(summor: dict, antal: dict) -> list[str]:
    """What a förbund has not registered for the year: everything when no insats of it ran (it has not reported);
    participants when insatser that count them have none registered; budget, utfall when none is registered."""
    if not antal.get("insatser"):
        return list(SAKNAS_TEXT)
    saknas = []
    if antal.get("raknar_deltagare") and not summor.get("med_deltagare"):
        saknas.append("deltagare")
    saknas += [x for x in ("budget", "utfall") if not summor.get(f"med_{x}")]
    return saknas


def siffror_live(ar: int) -> Siffror:
    """The year's live figures per förbund and kön, per inriktning nationally (5 queries)."""
    start, slut = datetime.date(ar, 1, 1), datetime.date(ar, 12, 31)
    pagar = Insats.objects.running_in(ar).order_by()
    arsuppgifter = InsatsAr.objects.filter(ar=ar, insats__in=pagar.values("pk")).order_by()
    ind, uppf = deltagare_q()
    summor = {
        r["insats__forbund_id"]: r
        for r in arsuppgifter.values("insats__forbund_id").annotate(
            # Before "budget" and "utfall" are annotations named like the fields they count.
            med_deltagare=Count("pk", filter=deltagare_registrerade_q()),
            med_budget=Count("pk", filter=Q(budget__isnull=False)),
            med_utfall=Count("pk", filter=Q(utfall__isnull=False)),
            K=Sum("deltagare_kvinnor", filter=ind, default=0),
            M=Sum("deltagare_man", filter=ind, default=0),
            S=Sum("deltagare_totalt", filter=uppf, default=0),
            V=Sum("deltagare_totalt", filter=volym_q(), default=0),
            budget=Sum("budget", default=0),
            utfall=Sum("utfall", default=0),
        )
    }
    antal = {
        r["forbund_id"]: r
        for r in pagar.values("forbund_id").annotate(
            raknar_deltagare=Count("pk", filter=counts_participants_q()),
            insatser=Count("pk"),
            insatser_individinriktade=Count("pk", filter=Q(typ=I)),
            insatser_strukturovergripande=Count("pk", filter=Q(typ=S)),
        )
    }
    med_data = set(summor) | set(antal)
    forbund = list(
        Forbund.objects.filter(forbund_existing_q(start, slut) | Q(pk__in=med_data)).prefetch_related("tidigare_namn")
    )
    lan = lan_for_forbund(ar, [f.pk for f in forbund])
    rader = {}
    for f in forbund:
        s, a = summor.get(f.pk, {}), antal.get(f.pk, {})
        k, m = s.get("K", 0), s.get("M", 0)
        rader[f.slug] = {
            "namn": f.namn_on(min(slut, f.upphort or slut)),
            "lan": lan[f.pk],
            "K": k,
            "M": m,
            "T": k + m,
            "S": s.get("S", 0),
            "V": s.get("V", 0),
            **{x: (s if x in ("budget", "utfall") else a).get(x, 0) for x in ORG_FALT},
            "saknas": _saknas(s, a),
        }
    inriktningar = []
    arsuppgifter = arsuppgifter.annotate(klass=inriktning_for_ar_uttryck(ar="ar", insats="insats__"))
    for r in arsuppgifter.values("insats__typ", "klass").annotate(
        K=Sum("deltagare_kvinnor", filter=ind, default=0),
        M=Sum("deltagare_man", filter=ind, default=0),
        S=Sum("deltagare_totalt", filter=uppf, default=0),
    ):
        typ, kod = r["insats__typ"], r["klass"]
        inriktningar.append((typ, kod, {"K": r["K"], "M": r["M"]} if typ == I else {"T": r["S"]}))
    per_forbund, utelamnade = utfall_per_forbund(ar)
    slug = {f.pk: f.slug for f in forbund}
    siffror = Siffror(
        ar=ar,
        forbund=rader,
        lan_namn=_lan_namn(),
        inriktningar=sorted(inriktningar),
        utfall={slug[fid]: u for fid, u in per_forbund.items() if fid in slug},
    )
    for namn, text in SAKNAS_TEXT.items():
        utan = sum(namn in r["saknas"] for r in rader.values())
        if utan:
            siffror.anteckningar.append(text % {"n": len(rader) - utan, "av": len(rader)})
    if utelamnade:
        siffror.anteckningar.append(
            _("%(n)s insatsers utfall summerar inte till de avslutade och räknas inte i utfallen.") % {"n": utelamnade}
        )
    return siffror


def siffror_uttag(uttag) -> Siffror:
    """The figures an extract holds: what a release from live figures would have used when it was taken (stored by
    rapportering.uttag). An older extract without them: each förbund's totals, and the national split by kön and
    inriktning where it agrees with the sum of the förbund."""
    if "publicering" in uttag.statistik:
        siffror = Siffror.from_json(uttag.statistik["publicering"])
        siffror.anteckningar = [
            _("Från uttag %(id)s.") % {"id": uttag.pk},
            *siffror.anteckningar,
        ]
        return siffror
    ar = uttag.ar
    sparade = uttag.statistik.get("forbund", {})
    forbund = {f.slug: f for f in Forbund.objects.filter(slug__in=list(sparade))}
    lan = lan_for_forbund(ar, [f.pk for f in forbund.values()])
    rader = {}
    for slug, r in sparade.items():
        t = int(r.get("deltagare_individinriktade") or 0)
        rader[slug] = {
            "namn": r.get("namn", slug),
            "lan": lan[forbund[slug].pk] if slug in forbund else OKANT_LAN,
            "K": None,
            "M": None,
            "T": t,
            "S": int(r.get("deltagare_strukturovergripande") or 0),
            "insatser": int(r.get("insatser") or 0),
            "insatser_individinriktade": int(r.get("individinriktade") or 0),
            "insatser_strukturovergripande": int(r.get("strukturovergripande") or 0),
            "budget": int(r.get("budget") or 0),
            "utfall": int(r.get("utfall") or 0),
        }
    siffror = Siffror(ar=ar, forbund=rader, lan_namn=_lan_namn(), kon_per_forbund=False)
    siffror.anteckningar.append(
        _("Från uttag %(id)s: uttaget har deltagare per förbund men inte per kön, så kön visas bara för riket.")
        % {"id": uttag.pk}
    )
    stat = uttag.statistik.get("statistik", {})
    individ, struktur = stat.get("individinriktade", {}), stat.get("strukturovergripande", {})
    summa_i = sum(r["T"] for r in rader.values())
    summa_s = sum(r["S"] for r in rader.values())
    kon = {"K": int(individ.get("kvinnor") or 0), "M": int(individ.get("man") or 0)}
    if kon["K"] + kon["M"] == summa_i:
        siffror.riket_kon = kon
        per = {
            k: {"K": int(v.get("kvinnor") or 0), "M": int(v.get("man") or 0)}
            for k, v in individ.get("per_inriktning", {}).items()
        }
        if all(sum(v[x] for v in per.values()) == kon[x] for x in ("K", "M")):
            siffror.inriktningar += [(I, k, v) for k, v in sorted(per.items())]
    else:
        siffror.anteckningar.append(
            _("Riket per kön saknas: uttagets nationella siffror stämmer inte med förbundens summa.")
        )
    per_s = {k: {"T": int(v.get("deltagare") or 0)} for k, v in struktur.get("per_inriktning", {}).items()}
    if per_s and sum(v["T"] for v in per_s.values()) == summa_s:
        siffror.inriktningar += [(S, k, v) for k, v in sorted(per_s.items())]
    if not siffror.inriktningar:
        siffror.anteckningar.append(_("Deltagare per inriktning saknas: uttagets siffror stämmer inte med summan."))
    return siffror


# ---------------------------------------------------------------- What the public sees


def senaste_per_ar(
    fore: Publicering | None = None, fore_datum: datetime.datetime | None = None
) -> dict[int, Publicering]:
    """The release that was current for each year: the newest, or the newest up to a release or before a moment."""
    # The data are read only for the releases chosen (a deferred field loads when used): not every release's.
    qs = Publicering.objects.defer("data", "monster", "omraden")
    if fore is not None:
        qs = qs.filter(Q(skapad__lt=fore.skapad) | Q(skapad=fore.skapad, pk__lte=fore.pk))
    if fore_datum is not None:
        qs = qs.filter(skapad__lt=fore_datum)
    valda: dict[int, Publicering] = {}
    for p in qs.order_by("ar", "-skapad", "-pk"):
        valda.setdefault(p.ar, p)
    return valda
