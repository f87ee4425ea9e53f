"""Per förbund: the key-figure list, the registration status and the workbook's first sheet."""

from django.utils import timezone
from django.utils.translation import gettext as _

from rapportering.models import Uttag
from statistik.tabell import Kolumn, Lank, Tabell, summa
from statistik.urval import Urval, varningar


def forbund_tabell(urval: Urval, rows: list[dict], lank) -> Tabell:
    """The drill-down: each förbund's key figures for the year."""
    return Tabell(
        nyckel="forbund_lista",
        blad=_("Förbund"),
        rubrik=_("Förbund %(ar)s: nyckeltal") % {"ar": urval.ar},
        kolumner=[
            Kolumn(_("Förbund"), "text"),
            Kolumn(_("Insatser")),
            Kolumn(_("Individinriktade")),
            Kolumn(_("Strukturövergripande")),
            Kolumn(_("Deltagare, individinriktade")),
            Kolumn(_("Deltagare, strukturövergripande")),
            Kolumn(_("Budget (kr)"), "kr"),
            Kolumn(_("Utfall (kr)"), "kr"),
        ],
        rader=[
            [
                Lank(row["namn"], lank(row)) if lank else row["namn"],
                row["insatser"],
                row["individinriktade"],
                row["strukturovergripande"],
                row["deltagare_individinriktade"],
                row["deltagare_strukturovergripande"],
                row["budget"],
                row["utfall"],
            ]
            for row in rows
        ],
        summa=[
            _("Summa"),
            *[
                summa(row[k] for row in rows)
                for k in (
                    "insatser",
                    "individinriktade",
                    "strukturovergripande",
                    "deltagare_individinriktade",
                    "deltagare_strukturovergripande",
                    "budget",
                    "utfall",
                )
            ],
        ],
        definition=_(
            "Alla förbund som fanns någon dag under året i urvalet. Summan per förbund kan för ett län skilja sig "
            "från länets siffror bara om ett förbund har insatser registrerade efter att det upphört."
        )
        + " "
        + _(
            "– betyder att förbundet inte har registrerat uppgiften; summorna gäller bara de förbund som har det: "
            "deltagare från %(deltagare)s, budget från %(budget)s och utfall från %(utfall)s av %(antal)s förbund."
        )
        % {
            "deltagare": sum(1 for row in rows if row["deltagare_individinriktade"] is not None),
            "budget": sum(1 for row in rows if row["budget"] is not None),
            "utfall": sum(1 for row in rows if row["utfall"] is not None),
            "antal": len(rows),
        },
    )


REGISTRERING_SORT = {
    "namn": lambda r: r["namn"].lower(),
    "insatser": lambda r: r["insatser"],
    "deltagare": lambda r: (r["status"]["deltagare"], r["insatser_med_deltagare"]),
    "utfall": lambda r: (r["status"]["utfall"], r["insatser_med_utfall"]),
    "medlemsbidrag": lambda r: (r["status"]["medlemsbidrag"] is True, r["status"]["medlemsbidrag"] is None),
    "eget_kapital": lambda r: (r["status"]["eget_kapital"] is True, r["status"]["eget_kapital"] is None),
    "saknas": lambda r: saknas(r),
}


def saknas(row: dict) -> int:
    """How many of the five registrations are missing (unknown counts as missing)."""
    s = row["status"]
    return sum(1 for k in ("insatser", "deltagare", "utfall", "medlemsbidrag", "eget_kapital") if not s[k])


def registrering_tabell(urval: Urval, rows: list[dict], lank) -> Tabell:
    """Registration status: who has registered what for the year, so FK can chase the missing ones."""
    return Tabell(
        nyckel="registrering",
        blad=_("Registreringsstatus"),
        rubrik=_("Registreringsstatus %(ar)s") % {"ar": urval.ar},
        kolumner=[
            Kolumn(_("Förbund"), "text"),
            Kolumn(_("Insatser")),
            Kolumn(_("Insatser som ska ha deltagarantal")),
            Kolumn(_("Varav med deltagarantal")),
            Kolumn(_("Varav med utfall")),
            Kolumn(_("Insatser registrerade"), "ja_nej"),
            Kolumn(_("Deltagarantal klara"), "ja_nej"),
            Kolumn(_("Utfall klart"), "ja_nej"),
            Kolumn(_("Medlemsbidrag"), "ja_nej"),
            Kolumn(_("Eget kapital"), "ja_nej"),
            Kolumn(_("Antal saknade uppgifter")),
        ],
        rader=[
            [
                Lank(row["namn"], lank(row)) if lank else row["namn"],
                row["insatser"],
                row["insatser_med_deltagarkrav"],
                row["insatser_med_deltagare"],
                row["insatser_med_utfall"],
                row["status"]["insatser"],
                row["status"]["deltagare"],
                row["status"]["utfall"],
                row["status"]["medlemsbidrag"],
                row["status"]["eget_kapital"],
                saknas(row),
            ]
            for row in rows
        ],
        definition=_(
            "Insatser: förbundet har minst en insats som pågick under året. Deltagarantal klara: alla "
            "individinriktade insatser och alla strukturövergripande med deltagaruppföljning har deltagare "
            "registrerade för året. Utfall klart: alla årets insatser har utfall för året. Medlemsbidrag och eget "
            "kapital: förbundet har registrerat dem för året (”Okänt” om ekonomiuppgifterna inte finns)."
        ),
    )


def om_siffrorna(uttag: Uttag | None) -> str:
    """What figures are shown (rapportering.uttag.visat_uttag): the extract (id, time, who took it) or live figures;
    the same words on the page and in the workbook's sheet "Om uttaget"."""
    if uttag is None:
        return _(
            "Levande siffror: räknade direkt ur registret när de hämtades, inget fryst uttag. De kan ändras tills "
            "alla förbunds år är godkända."
        )
    return _(
        "Uttag %(id)s, taget %(tid)s av %(namn)s. Siffrorna visas exakt som de var då, vad som än ändrats senare."
    ) % {
        "id": uttag.pk,
        "tid": timezone.localtime(uttag.tagen).strftime("%Y-%m-%d %H:%M"),
        "namn": uttag.tagen_av.get_full_name() or uttag.tagen_av.username,
    }


def om_uttaget(urval: Urval, uttag: Uttag | None = None) -> list[list]:
    """The workbook's first sheet: which figures (the extract or live, om_siffrorna), when, and which selection."""
    tid = timezone.localtime(uttag.tagen if uttag else None)
    return [
        [_("Uppföljning Finsam – statistik"), ""],
        [_("År"), urval.ar],
        [_("Län"), urval.lan.namn if urval.lan else _("Hela landet")],
        [_("Förbund"), urval.forbund.namn if urval.forbund else _("Alla förbund")],
        [_("Siffrorna"), om_siffrorna(uttag)],
        [_("Uttag"), uttag.pk if uttag else _("Levande siffror")],
        [_("Uttaget"), tid.strftime("%Y-%m-%d %H:%M")],
        *[[_("Observera"), text] for text in varningar(urval, jamfor_med_ar_fore=True)],
        [
            _("Definitioner"),
            _(
                "En insats räknas för ett år om den pågick någon dag under året; påbörjade/avslutade räknar start- "
                "och slutdatum inom året; deltagare är årets registrerade antal (inte unika personer); andelar är "
                "av årets totala antal; målgrupper räknar en insats en gång per målgrupp."
            ),
        ],
    ]
