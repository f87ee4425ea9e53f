"""The draft's tables in the report's layout (inriktningar as columns, measures as rows), from the statistics JSON."""

import datetime

from django.utils.translation import gettext as _

from insatser.models import Typ
from rapport.meningar import tal
from rapport.selectors import Underlag
from rapport.siffror import andel, andel_kon, pe_text, procent

I, S = Typ.INDIVIDINRIKTAD, Typ.STRUKTUROVERGRIPANDE  # noqa: E741 - read as "individinriktad"


def fore_har_insatser(u: Underlag) -> bool:
    """The year before has insatser registered (else a change from it means nothing)."""
    return bool(u.fore["insatser"]["totalt"])


def jamforbar(u: Underlag, inr) -> bool:
    return inr.valid_during(datetime.date(u.fore_ar, 1, 1), datetime.date(u.fore_ar, 12, 31)) and fore_har_insatser(u)


def _nyckel(typ) -> str:
    return "individinriktade" if typ == I else "strukturovergripande"


def inriktning_rader(u: Underlag, typ) -> list[list[str]]:
    """Tabell 1 (individinriktade) or Tabell 2 (strukturövergripande) in the report's layout: the inriktningar as
    columns, the measures as rows. The first four rows are the same for both; then each type's own measures."""
    nyckel = _nyckel(typ)
    n, f = u.nu[nyckel], u.fore[nyckel]
    tot, ftot = u.nu["insatser"][nyckel], u.fore["insatser"][nyckel]
    inr = u.inriktningar_for(typ)
    per = [n["per_inriktning"].get(i.kod) or {} for i in inr]
    fper = [f["per_inriktning"].get(i.kod) or {} for i in inr]
    jfr = [jamforbar(u, i) for i in inr]

    def antal(rubrik, falt: str, totalt) -> list[str]:
        return [rubrik, *[tal(p.get(falt, 0)) for p in per], tal(totalt)]

    def andel_av_alla(rubrik, falt: str, totalt) -> list[str]:
        """Each inriktning's share of the type's total."""
        return [rubrik, *[procent(andel(p.get(falt, 0), totalt)) for p in per], procent(andel(totalt, totalt))]

    def andel_inom(rubrik, falt: str) -> list[str]:
        """Within each inriktning: the share of its participants registered by kön (andel kvinnor, andel män)."""
        return [rubrik, *[procent(andel_kon(p, falt)) for p in per], procent(andel_kon(n, falt))]

    rader = [
        [_("Antal och andel i procent"), *[i.namn for i in inr], _("Totalt")],
        antal(_("Antal insatser"), "insatser", tot),
        andel_av_alla(_("Andel av totalt antal insatser"), "insatser", tot),
        [
            _("Förändring mot %(ar)s (procentenheter)") % {"ar": u.fore_ar},
            *[
                pe_text(andel(p.get("insatser", 0), tot), andel(fp.get("insatser", 0), ftot)) if j else "–"
                for p, fp, j in zip(per, fper, jfr, strict=True)
            ],
            "",
        ],
    ]
    deltagare = [
        antal(_("Antal deltagare"), "deltagare", n["deltagare"]),
        andel_av_alla(_("Andel av deltagarna"), "deltagare", n["deltagare"]),
    ]
    if typ == I:
        return [*rader, *deltagare, andel_inom(_("Andel kvinnor"), "kvinnor"), andel_inom(_("Andel män"), "man")]
    registrerade = sum(p.get("med_registrerade_deltagare") or 0 for p in n["per_inriktning"].values())
    return [
        *rader,
        antal(_("Med deltagaruppföljning"), "med_deltagaruppfoljning", n["med_deltagaruppfoljning"]),
        antal(_("Med registrerade deltagare"), "med_registrerade_deltagare", registrerade),
        *deltagare,
    ]


def malgrupp_rader(u: Underlag) -> list[tuple[str, int]]:
    ind = u.nu["individinriktade"]
    return [(m.namn, ind["malgrupper"].get(m.kod, 0)) for m in u.malgrupper]
