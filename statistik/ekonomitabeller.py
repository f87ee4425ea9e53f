"""The economy tables (medlemsbidrag, administration, Tabell 3 eget kapital) and the trend table."""

from django.utils.translation import gettext as _

from statistik import charts
from statistik.nyckeltal import Rapport, nyckeltal
from statistik.tabell import Kolumn, Tabell
from statistik.urval import register_komplett_text


def ekonomi_tabell(r: Rapport) -> Tabell:
    n, f = r.nu["ekonomi"], r.fore["ekonomi"]
    mn, mf = n["medlemsbidrag"], f["medlemsbidrag"]
    return nyckeltal(
        r,
        "ekonomi",
        _("Medlemsbidrag, administration och eget kapital (kr)"),
        [
            (_("Medlemsbidrag från staten"), "kr", mn["stat"], mf["stat"]),
            (_("Medlemsbidrag från regionerna"), "kr", mn["regioner"], mf["regioner"]),
            (_("Medlemsbidrag från kommunerna"), "kr", mn["kommuner"], mf["kommuner"]),
            (_("Medlemsbidrag totalt"), "kr", mn["totalt"], mf["totalt"]),
            (_("Administration, budget"), "kr", n["administration"]["budget"], f["administration"]["budget"]),
            (_("Administration, utfall"), "kr", n["administration"]["utfall"], f["administration"]["utfall"]),
            (_("Årets resultat"), "kr", n.get("arets_resultat"), f.get("arets_resultat")),
            (_("Utgående eget kapital"), "kr", n["eget_kapital_utgaende"], f["eget_kapital_utgaende"]),
            (
                _("Förbund som registrerat medlemsbidrag"),
                "antal",
                n.get("antal_forbund_med_medlemsbidrag"),
                f.get("antal_forbund_med_medlemsbidrag"),
            ),
            (
                _("Förbund som registrerat administrationens utfall"),
                "antal",
                n.get("antal_forbund_med_administration"),
                f.get("antal_forbund_med_administration"),
            ),
            (
                _("Förbund med känt resultat"),
                "antal",
                n.get("antal_forbund_med_resultat"),
                f.get("antal_forbund_med_resultat"),
            ),
        ],
        _(
            "Medlemsbidrag (tilldelade medel) per medlemskategori som förbunden registrerat för året: staten "
            "(Försäkringskassan och Arbetsförmedlingen) hälften, regionerna och kommunerna en fjärdedel var. "
            "Eget kapital vid årets slut enligt förbundens registrering."
        )
        + " "
        + _(
            "Inte registrerat är inte noll: – betyder att inget förbund har registrerat uppgiften, och summorna "
            "gäller bara de förbund som har det (uppgifter från %(medlemsbidrag)s av %(antal)s förbund för "
            "medlemsbidragen, %(resultat)s av %(antal)s för resultat och eget kapital). Ett förbund vars kostnader "
            "inte är kompletta (utfall saknas för någon insats eller för administrationen) har inget resultat än."
        )
        % {
            "medlemsbidrag": n.get("antal_forbund_med_medlemsbidrag"),
            "resultat": n.get("antal_forbund_med_resultat"),
            # The förbund of the year, as the economy's sums cover them (an extract taken before it kept them: at
            # year end).
            "antal": r.nu["forbund"].get("under_aret", r.nu["forbund"].get("antal")),
        },
        _("Ekonomi"),
    )


