"""The draft's tables in the report's layout (inriktningar as columns, measures as rows), from the statistics JSON."""

import datetime

from django.utils.translation import gettext as _

from insatser.models import Typ
from rapport.meningar import tal
from rapport.selectors import Underlag
from rapport.siffror import andel, pe_text, procent

I, S = Typ.INDIVIDINRIKTAD, Typ.STRUKTUROVERGRIPANDE  # noqa: E741 - read as "individinriktad"


def fore_har_insatser(u: Underlag) -> bool:
    """The year before has insatser registered (else a change from it means nothing)."""
    return bool(u.fore["insatser"]["totalt"])


def jamforbar(u: Underlag, inr) -> bool:
    return inr.valid_during(datetime.date(u.fore_ar, 1, 1), datetime.date(u.fore_ar, 12, 31)) and fore_har_insatser(u)


def tabell1_rader(u: Underlag) -> list[list[str]]:
    """Tabell 1 in the report's layout: the inriktningar as columns, the measures as rows."""
    n, f = u.nu["individinriktade"], u.fore["individinriktade"]
    tot, ftot = u.nu["insatser"]["individinriktade"], u.fore["insatser"]["individinriktade"]
    inr = u.inriktningar_for(I)
    per = [n["per_inriktning"].get(i.kod) or {} for i in inr]
    fper = [f["per_inriktning"].get(i.kod) or {} for i in inr]
    jfr = [jamforbar(u, i) for i in inr]
    return [
        [_("Antal och andel i procent"), *[i.namn for i in inr], _("Totalt")],
        [_("Antal insatser"), *[tal(p.get("insatser", 0)) for p in per], tal(tot)],
        [
            _("Andel av totalt antal insatser"),
            *[procent(andel(p.get("insatser", 0), tot)) for p in per],
            procent(andel(tot, tot)),
        ],
        [
            _("Förändring mot %(ar)s (procentenheter)") % {"ar": u.fore_ar},
            *[
                pe_text(andel(p.get("insatser", 0), tot), andel(fp.get("insatser", 0), ftot)) if j else "–"
                for p, fp, j in zip(per, fper, jfr, strict=True)
            ],
            "",
        ],
        [_("Antal deltagare"), *[tal(p.get("deltagare", 0)) for p in per], tal(n["deltagare"])],
        [
            _("Andel av deltagarna"),
            *[procent(andel(p.get("deltagare", 0), n["deltagare"])) for p in per],
            procent(andel(n["deltagare"], n["deltagare"])),
        ],
        [
            _("Andel kvinnor"),
            *[procent(andel(p.get("kvinnor", 0), p.get("deltagare", 0))) for p in per],
            procent(andel(n["kvinnor"], n["deltagare"])),
        ],
        [
            _("Andel män"),
            *[procent(andel(p.get("man", 0), p.get("deltagare", 0))) for p in per],
            procent(andel(n["man"], n["deltagare"])),
        ],
    ]


def tabell2_rader(u: Underlag) -> list[list[str]]:
    n, f = u.nu["strukturovergripande"], u.fore["strukturovergripande"]
    tot, ftot = u.nu["insatser"]["strukturovergripande"], u.fore["insatser"]["strukturovergripande"]
    inr = u.inriktningar_for(S)
    per = [n["per_inriktning"].get(i.kod) or {} for i in inr]
    fper = [f["per_inriktning"].get(i.kod) or {} for i in inr]
    jfr = [jamforbar(u, i) for i in inr]
    return [
        [_("Antal och andel i procent"), *[i.namn for i in inr], _("Totalt")],
        [_("Antal insatser"), *[tal(p.get("insatser", 0)) for p in per], tal(tot)],
        [
            _("Andel av totalt antal insatser"),
            *[procent(andel(p.get("insatser", 0), tot)) for p in per],
            procent(andel(tot, tot)),
        ],
        [
            _("Förändring mot %(ar)s (procentenheter)") % {"ar": u.fore_ar},
            *[
                pe_text(andel(p.get("insatser", 0), tot), andel(fp.get("insatser", 0), ftot)) if j else "–"
                for p, fp, j in zip(per, fper, jfr, strict=True)
            ],
            "",
        ],
        [
            _("Med deltagaruppföljning"),
            *[tal(p.get("med_deltagaruppfoljning", 0)) for p in per],
            tal(n["med_deltagaruppfoljning"]),
        ],
        [
            _("Med registrerade deltagare"),
            *[tal(p.get("med_registrerade_deltagare", 0)) for p in per],
            tal(sum(p.get("med_registrerade_deltagare") or 0 for p in n["per_inriktning"].values())),
        ],
        [_("Antal deltagare"), *[tal(p.get("deltagare", 0)) for p in per], tal(n["deltagare"])],
        [
            _("Andel av deltagarna"),
            *[procent(andel(p.get("deltagare", 0), n["deltagare"])) for p in per],
            procent(andel(n["deltagare"], n["deltagare"])),
        ],
    ]


def malgrupp_rader(u: Underlag) -> list[tuple[str, int]]:
    ind = u.nu["individinriktade"]
    return [(m.namn, ind["malgrupper"].get(m.kod, 0)) for m in u.malgrupper]
