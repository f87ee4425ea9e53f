"""The year's changes to the structure, as the reports' footnotes list them: förbund formed, merged, renamed or
ceased, and kommuner and regioner that joined, left or moved between förbund. Computed from the registry's dated
rows (Forbund, ForbundNamn, Medlemskap), never typed in; a few queries whatever the year."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from forbund.models import Forbund, ForbundNamn, Medlemskap


@dataclass(frozen=True)
class Strukturhandelse:
    datum: datetime.date
    slag: str  # bildat, sammanslaget, upphort, namnbyte, gick_med, lamnade, bytte_forbund
    text: str


def _i_aret(ar: int, falt: str) -> Q:
    """A start date (bildat, giltig_fran) in the year."""
    return Q(**{f"{falt}__gte": datetime.date(ar, 1, 1), f"{falt}__lte": datetime.date(ar, 12, 31)})


def _slut_i_aret(ar: int, falt: str) -> Q:
    """An end date (upphort, giltig_till) whose next day, when the change takes effect, is in the year: a förbund
    that ended on 31 December is gone from the next year's structure, so it is that year's change."""
    fore = datetime.date(ar - 1, 12, 31) if ar > datetime.MINYEAR else datetime.date.min
    return Q(**{f"{falt}__gte": fore, f"{falt}__lte": datetime.date(ar, 12, 30)})


def _effekt_ar(slut: datetime.date) -> int:
    return slut.year + 1 if (slut.month, slut.day) == (12, 31) else slut.year


def strukturhandelser(ar: int) -> list[Strukturhandelse]:
    """Every change to the structure that took effect during the year, by the day it took effect. Members of a
    förbund formed or ended by a merger are part of that event, not listed one by one."""
    dag = datetime.timedelta(days=1)
    ut: list[Strukturhandelse] = []
    alla_namn = list(ForbundNamn.objects.select_related("forbund"))  # a few dozen rows: read once
    tidigare_namn = defaultdict(list)
    for t in alla_namn:
        tidigare_namn[t.forbund_id].append(t)

    def namn_on(f: Forbund, datum: datetime.date) -> str:
        """Forbund.namn_on without a query per förbund."""
        return next((t.namn for t in tidigare_namn[f.pk] if t.covers(datum)), f.namn)

    forbund = {
        f.pk: f
        for f in Forbund.objects.filter(_i_aret(ar, "bildat") | _slut_i_aret(ar, "upphort")).select_related(
            "efterfoljare"
        )
    }
    nya = [f for f in forbund.values() if f.bildat and f.bildat.year == ar]
    slutade = [f for f in forbund.values() if f.upphort and _effekt_ar(f.upphort) == ar]
    foregangare = defaultdict(list)
    for f in slutade:
        if f.efterfoljare_id:
            foregangare[f.efterfoljare_id].append(f)
    for f in nya:
        gamla = [g for g in foregangare.get(f.pk, []) if g.upphort == f.bildat - dag]
        if gamla:
            namn = sorted(namn_on(g, g.upphort) for g in gamla)
            text = _("%(ny)s bildades genom att %(gamla)s gick samman.") % {
                "ny": namn_on(f, f.bildat),
                "gamla": _och(namn),
            }
            ut.append(Strukturhandelse(f.bildat, "sammanslaget", text))
        else:
            ut.append(Strukturhandelse(f.bildat, "bildat", _("%(ny)s bildades.") % {"ny": namn_on(f, f.bildat)}))
    for f in slutade:
        efter = f.efterfoljare
        if efter is not None and efter.bildat == f.upphort + dag and efter in nya:
            continue  # told with the new förbund above
        if efter is not None:
            text = _("%(gammal)s gick upp i %(ny)s.") % {
                "gammal": namn_on(f, f.upphort),
                "ny": namn_on(efter, f.upphort + dag),
            }
            ut.append(Strukturhandelse(f.upphort + dag, "sammanslaget", text))
        else:
            text = _("%(f)s upphörde.") % {"f": namn_on(f, f.upphort)}
            ut.append(Strukturhandelse(f.upphort + dag, "upphort", text))
    for tidigare in alla_namn:
        if _effekt_ar(tidigare.giltig_till) != ar:
            continue
        f = tidigare.forbund
        nytt = namn_on(f, tidigare.giltig_till + dag)
        if nytt != tidigare.namn and not (f.upphort and f.upphort <= tidigare.giltig_till):
            text = _("%(gammal)s bytte namn till %(ny)s.") % {"gammal": tidigare.namn, "ny": nytt}
            ut.append(Strukturhandelse(tidigare.giltig_till + dag, "namnbyte", text))
    ut += _medlemmar(ar, nya, slutade, namn_on)
    return sorted(ut, key=lambda h: (h.datum, h.slag, h.text))


def _medlemmar(ar: int, nya: list[Forbund], slutade: list[Forbund], namn_on) -> list[Strukturhandelse]:
    dag = datetime.timedelta(days=1)
    rader = list(
        Medlemskap.objects.filter(_i_aret(ar, "giltig_fran") | _slut_i_aret(ar, "giltig_till")).select_related(
            "forbund", "kommun", "region"
        )
    )
    bildade = {f.pk: f.bildat for f in nya}
    upphorda = {f.pk: f.upphort for f in slutade}
    borjar = {(m.kommun_id, m.region_id, m.giltig_fran): m for m in rader if m.giltig_fran}
    ut: list[Strukturhandelse] = []
    flyttade = set()
    for m in rader:
        if not (m.giltig_till and _effekt_ar(m.giltig_till) == ar):
            continue
        ny = borjar.get((m.kommun_id, m.region_id, m.giltig_till + dag))
        if upphorda.get(m.forbund_id) == m.giltig_till:
            if ny is not None:
                flyttade.add(ny.pk)  # a merger or an end: told with the förbund
            continue
        namn = _medlem(m)
        if ny is not None:
            flyttade.add(ny.pk)
            text = _("%(medlem)s gick från %(fran)s till %(till)s.") % {
                "medlem": namn,
                "fran": namn_on(m.forbund, m.giltig_till),
                "till": namn_on(ny.forbund, ny.giltig_fran),
            }
            ut.append(Strukturhandelse(ny.giltig_fran, "bytte_forbund", text))
        else:
            text = _("%(medlem)s lämnade %(f)s.") % {"medlem": namn, "f": namn_on(m.forbund, m.giltig_till)}
            ut.append(Strukturhandelse(m.giltig_till + dag, "lamnade", text))
    for m in rader:
        if not (m.giltig_fran and m.giltig_fran.year == ar) or m.pk in flyttade:
            continue
        if bildade.get(m.forbund_id) == m.giltig_fran:
            continue  # a member of a förbund formed that day: told with the förbund
        text = _("%(medlem)s gick med i %(f)s.") % {"medlem": _medlem(m), "f": namn_on(m.forbund, m.giltig_fran)}
        ut.append(Strukturhandelse(m.giltig_fran, "gick_med", text))
    return ut


def _medlem(m: Medlemskap) -> str:
    if m.kommun_id:
        return m.kommun.namn + (f" ({m.omfattning})" if m.omfattning else "")
    return m.region.region_namn


def _och(namn: list[str]) -> str:
    return (
        namn[0] if len(namn) == 1 else _("%(lista)s och %(sista)s") % {"lista": ", ".join(namn[:-1]), "sista": namn[-1]}
    )
