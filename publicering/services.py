"""Making a release: the year's figures as cells and sums, suppressed by publicering.skydd, stored for the public."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.granser import FORSTA_FORBUNDSAR, ar_kontrollera, innevarande_ar
from insatser.models import Typ
from publicering.celler import Cell, Villkor
from publicering.indikatorer import (
    ARBETE_ELLER_STUDIER_ID,
    AVSLUTADE,
    DELTAGARE_I,
    DELTAGARE_S,
    DELTAGARE_VOLYM,
    FORBUND,
    LAN,
    PABORJADE,
    RIKET,
    RIKET_KOD,
    inriktning_id,
    utfall_id,
)
from publicering.models import Publicering
from publicering.selectors import ORG_FALT, Siffror, siffror_live, siffror_uttag
from publicering.skydd import PRICKAR, SAKNAS, Skyddsmonster, skydda
from publicering.tabeller import Tabell, cell_id, forbundstabell, sla_ihop
from utfall import koder

I = Typ.INDIVIDINRIKTAD  # noqa: E741


def troskel() -> int:
    return int(getattr(settings, "PUBLICERING_TROSKEL", 5))


def summatabell(rader: dict[str, int], lan_for: dict[str, str], *, namn: str, personer: bool = True) -> Tabell:
    """A table with one total per förbund (no split by kön), summed to län and riket: column "T"."""
    tabell = Tabell()
    lanens: dict[str, list[str]] = {}
    for f in sorted(rader):
        lanens.setdefault(lan_for[f], []).append(f)
        tabell.celler.append(Cell(cell_id(namn, FORBUND, f, "T"), int(rader[f]), personer))
    for lan, forbunden in sorted(lanens.items()):
        tabell.celler.append(Cell(cell_id(namn, LAN, lan, "T"), sum(rader[f] for f in forbunden), personer))
        tabell.villkor.append(
            Villkor(cell_id(namn, LAN, lan, "T"), tuple(cell_id(namn, FORBUND, f, "T") for f in forbunden))
        )
    tabell.celler.append(Cell(cell_id(namn, RIKET, "T"), sum(rader.values()), personer))
    if lanens:
        tabell.villkor.append(
            Villkor(cell_id(namn, RIKET, "T"), tuple(cell_id(namn, LAN, lan, "T") for lan in sorted(lanens)))
        )
    return tabell


def utfallstabeller(siffror: Siffror, lan_for: dict[str, str]) -> list[Tabell]:
    """Started and finished per förbund, län and riket; each outcome and "work or studies" nationally. The outcomes
    add up to the finished and the four work-or-studies outcomes to their total: linked tables, protected together."""
    if not siffror.utfall:
        return []
    kon = {"K": "kvinnor", "M": "man"}
    tabeller = [
        forbundstabell(
            {s: {k: u[kategori][kod] for k, kod in kon.items()} for s, u in siffror.utfall.items()},
            lan_for,
            namn=namn,
            delar=("K", "M"),
            total="T",
        )
        for namn, kategori in ((PABORJADE, koder.PABORJADE), (AVSLUTADE, koder.AVSLUTADE))
    ]
    riket = Tabell()
    varden: dict[str, dict[str, int]] = {}
    for kod in koder.UTFALL_KODER:
        v = {k: sum(u[kod][x] for u in siffror.utfall.values()) for k, x in kon.items()}
        varden[utfall_id(kod)] = {**v, "T": v["K"] + v["M"]}
    varden[ARBETE_ELLER_STUDIER_ID] = {
        k: sum(varden[utfall_id(kod)][k] for kod in koder.ARBETE_ELLER_STUDIER) for k in ("K", "M", "T")
    }
    for namn, v in varden.items():
        riket.celler += [Cell(cell_id(namn, RIKET, k), v[k]) for k in ("K", "M", "T")]
        riket.villkor.append(Villkor(cell_id(namn, RIKET, "T"), (cell_id(namn, RIKET, "K"), cell_id(namn, RIKET, "M"))))
    for k in ("K", "M", "T"):
        riket.celler.append(
            Cell(cell_id(AVSLUTADE, RIKET, k), sum(varden[utfall_id(x)][k] for x in koder.UTFALL_KODER))
        )
        riket.villkor.append(
            Villkor(cell_id(AVSLUTADE, RIKET, k), tuple(cell_id(utfall_id(x), RIKET, k) for x in koder.UTFALL_KODER))
        )
        riket.villkor.append(
            Villkor(
                cell_id(ARBETE_ELLER_STUDIER_ID, RIKET, k),
                tuple(cell_id(utfall_id(x), RIKET, k) for x in koder.ARBETE_ELLER_STUDIER),
            )
        )
    return [*tabeller, riket]


def tabell_for(siffror: Siffror) -> Tabell:
    """Every published count of people as cells, with every sum a reader can use (the tables are linked)."""
    lan_for = {slug: r["lan"] for slug, r in siffror.forbund.items()}
    if siffror.kon_per_forbund:
        individ = forbundstabell(
            {s: {"K": r["K"], "M": r["M"]} for s, r in siffror.forbund.items()},
            lan_for,
            namn=DELTAGARE_I,
            delar=("K", "M"),
            total="T",
        )
    else:
        individ = summatabell({s: r["T"] for s, r in siffror.forbund.items()}, lan_for, namn=DELTAGARE_I)
        if siffror.riket_kon is not None:
            kon = siffror.riket_kon
            individ.celler += [Cell(cell_id(DELTAGARE_I, RIKET, k), kon[k]) for k in ("K", "M")]
            individ.villkor.append(
                Villkor(
                    cell_id(DELTAGARE_I, RIKET, "T"),
                    (cell_id(DELTAGARE_I, RIKET, "K"), cell_id(DELTAGARE_I, RIKET, "M")),
                )
            )
    struktur = summatabell({s: r["S"] for s, r in siffror.forbund.items()}, lan_for, namn=DELTAGARE_S)
    tabeller = [individ, struktur]
    if any(r.get("V") for r in siffror.forbund.values()):  # a SUS year with volyminsatser
        tabeller.append(
            summatabell({s: r.get("V", 0) for s, r in siffror.forbund.items()}, lan_for, namn=DELTAGARE_VOLYM)
        )
    for typ, kol in ((I, ("K", "M", "T")), (Typ.STRUKTUROVERGRIPANDE, ("T",))):
        rader = [(kod, v) for t, kod, v in siffror.inriktningar if t == typ]
        if not rader:
            continue
        total = DELTAGARE_I if typ == I else DELTAGARE_S
        tabell = Tabell()
        for kod, v in rader:
            namn = inriktning_id(typ, kod)
            varden = {**v, "T": sum(v.values())} if typ == I else v
            tabell.celler += [Cell(cell_id(namn, RIKET, k), varden[k]) for k in kol]
            if typ == I:
                tabell.villkor.append(
                    Villkor(cell_id(namn, RIKET, "T"), (cell_id(namn, RIKET, "K"), cell_id(namn, RIKET, "M")))
                )
        for k in kol:
            if typ == I and k != "T" and not siffror.kon_per_forbund and siffror.riket_kon is None:
                continue
            delar = tuple(cell_id(inriktning_id(typ, kod), RIKET, k) for kod, _v in rader)
            tabell.celler.append(Cell(cell_id(total, RIKET, k), sum(c.varde for c in tabell.celler if c.id in delar)))
            tabell.villkor.append(Villkor(cell_id(total, RIKET, k), delar))
        tabeller.append(tabell)
    tabeller += utfallstabeller(siffror, lan_for)
    return sla_ihop(*tabeller)


def _rad(cell: str, ar: int, varde, status) -> dict:
    delar = cell.split(":")
    indikator, typ = delar[0], delar[1]
    omrade = RIKET_KOD if typ == RIKET else delar[2]
    return {
        "indikator": indikator,
        "ar": ar,
        "omrade_typ": typ,
        "omrade": omrade,
        "kon": delar[-1],
        "varde": varde,
        "status": status,
    }


def _organisation(siffror: Siffror) -> list[dict]:
    """Counts of insatser and money: about organisations, published as they are."""
    rader = []
    for falt in ORG_FALT:
        tabell = summatabell(
            {s: r[falt] for s, r in siffror.forbund.items()},
            {s: r["lan"] for s, r in siffror.forbund.items()},
            namn=falt,
            personer=False,
        )
        rader += [_rad(c.id, siffror.ar, c.varde, None) for c in tabell.celler]
    return rader


# Which of a förbund's missing registrations (selectors.SAKNAS_TEXT) each published indicator stands on.
SAKNAS_FOR = {
    DELTAGARE_I: "deltagare",
    DELTAGARE_S: "deltagare",
    DELTAGARE_VOLYM: "deltagare",
    "insatser": "insatser",
    "insatser_individinriktade": "insatser",
    "insatser_strukturovergripande": "insatser",
    "budget": "budget",
    "utfall": "utfall",
}


def _markera_saknade(data: list[dict], siffror: Siffror) -> None:
    """A förbund's figure it has not registered is published as not registered (no value, status "–"), never as 0;
    a hidden one stays hidden. Län and riket sum what the förbund registered (the release's notes say how many)."""
    for rad in data:
        if rad["omrade_typ"] != FORBUND or rad["status"] is not None:
            continue
        saknas = siffror.forbund.get(rad["omrade"], {}).get("saknas", ())
        if SAKNAS_FOR.get(rad["indikator"]) in saknas:
            rad["varde"], rad["status"] = None, SAKNAS


def nyckel(rad: dict) -> tuple:
    return (rad["indikator"], rad["ar"], rad["omrade_typ"], rad["omrade"], rad["kon"])


def jamfor_data(fore: list[dict], nu: list[dict]) -> dict[str, list]:
    """Values new, changed and removed between two releases' data (keyed by indikator, år, område and kön)."""
    a = {nyckel(r): (r["varde"], r["status"]) for r in fore}
    b = {nyckel(r): (r["varde"], r["status"]) for r in nu}
    return {
        "nya": sorted(k for k in b if k not in a),
        "andrade": sorted(k for k in b if k in a and a[k] != b[k]),
        "borttagna": sorted(k for k in a if k not in b),
    }


def kanda_fran(tidigare: Publicering | None, tabell: Tabell, ar: int) -> set[str]:
    """Cells the previous release of the year published with the value they have now: a reader knows them."""
    if tidigare is None:
        return set()
    publicerat = {nyckel(r): r["varde"] for r in tidigare.data if r["status"] is None}
    return {c.id for c in tabell.celler if publicerat.get(nyckel(_rad(c.id, ar, None, None))) == c.varde}


@transaction.atomic
def publicering_skapa(*, ar: int, user, uttag=None) -> Publicering:
    """Release the year's figures from an extract, or from the live figures of a year that has ended."""
    ar_kontrollera(ar, FORSTA_FORBUNDSAR, innevarande_ar())
    if uttag is not None and uttag.ar != ar:
        raise ValidationError(
            _("Uttag %(id)s gäller %(uar)s, inte %(ar)s.") % {"id": uttag.pk, "uar": uttag.ar, "ar": ar}
        )
    if uttag is None and ar >= innevarande_ar():
        raise ValidationError(
            _("%(ar)s har inte tagit slut: publicera ett avslutat år, eller från ett uttag.") % {"ar": ar}
        )
    # One release of a year at a time: the next must see this one's pattern.
    tidigare = Publicering.objects.select_for_update().filter(ar=ar).order_by("-skapad", "-pk").first()
    siffror = siffror_uttag(uttag) if uttag is not None else siffror_live(ar)
    tabell = tabell_for(siffror)
    monster = skydda(
        tabell.celler,
        tabell.villkor,
        troskel=troskel(),
        tidigare=Skyddsmonster.from_json(tidigare.monster) if tidigare else None,
        kanda=kanda_fran(tidigare, tabell, ar),
    )
    if monster.oskyddade:
        raise ValidationError(
            _("Skyddet kunde inte göras säkert för %(celler)s; inget publicerades.")
            % {"celler": ", ".join(monster.oskyddade)}
        )
    data = [
        _rad(c.id, ar, None, PRICKAR) if monster.ar_dold(c.id) else _rad(c.id, ar, c.varde, None)
        for c in sorted(tabell.celler, key=lambda c: c.id)
    ]
    data += _organisation(siffror)
    _markera_saknade(data, siffror)
    data.sort(key=nyckel)
    lan_anvanda = sorted({r["lan"] for r in siffror.forbund.values()})
    omraden = {
        "forbund": {s: {"namn": r["namn"], "lan": r["lan"]} for s, r in sorted(siffror.forbund.items())},
        "lan": {kod: siffror.lan_namn.get(kod, kod) for kod in lan_anvanda},
    }
    andringar = [_("Första publiceringen av %(ar)s.") % {"ar": ar}]
    if tidigare is not None:
        skillnad = jamfor_data(tidigare.data, data)
        andringar = [
            _("Jämfört med publicering %(id)s: %(a)s värden ändrade, %(n)s nya, %(b)s borttagna.")
            % {
                "id": tidigare.pk,
                "a": len(skillnad["andrade"]),
                "n": len(skillnad["nya"]),
                "b": len(skillnad["borttagna"]),
            }
        ]
    if uttag is None:
        andringar.append(_("Från årets aktuella siffror (inget uttag)."))
    return Publicering.objects.create(
        ar=ar,
        skapad_av=user,
        uttag=uttag,
        troskel=monster.troskel,
        data=data,
        omraden=omraden,
        monster=monster.to_json(),
        andringar=" ".join([*andringar, *siffror.anteckningar]),
    )
