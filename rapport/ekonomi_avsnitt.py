"""The draft's economy section (Tabell 3, §5.1–5.4) and its appendices (Bilaga 1 and 2)."""

from django.utils.translation import gettext as _

from core.avrundning import avrunda
from insatser.models import Typ
from rapport.meningar import tal
from rapport.selectors import Underlag
from rapport.siffror import andel, antal_mening, mkr, pe_mening, procent_ord, relativ_mening, summa


def statens_medel(s, u: Underlag) -> None:
    """§5.1: the allocation, of which the national share and its use, FK's payments, förbrukat and oförbrukat."""
    sm = u.statsmedel or {}
    if sm.get("tilldelat") is not None and sm.get("nationell_andel") is not None:
        s.stycke(
            _(
                "För %(ar)s har staten avsatt totalt %(t)s miljoner kronor för finansiell samordning genom "
                "samordningsförbund. Av dessa medel avser %(n)s miljoner kronor nationellt stöd till "
                "samordningsförbunden."
            )
            % {"ar": u.ar, "t": mkr(sm["tilldelat"], 2), "n": mkr(sm["nationell_andel"], 2)},
            (_("Medlen har bland annat använts till: %(anv)s.") % {"anv": sm["nationell_anvandning"].rstrip(".")})
            if sm.get("nationell_anvandning")
            else "",
            _("Övriga medel har betalats ut till samordningsförbunden."),
        )
    s.rubrik(_("Tilldelade och förbrukade medel %(ar)s") % {"ar": u.ar}, 2)
    s.tabell(
        _("Statens medel %(ar)s (miljoner kronor)") % {"ar": u.ar},
        [
            [_("Medel"), _("Miljoner kronor")],
            [_("Tilldelade medel"), mkr(sm.get("tilldelat"), 2)],
            [_("Förbrukade medel"), mkr(sm.get("forbrukat"), 2)],
            [_("Oförbrukade medel"), mkr(sm.get("oforbrukat"), 2)],
        ],
        _(
            "Förbrukade medel är Försäkringskassans utbetalningar till förbunden (%(x)s av %(n)s förbund "
            "registrerade) och det som förbrukats av den nationella andelen; ”–” när uppgiften inte är registrerad."
        )
        % {"x": tal(sm.get("forbund_med_utbetalning")), "n": tal(sm.get("antal_forbund"))},
    )
    if sm.get("forbrukat") is not None and sm.get("tilldelat") is not None:
        s.stycke(
            _(
                "Av de tilldelade medlen på %(t)s miljoner kronor har cirka %(f)s miljoner kronor förbrukats och "
                "%(o)s miljoner kronor har inte förbrukats."
            )
            % {"t": mkr(sm["tilldelat"], 2), "f": mkr(sm["forbrukat"], 2), "o": mkr(sm["oforbrukat"], 2)}
        )
    s.stycke(str(_("[Försäkringskassans analys]")))


def _hela_mkr(kr: int | None) -> int | None:
    """Kronor in whole miljoner kronor for a comparison; None (not 0) when not registered."""
    return None if kr is None else avrunda(kr / 1_000_000)


def tabell3_rader(u: Underlag) -> list[list[str]]:
    """Tabell 3 in the report's layout: the years as columns, amounts in mkr."""
    rader = u.eget_kapital
    return [
        [_("Belopp i mkr"), *[str(r["ar"]) for r in rader]],
        [_("Årets resultat"), *[mkr(r.get("arets_resultat")) for r in rader]],
        [_("Utgående eget kapital"), *[mkr(r.get("eget_kapital_utgaende")) for r in rader]],
        [_("Förbund med uppgifter"), *[tal(r.get("antal_forbund")) for r in rader]],
    ]


def ekonomi(s, u: Underlag) -> None:
    ek, fek = u.nu["ekonomi"], u.fore["ekonomi"]
    s.rubrik(_("Ekonomisk redovisning"), 1)
    statens_medel(s, u)

    s.rubrik(_("Fördelning av medel mellan insatser"), 2)
    budget = summa(ek.get("budget_individinriktade"), ek.get("budget_strukturovergripande"))
    fbudget = summa(fek.get("budget_individinriktade"), fek.get("budget_strukturovergripande"))
    s.stycke(
        _(
            "Cirka %(ind)s av totalt budgeterade insatskostnader avser individinriktade insatser och %(str)s "
            "strukturövergripande insatser."
        )
        % {
            "ind": procent_ord(andel(ek["budget_individinriktade"], budget)),
            "str": procent_ord(andel(ek["budget_strukturovergripande"], budget)),
        },
        pe_mening(
            andel(ek["budget_strukturovergripande"], budget),
            andel(fek["budget_strukturovergripande"], fbudget),
            u.fore_ar,
            _("andelen till strukturövergripande insatser"),
        ),
        _("Uppgifterna är preliminära tills alla förbund har registrerat sitt utfall."),
    )

    s.rubrik(_("Förbundens omsättning av medel"), 2)
    rader = u.eget_kapital
    if rader:
        sista = rader[-1]
        fore = next((r for r in rader if r["ar"] == sista["ar"] - 1), None)
        s.stycke(
            _("Vid årsskiftet %(ar)s hade förbunden totalt cirka %(mkr)s miljoner kronor i eget kapital.")
            % {"ar": sista["ar"], "mkr": mkr(sista.get("eget_kapital_utgaende"))},
            antal_mening(
                _hela_mkr(sista.get("eget_kapital_utgaende")),
                _hela_mkr(fore.get("eget_kapital_utgaende")) if fore else None,
                sista["ar"] - 1,
                "mkr",
            ),
        )
        forsta = rader[0]
        if forsta is not sista:
            s.stycke(
                _("Sedan %(fran)s har förbundens samlade eget kapital gått från %(a)s till %(b)s miljoner kronor.")
                % {
                    "fran": forsta["ar"],
                    "a": mkr(forsta.get("eget_kapital_utgaende")),
                    "b": mkr(sista.get("eget_kapital_utgaende")),
                },
                relativ_mening(
                    sista.get("eget_kapital_utgaende"),
                    forsta.get("eget_kapital_utgaende"),
                    forsta["ar"],
                    _("det egna kapitalet i procent"),
                    # The same förbund on both ends, or the change says as much about who reported as about money.
                    forsta.get("antal_forbund") == sista.get("antal_forbund"),
                ),
            )
        s.tabell(
            _("Tabell 3. Förbundens eget kapital %(fran)s–%(till)s") % {"fran": rader[0]["ar"], "till": sista["ar"]},
            tabell3_rader(u),
            _("Summan för de förbund vars resultat är känt (fastställd årsredovisning eller registrerade kostnader)."),
        )
    else:
        s.stycke(_("Inga förbund har registrerat resultat och eget kapital för åren före %(ar)s.") % {"ar": u.ar})
    revision(s, u)


