"""Reads of the outcome counts. Never imports services."""

from bisect import bisect_right

from django.utils.translation import gettext as _

from core.historik import ANDRAD, REGISTRERAD, Andring, Falt, Handelse, historik, nyast_forst, vem
from insatser.models import Insats, InsatsAr, Typ
from utfall.koder import AVSLUTADE, KON_KODER, PABORJADE, UTFALL_KODER, Nyckel, etikett
from utfall.models import Utfall, Utfallsantal
from utfall.rules import Varden, summa_fel


def utfall_for(*, insats: Insats, ar: int) -> tuple[Utfall | None, Varden]:
    """The year's Utfall (None: nothing registered) and its cells (only registered ones are keys)."""
    utfall = Utfall.objects.filter(insats=insats, ar=ar).first()
    if utfall is None:
        return None, {}
    return utfall, {a.nyckel: a.antal for a in utfall.antal.all()}


def varden_for(par: set[tuple[int, int]]) -> dict[tuple[int, int], Varden]:
    """The cells of many (insats id, year) pairs at once: one query."""
    if not par:
        return {}
    insats_ids, ar_lista = {i for i, _a in par}, {a for _i, a in par}
    result: dict[tuple[int, int], Varden] = {}
    rows = Utfallsantal.objects.filter(utfall__insats_id__in=insats_ids, utfall__ar__in=ar_lista).values_list(
        "utfall__insats_id", "utfall__ar", "kategori", "kod", "kon", "aldersgrupp", "antal"
    )
    for insats_id, ar, kategori, kod, kon, grupp, antal in rows:
        if (insats_id, ar) in par:
            nyckel: Nyckel = (kategori, kod, kon, grupp)
            result.setdefault((insats_id, ar), {})[nyckel] = antal
    return result


def deltagare_for(*, insats: Insats, ar: int) -> tuple[int | None, int | None]:
    """The year's registered participants by kön (None: not registered)."""
    row = InsatsAr.objects.filter(insats=insats, ar=ar).values_list("deltagare_kvinnor", "deltagare_man").first()
    return row or (None, None)


def kan_ha_utfall(insats: Insats) -> bool:
    return insats.typ == Typ.INDIVIDINRIKTAD


def utfall_historik(*, insats: Insats, ar: int) -> list[Handelse]:
    """Every save of the year's grid, newest first: who, when, and each cell it changed, before and after.

    The cells' changes come from core.historik (one implementation); a save is the version of the year's Utfall
    that its cells' records follow, so one save is one event however many cells it changed."""
    sparningar = list(
        Utfall.history.filter(insats_id=insats.pk, ar=ar)
        .order_by("history_date", "history_id")
        .select_related("history_user")
    )
    if not sparningar:
        return []
    celler = historik(
        Utfallsantal.history.filter(utfall_id__in={s.id for s in sparningar})
        .select_related("history_user")
        .order_by("history_date", "history_id"),
        Falt(Utfallsantal, ("antal",)),
    )
    handelser = [
        Handelse(
            tidpunkt=s.history_date,
            vem=vem(s.history_user),
            typ=REGISTRERAD if s.version == 1 else ANDRAD,
            andringar=[],
            record=s,
            vad=_("Utfall registrerade") if s.version == 1 else _("Utfall ändrade"),
        )
        for s in sparningar
    ]
    tider = [h.tidpunkt for h in handelser]
    for cell in celler:
        rec = cell.record
        sparning = handelser[max(bisect_right(tider, rec.history_date) - 1, 0)]
        for andring in cell.andringar:
            sparning.andringar.append(
                Andring(
                    andring.namn,
                    etikett((rec.kategori, rec.kod, rec.kon, rec.aldersgrupp)),
                    andring.fore,
                    andring.efter,
                )
            )
    return nyast_forst([h for h in handelser if h.andringar])


def utfall_per_forbund(ar: int) -> tuple[dict[int, dict[str, dict[str, int]]], int]:
    """What a release publishes of the outcome counts (one query): per förbund id, started, finished and each
    outcome by kön ({"paborjade"|"avslutade"|<outcome>: {"kvinnor", "man"}}), summed over the year's registered grids
    of the individinriktade insatser that ran; and how many grids were left out because their outcomes do not add up
    to the finished (utfall_summa), so that outcome → finished holds exactly in everything published."""
    rows = Utfallsantal.objects.filter(
        utfall__ar=ar,
        utfall__insats__typ=Typ.INDIVIDINRIKTAD,
        utfall__insats__in=Insats.objects.running_in(ar).values("pk"),
    ).values_list("utfall_id", "utfall__insats__forbund_id", "kategori", "kod", "kon", "aldersgrupp", "antal")
    grids: dict[int, tuple[int, Varden]] = {}
    for utfall_id, forbund_id, kategori, kod, kon, grupp, antal in rows:
        grids.setdefault(utfall_id, (forbund_id, {}))[1][(kategori, kod, kon, grupp)] = antal
    result: dict[int, dict[str, dict[str, int]]] = {}
    utelamnade = 0
    for forbund_id, varden in grids.values():
        if summa_fel(varden):
            utelamnade += 1
            continue
        per = result.setdefault(
            forbund_id, {k: dict.fromkeys(KON_KODER, 0) for k in (PABORJADE, AVSLUTADE, *UTFALL_KODER)}
        )
        for (kategori, kod, kon, _grupp), antal in varden.items():
            per[kod or kategori][kon] += antal or 0
    return result, utelamnade
