"""The draft's sections in the 2024 report's order, with its tables and standard sentences.

Every figure is read from the statistics JSON of the year (u.nu) and of the year before (u.fore); the analysis is
left to Försäkringskassan (marked "[Försäkringskassans analys]").
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from insatser.models import Typ
from rapport import diagram, ekonomi_avsnitt, sammanfattning
from rapport.meningar import tal
from rapport.selectors import Underlag
from rapport.siffror import andel, andel_kon, antal_mening, pe_mening, procent, procent_ord, relativ_mening
from rapport.tabeller import fore_har_insatser, inriktning_rader, jamforbar, malgrupp_rader

I, S = Typ.INDIVIDINRIKTAD, Typ.STRUKTUROVERGRIPANDE  # noqa: E741 - read as "individinriktad"
ANALYS = gettext_lazy("[Försäkringskassans analys]")
KOMBINATIONER = 10  # the pairs of målgrupper shown


def skriv_allt(s, u: Underlag, kalla: str) -> None:
    sammanfattning.sammanfattning(s, u, kalla)
    forbund_och_kommuner(s, u)
    insatser(s, u)
    individinriktade(s, u)
    strukturovergripande(s, u)
    malgrupper(s, u)
    ekonomi_avsnitt.ekonomi(s, u)
    ekonomi_avsnitt.bilaga1(s, u)
    ekonomi_avsnitt.bilaga2(s, u)


def forbund_och_kommuner(s, u: Underlag) -> None:
    n, f = u.nu["forbund"], u.fore["forbund"]
    s.rubrik(_("Förbund och kommuner"), 1)
    s.stycke(
        _(
            "Vid utgången av %(ar)s fanns det %(forbund)s samordningsförbund som innefattade %(kommuner)s av Sveriges "
            "%(totalt)s kommuner."
        )
        % {
            "ar": u.ar,
            "forbund": tal(n["antal"]),
            "kommuner": tal(n["kommuner_i_forbund"]),
            "totalt": tal(n["kommuner_totalt"]),
        },
        antal_mening(n["antal"], f["antal"], u.fore_ar, "forbund", storhet=_("antalet förbund")),
        antal_mening(
            n["kommuner_i_forbund"],
            f["kommuner_i_forbund"],
            u.fore_ar,
            "kommuner",
            storhet=_("antalet kommuner i förbund"),
        ),
        _("%(n)s kommuner ingår inte i något samordningsförbund.") % {"n": tal(n["kommuner_utan_forbund"])},
    )
    if u.strukturhandelser:
        s.stycke(_("Förändringar i förbundens struktur under %(ar)s (ur registret):") % {"ar": u.ar})
        s.punkter([f"{h.datum.isoformat()}: {h.text}" for h in u.strukturhandelser])
    else:
        s.stycke(_("Registret har inga förändringar i förbundens struktur under %(ar)s.") % {"ar": u.ar})
    if u.serie:
        png, alt = diagram.diagram1(u.serie)
        s.bild(
            _("Diagram 1. Utvecklingen av antalet samordningsförbund och deltagande kommuner %(fran)s–%(till)s")
            % {"fran": u.serie[0].ar, "till": u.serie[-1].ar},
            png,
            alt,
        )
        s.tabell(
            _("Underlag till diagram 1"),
            [[_("År"), _("Förbund"), _("Kommuner i förbund"), _("Källa")]]
            + [
                [str(p.ar), tal(p.forbund), tal(p.kommuner), _("Publicerad") if p.publicerad else _("Registret")]
                for p in u.serie
            ],
        )
        kallor = sorted({p.kalla for p in u.serie if p.publicerad})
        if kallor:
            s.stycke(_("Källa för publicerade år: %(kallor)s.") % {"kallor": "; ".join(kallor)}, style="Caption")
    s.stycke(_("En förteckning över samordningsförbunden och tillhörande kommuner finns i bilaga 1."))


def insatser(s, u: Underlag) -> None:
    n, f = u.nu["insatser"], u.fore["insatser"]
    s.rubrik(_("Insatser som samordningsförbunden finansierar"), 1)
    s.stycke(
        _("Uppgifter från Finsam visar att totalt %(n)s insatser har finansierats av samordningsförbund under %(ar)s.")
        % {"n": tal(n["totalt"]), "ar": u.ar},
        antal_mening(n["totalt"], f["totalt"], u.fore_ar, "insatser", fore_har_insatser(u)),
        relativ_mening(n["totalt"], f["totalt"], u.fore_ar, _("antalet insatser i procent"), fore_har_insatser(u)),
        _("I bilaga 2 finns en beskrivning av de individinriktade och strukturövergripande insatserna."),
    )
    s.rubrik(_("Fördelning mellan individinriktade insatser och strukturövergripande insatser"), 2)
    s.stycke(
        _(
            "Av de %(n)s insatser som förbunden har finansierat är %(ind)s individinriktade och %(str)s "
            "strukturövergripande."
        )
        % {
            "n": tal(n["totalt"]),
            "ind": procent_ord(andel(n["individinriktade"], n["totalt"])),
            "str": procent_ord(andel(n["strukturovergripande"], n["totalt"])),
        },
        pe_mening(
            andel(n["strukturovergripande"], n["totalt"]),
            andel(f["strukturovergripande"], f["totalt"]),
            u.fore_ar,
            _("andelen strukturövergripande insatser"),
        ),
        _(
            "Av alla insatser som finansierats under %(ar)s var det %(paborjade)s insatser som påbörjades under "
            "året, resterande insatser är pågående från tidigare år. Av alla pågående insatser under %(ar)s har "
            "%(avslutade)s insatser avslutats."
        )
        % {"ar": u.ar, "paborjade": tal(n["paborjade"]), "avslutade": tal(n["avslutade"])},
    )


def individinriktade(s, u: Underlag) -> None:
    n, f = u.nu, u.fore
    ind, find = n["individinriktade"], f["individinriktade"]
    tot, ftot = n["insatser"]["individinriktade"], f["insatser"]["individinriktade"]
    s.rubrik(_("Individinriktade insatser"), 2)
    s.stycke(
        _(
            "Av alla samordningsförbund är det %(med)s förbund av %(alla)s som har finansierat individinriktade "
            "insatser under %(ar)s. Sammanlagt har förbunden finansierat %(n)s individinriktade insatser och totalt är "
            "%(deltagare)s deltagare registrerade i insatserna."
        )
        % {
            "med": tal(n["forbund"]["med_individinriktade_insatser"]),
            "alla": tal(n["forbund"]["antal"]),
            "ar": u.ar,
            "n": tal(tot),
            "deltagare": tal(ind["deltagare"]),
        },
        antal_mening(
            ind["deltagare"],
            find["deltagare"],
            u.fore_ar,
            "deltagare",
            fore_har_insatser(u),
            storhet=_("antalet deltagare"),
        ),
        relativ_mening(
            ind["deltagare"],
            find["deltagare"],
            u.fore_ar,
            _("antalet deltagare i procent"),
            fore_har_insatser(u),
        ),
    )
    volym = ind.get("volym") or 0
    if volym:  # SUS years: participation in volyminsatser has no kön
        s.stycke(
            _(
                "%(n)s deltagare är registrerade i så kallade volyminsatser (%(andel)s), där deltagandet bara "
                "registrerades som ett antal, utan uppdelning på kvinnor och män."
            )
            % {"n": tal(volym), "andel": procent_ord(andel(volym, ind["deltagare"]))}
        )
    s.stycke(
        (
            _("Av deltagarna som registrerades per kön är %(kvinnor)s kvinnor och %(man)s män.")
            if volym
            else _("Av deltagarna i de individinriktade insatserna är %(kvinnor)s kvinnor och %(man)s män.")
        )
        % {
            "kvinnor": procent_ord(andel_kon(ind, "kvinnor")),
            "man": procent_ord(andel_kon(ind, "man")),
        },
        pe_mening(
            andel_kon(ind, "kvinnor"),
            andel_kon(find, "kvinnor"),
            u.fore_ar,
            _("andelen kvinnor"),
        ),
    )
    s.punkter([i.namn for i in u.inriktningar_for(I)])
    s.tabell(
        _("Tabell 1. Antal och andel insatser per inriktning"),
        inriktning_rader(u, I),
        _("Deltagare är registreringar, inte unika personer."),
    )
    for inr in u.inriktningar_for(I):
        a = ind["per_inriktning"].get(inr.kod) or {}
        b = find["per_inriktning"].get(inr.kod) or {}
        jfr = jamforbar(u, inr)
        s.rubrik(inr.namn, 3)
        s.stycke(
            ngettext(
                "Det är %(n)s insats eller %(andel)s av samtliga individinriktade insatser.",
                "Det är %(n)s insatser eller %(andel)s av samtliga individinriktade insatser.",
                a.get("insatser", 0),
            )
            % {"n": tal(a.get("insatser", 0)), "andel": procent_ord(andel(a.get("insatser", 0), tot))},
            pe_mening(
                andel(a.get("insatser", 0), tot),
                andel(b.get("insatser", 0), ftot) if jfr else None,
                u.fore_ar,
                _("andelen insatser"),
            ),
            _(
                "Det är %(d)s deltagare som har registrerats i denna inriktning, %(andel)s av deltagarna i de "
                "individinriktade insatserna."
            )
            % {"d": tal(a.get("deltagare", 0)), "andel": procent_ord(andel(a.get("deltagare", 0), ind["deltagare"]))},
            pe_mening(
                andel(a.get("deltagare", 0), ind["deltagare"]),
                andel(b.get("deltagare", 0), find["deltagare"]) if jfr else None,
                u.fore_ar,
                _("andelen deltagare"),
            ),
            _("Av deltagarna är %(kvinnor)s kvinnor och %(man)s män.")
            % {
                "kvinnor": procent_ord(andel_kon(a, "kvinnor")),
                "man": procent_ord(andel_kon(a, "man")),
            },
            pe_mening(
                andel_kon(a, "kvinnor"),
                andel_kon(b, "kvinnor") if jfr else None,
                u.fore_ar,
                _("andelen kvinnor"),
            ),
            # Each kön's share in the inriktning: "54 procent av kvinnorna och 61 procent av männen".
            _("Inriktningen har %(kvinnor)s av kvinnorna och %(man)s av männen i de individinriktade insatserna.")
            % {
                "kvinnor": procent_ord(andel(a.get("kvinnor", 0), ind["kvinnor"])),
                "man": procent_ord(andel(a.get("man", 0), ind["man"])),
            },
        )
        s.stycke(str(ANALYS))


def strukturovergripande(s, u: Underlag) -> None:
    n, f = u.nu, u.fore
    st, fst = n["strukturovergripande"], f["strukturovergripande"]
    tot, ftot = n["insatser"]["strukturovergripande"], f["insatser"]["strukturovergripande"]
    s.rubrik(_("Strukturövergripande insatser"), 2)
    s.stycke(
        _("Samordningsförbunden har finansierat sammanlagt %(n)s strukturövergripande insatser under %(ar)s.")
        % {"n": tal(tot), "ar": u.ar}
    )
    s.punkter([i.namn for i in u.inriktningar_for(S)])
    s.tabell(
        _("Tabell 2. Antal och andel per inriktning"),
        inriktning_rader(u, S),
        _("Deltagare räknas bara i insatser med deltagaruppföljning."),
    )
    s.stycke(
        _(
            "Förbunden har valt att följa upp antalet deltagare i %(n)s insatser, vilket är %(andel)s av alla "
            "strukturövergripande insatser."
        )
        % {"n": tal(st["med_deltagaruppfoljning"]), "andel": procent_ord(andel(st["med_deltagaruppfoljning"], tot))},
        pe_mening(
            andel(st["med_deltagaruppfoljning"], tot),
            andel(fst["med_deltagaruppfoljning"], ftot),
            u.fore_ar,
            _("andelen med deltagaruppföljning"),
        ),
        _("I de strukturövergripande insatserna har totalt %(n)s deltagare registrerats.")
        % {"n": tal(st["deltagare"])},
        antal_mening(
            st["deltagare"],
            fst["deltagare"],
            u.fore_ar,
            "deltagare",
            fore_har_insatser(u),
            storhet=_("antalet deltagare"),
        ),
    )
    for inr in u.inriktningar_for(S):
        a = st["per_inriktning"].get(inr.kod) or {}
        b = fst["per_inriktning"].get(inr.kod) or {}
        jfr = jamforbar(u, inr)
        s.rubrik(inr.namn, 3)
        s.stycke(
            ngettext(
                "Av de strukturövergripande insatserna har %(andel)s eller %(n)s insats haft inriktningen %(namn)s.",
                "Av de strukturövergripande insatserna har %(andel)s eller %(n)s insatser haft inriktningen %(namn)s.",
                a.get("insatser", 0),
            )
            % {
                "andel": procent_ord(andel(a.get("insatser", 0), tot)),
                "n": tal(a.get("insatser", 0)),
                "namn": inr.namn.lower(),
            },
            pe_mening(
                andel(a.get("insatser", 0), tot),
                andel(b.get("insatser", 0), ftot) if jfr else None,
                u.fore_ar,
                _("andelen insatser"),
            ),
            _(
                "Av insatserna är det %(n)s som registrerats med deltagare. Det är %(d)s eller %(andel)s av deltagarna "
                "i de strukturövergripande insatserna."
            )
            % {
                "n": tal(a.get("med_registrerade_deltagare", 0)),
                "d": tal(a.get("deltagare", 0)),
                "andel": procent_ord(andel(a.get("deltagare", 0), st["deltagare"])),
            },
            pe_mening(
                andel(a.get("deltagare", 0), st["deltagare"]),
                andel(b.get("deltagare", 0), fst["deltagare"]) if jfr else None,
                u.fore_ar,
                _("andelen deltagare"),
            ),
        )
        s.stycke(str(ANALYS))


def malgrupper(s, u: Underlag) -> None:
    ind, find = u.nu["individinriktade"], u.fore["individinriktade"]
    tot, ftot = u.nu["insatser"]["individinriktade"], u.fore["insatser"]["individinriktade"]
    ingen, fingen = ind["malgrupper"].get("ingen_specifik", 0), find["malgrupper"].get("ingen_specifik", 0)
    s.rubrik(_("Målgrupper i individinriktade insatser"), 1)
    s.stycke(_("De målgrupper som går att registrera är:"))
    s.punkter([m.namn for m in u.malgrupper])
    s.stycke(
        _(
            "Av alla individinriktade insatser är %(n)s insatser, eller %(andel)s, insatser som inte vänder sig till "
            "någon specifik målgrupp."
        )
        % {"n": tal(ingen), "andel": procent_ord(andel(ingen, tot))},
        pe_mening(andel(ingen, tot), andel(fingen, ftot), u.fore_ar, _("andelen utan specifik målgrupp")),
    )
    if ind.get("utan_malgrupp"):
        s.stycke(
            ngettext(
                "%(n)s individinriktad insats har ingen målgrupp registrerad.",
                "%(n)s individinriktade insatser har ingen målgrupp registrerad.",
                ind["utan_malgrupp"],
            )
            % {"n": tal(ind["utan_malgrupp"])}
        )
    rader = malgrupp_rader(u)
    png, alt = diagram.stapeldiagram(
        rader, _("Liggande stapeldiagram med antalet individinriktade insatser per målgrupp %(ar)s.") % {"ar": u.ar}
    )
    rubrik = _("Diagram 2. Antal insatser som vänder sig till olika målgrupper")
    s.bild(rubrik, png, alt)
    s.tabell(
        _("Underlag till diagram 2"),
        [[_("Målgrupp"), _("Antal insatser"), _("Andel av individinriktade")]]
        + [[namn, tal(n), procent(andel(n, tot))] for namn, n in rader],
        _(
            "Antalet insatser är fler än det totala antalet insatser då flera målgrupper kan ingå i en och samma "
            "insats."
        ),
    )
    malgrupp_kombinationer(s, u, tot)
    s.stycke(str(ANALYS))


def malgrupp_kombinationer(s, u: Underlag, tot: int) -> None:
    """Which målgrupper occur together: the most common pairs among the individinriktade insatser."""
    par = (u.nu["individinriktade"].get("malgrupp_kombinationer") or [])[:KOMBINATIONER]
    if not par:
        return
    namn = {m.kod: m.namn for m in u.malgrupper}
    forsta = par[0]
    s.stycke(
        _("Vanligast är att %(a)s och %(b)s ingår i samma insats: det gäller %(n)s insatser (%(andel)s).")
        % {
            "a": namn.get(forsta["malgrupper"][0], forsta["malgrupper"][0]).lower(),
            "b": namn.get(forsta["malgrupper"][1], forsta["malgrupper"][1]).lower(),
            "n": tal(forsta["insatser"]),
            "andel": procent_ord(andel(forsta["insatser"], tot)),
        }
    )
    s.tabell(
        _("Målgrupper som ingår i samma insats %(ar)s") % {"ar": u.ar},
        [[_("Målgrupper"), _("Antal insatser"), _("Andel av individinriktade")]]
        + [
            [
                _("%(a)s och %(b)s") % {"a": namn.get(p["malgrupper"][0]), "b": namn.get(p["malgrupper"][1])},
                tal(p["insatser"]),
                procent(andel(p["insatser"], tot)),
            ]
            for p in par
        ],
        _("De %(n)s vanligaste paren av målgrupper i individinriktade insatser.") % {"n": len(par)},
    )