def revision(s, u: Underlag) -> None:
    """§5.4: ansvarsfrihet for the year before, the revisionsberättelser of the year received so far, and the
    revisors' remarks by category; always with how many förbund the figures come from."""
    s.rubrik(_("Revisionsrapporter"), 2)
    r, rn = u.revision_fore, u.revision
    if not r or not r.get("rapporterat"):
        s.stycke(_("Inga förbund har registrerat revisionen av %(ar)s.") % {"ar": u.fore_ar})
    else:
        af = r["ansvarsfrihet"]
        s.stycke(
            _(
                "För %(ar)s har %(x)s av %(n)s förbund registrerat revisionen. Ansvarsfrihet har beviljats i "
                "%(beviljad)s förbund, inte beviljats i %(ej)s och ännu inte beslutats i %(ejb)s."
            )
            % {
                "ar": u.fore_ar,
                "x": tal(r["rapporterat"]),
                "n": tal(r["antal_forbund"]),
                "beviljad": tal(af["beviljad"]),
                "ej": tal(af["ej_beviljad"]),
                "ejb": tal(af["ej_beslutad"]),
            },
            _("Revisorerna hade anmärkningar i %(m)s förbund.") % {"m": tal(r["med_anmarkning"])},
        )
        s.tabell(
            _("Revisorernas anmärkningar %(ar)s (antal förbund)") % {"ar": u.fore_ar},
            [[_("Område"), _("Antal förbund")], *[[namn, tal(antal)] for namn, antal in r["anmarkningar"]]],
            _("Uppgifter från %(x)s av %(n)s förbund.") % {"x": tal(r["rapporterat"]), "n": tal(r["antal_forbund"])},
        )
    if rn:
        s.stycke(
            _("Av revisionsberättelserna för %(ar)s har %(m)s av %(n)s kommit in.")
            % {"ar": u.ar, "m": tal(rn["berattelse_mottagen"]), "n": tal(rn["antal_forbund"])}
        )
    s.stycke(str(_("[Försäkringskassans analys]")))


def bilaga1(s, u: Underlag) -> None:
    """Bilaga 1: every förbund with its kommuner per län, then the kommuner without förbund (31 December)."""
    struktur = u.struktur
    s.rubrik(_("Bilaga 1 Kommuner som ingår i samordningsförbund"), 1)
    s.stycke(_("Förbund och medlemskommuner den 31 december %(ar)s.") % {"ar": u.ar})
    per_lan = struktur.per_lan()
    for lan, forbund, _utan in per_lan:
        if not forbund:
            continue
        s.rubrik(lan.namn, 2)
        for fs in forbund:
            s.stycke(fs.namn + ":")
            s.punkter([f"{k.namn} ({omf})" if omf else k.namn for k, omf in fs.kommuner_med_omfattning])
        if any(len(fs.lan_koder) > 1 for fs in forbund):
            s.stycke(
                _("Ett förbund som är bildat över länsgränser finns med under båda länen men räknas som ett förbund."),
                style="Caption",
            )
    s.stycke(
        _("Totalt antal kommuner som ingår i samordningsförbund: %(n)s") % {"n": tal(struktur.antal_medlemskommuner)}
    )
    s.rubrik(_("Kommuner utan samordningsförbund"), 2)
    for lan, _forbund, utan in per_lan:
        if utan:
            s.stycke(lan.namn)
            s.punkter([k.namn for k in utan])
    s.stycke(
        _("Totalt antal kommuner utan samordningsförbund: %(n)s") % {"n": tal(len(struktur.kommuner_utan_forbund))}
    )


def bilaga2(s, u: Underlag) -> None:
    """Bilaga 2: the year's inriktningar with their descriptions."""
    s.rubrik(_("Bilaga 2 Beskrivning av inriktningarna i insatser"), 1)
    for typ, rubrik, inledning in (
        (
            Typ.INDIVIDINRIKTAD,
            _("Individinriktade insatser"),
            _("Insatserna riktar sig till individer som behöver samordnad rehabilitering."),
        ),
        (
            Typ.STRUKTUROVERGRIPANDE,
            _("Strukturövergripande insatser"),
            _(
                "Insatserna riktar sig till personalen hos parterna. Syftet är att utveckla samverkan mellan parterna "
                "eller att öka kunskapen om olika gruppers behov av rehabilitering."
            ),
        ),
    ):
        s.rubrik(rubrik, 2)
        s.stycke(inledning)
        for inr in sorted(u.inriktningar_for(typ), key=lambda i: (i.ordning, i.kod)):
            s.rubrik(inr.namn, 3)
            s.stycke(inr.beskrivning or "–")