def eget_kapital_tabell(r: Rapport) -> Tabell:
    rader = []
    for row in r.eget_kapital:
        resultat = row.get("arets_resultat", row.get("resultat"))
        utg = row.get("eget_kapital_utgaende", row.get("utgaende", row.get("eget_kapital")))
        antal = row.get("antal_forbund")
        if antal == 0:  # no förbund with a known result that year: not registered, not 0 kr
            resultat = utg = None
        rader.append([row["ar"], resultat, utg, antal])
    return Tabell(
        nyckel="eget_kapital",
        blad=_("Tabell 3 Eget kapital"),
        rubrik=_("Tabell 3. Förbundens eget kapital (kr)"),
        kolumner=[
            Kolumn(_("År"), "ar"),
            Kolumn(_("Årets resultat"), "kr"),
            Kolumn(_("Utgående eget kapital"), "kr"),
            Kolumn(_("Förbund med uppgifter"), "antal"),
        ],
        rader=rader,
        definition=_(
            "Summan av förbundens resultat och utgående eget kapital per år. Ett förbund ingår bara när dess "
            "resultat är känt: fastställt i årsredovisningen, eller beräknat när kostnaderna är registrerade "
            "(administrationens utfall och varje pågående insats utfall registrerat). Ett förbund som bara "
            "registrerat medlemsbidrag ingår inte; "
            "dess intäkter räknas aldrig som resultat."
        )
        + " "
        + _(
            "Åren är de före det valda året för vilka förbund har registrerat en fastställd årsredovisning, från "
            "det första till det senaste, som i rapporten."
        )
        + (
            ""
            if rader
            else " "
            + _("Inget förbund har registrerat en fastställd årsredovisning för åren före %(ar)s.") % {"ar": r.urval.ar}
        ),
    )


def trend_tabell(r: Rapport) -> Tabell:
    rader = [
        [
            row["ar"],
            row["forbund"],
            row["kommuner_i_forbund"],
            row["insatser"],
            row["individinriktade"],
            row["strukturovergripande"],
        ]
        for row in r.trend
    ]
    kompletta = [row for row in rader if row[1] is not None]
    definition = _(
        "Samma definitioner som för det valda året, för varje år. För ett län följer varje år länets "
        "medlemskap det året. Före 2023 registrerades insatser i SUS med andra inriktningar."
    )
    if len(kompletta) < len(rader):
        definition += " " + _(
            "Förbund och kommuner visas inte (–) för år före %(datum)s: registret har förbundens fullständiga "
            "struktur först från och med det datumet."
        ) % {"datum": register_komplett_text()}
    t = Tabell(
        nyckel="utveckling",
        blad=_("Utveckling"),
        rubrik=_("Utveckling %(fran)s–%(till)s") % {"fran": rader[0][0], "till": rader[-1][0]},
        kolumner=[
            Kolumn(_("År"), "ar"),
            Kolumn(_("Förbund vid årets slut")),
            Kolumn(_("Kommuner i förbund")),
            Kolumn(_("Insatser")),
            Kolumn(_("Individinriktade")),
            Kolumn(_("Strukturövergripande")),
        ],
        rader=rader,
        definition=definition,
    )
    ar = [row[0] for row in rader]
    t.diagram.append(
        charts.linjediagram(
            id="diagram-insatser-over-tid",
            titel=_("Insatser per år"),
            beskrivning=_("Linjer för individinriktade och strukturövergripande insatser per år."),
            ar=ar,
            serier=[
                (_("Individinriktade"), [row[4] for row in rader]),
                (_("Strukturövergripande"), [row[5] for row in rader]),
            ],
        )
    )
    if kompletta:
        # Only the years the registry is complete for: earlier years would show today's förbund as if they had
        # existed then.
        t.diagram.append(
            charts.linjediagram(
                id="diagram-forbund-over-tid",
                titel=_("Förbund och medlemskommuner per år, %(fran)s–%(till)s")
                % {"fran": kompletta[0][0], "till": kompletta[-1][0]}
                if len(kompletta) > 1
                else _("Förbund och medlemskommuner %(ar)s") % {"ar": kompletta[0][0]},
                beskrivning=_(
                    "Linjer för antalet förbund och antalet kommuner i förbund vid varje års slut, från det år "
                    "registret har förbundens fullständiga struktur."
                ),
                ar=[row[0] for row in kompletta],
                serier=[
                    (_("Förbund"), [row[1] for row in kompletta]),
                    (_("Kommuner i förbund"), [row[2] for row in kompletta]),
                ],
            )
        )
    return t
