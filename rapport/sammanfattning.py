"""The draft's summary (Sammanfattning): the year in a few standard sentences, with the source's footnote."""

from django.utils.translation import gettext as _

from rapport.meningar import tal
from rapport.selectors import Underlag
from rapport.siffror import andel, andel_kon, pe_mening, procent_ord, summa


def sammanfattning(s, u: Underlag, kalla: str) -> None:
    n, f = u.nu, u.fore
    ins, fins = n["insatser"], f["insatser"]
    ind, st = n["individinriktade"], n["strukturovergripande"]
    ek = n["ekonomi"]
    budget = summa(ek.get("budget_individinriktade"), ek.get("budget_strukturovergripande"))
    s.rubrik(_("Sammanfattning"), 1)
    p = s.stycke(
        _(
            "Vid slutet av %(ar)s fanns det %(forbund)s samordningsförbund som innefattade %(kommuner)s av Sveriges "
            "%(totalt)s kommuner."
        )
        % {
            "ar": u.ar,
            "forbund": tal(n["forbund"]["antal"]),
            "kommuner": tal(n["forbund"]["kommuner_i_forbund"]),
            "totalt": tal(n["forbund"]["kommuner_totalt"]),
        }
    )
    p.add_run("1").font.superscript = True
    s.rubrik(_("Insatser som samordningsförbunden finansierar"), 2)
    s.stycke(
        _(
            "Under %(ar)s har samordningsförbunden finansierat totalt %(totalt)s insatser, %(ind)s var "
            "individinriktade och %(str)s var strukturövergripande."
        )
        % {
            "ar": u.ar,
            "totalt": tal(ins["totalt"]),
            "ind": procent_ord(andel(ins["individinriktade"], ins["totalt"])),
            "str": procent_ord(andel(ins["strukturovergripande"], ins["totalt"])),
        },
        pe_mening(
            andel(ins["strukturovergripande"], ins["totalt"]),
            andel(fins["strukturovergripande"], fins["totalt"]),
            u.fore_ar,
            _("andelen strukturövergripande insatser"),
        ),
    )
    s.stycke(
        _(
            "Förbunden har budgeterat %(ind)s av insatskostnaderna till individinriktade insatser och %(str)s till "
            "strukturövergripande insatser."
        )
        % {
            "ind": procent_ord(andel(ek["budget_individinriktade"], budget)),
            "str": procent_ord(andel(ek["budget_strukturovergripande"], budget)),
        }
    )
    s.stycke(
        _(
            "Totalt har %(deltagare)s individer deltagit i de individinriktade insatserna under %(ar)s och av dessa "
            "var %(kvinnor)s kvinnor och %(man)s män."
        )
        % {
            "deltagare": tal(ind["deltagare"]),
            "ar": u.ar,
            "kvinnor": procent_ord(andel_kon(ind, "kvinnor")),
            "man": procent_ord(andel_kon(ind, "man")),
        },
        _("Av de individinriktade insatserna vänder sig %(andel)s inte till någon specifik målgrupp.")
        % {"andel": procent_ord(andel(ind["malgrupper"].get("ingen_specifik", 0), ins["individinriktade"]))},
    )
    s.stycke(
        _("Samordningsförbunden har finansierat sammanlagt %(n)s strukturövergripande insatser under %(ar)s.")
        % {"n": tal(ins["strukturovergripande"]), "ar": u.ar},
        _(
            "Av de strukturövergripande insatserna har förbunden valt att följa antalet deltagare i %(andel)s av "
            "insatserna."
        )
        % {"andel": procent_ord(andel(st["med_deltagaruppfoljning"], ins["strukturovergripande"]))},
        pe_mening(
            andel(st["med_deltagaruppfoljning"], ins["strukturovergripande"]),
            andel(u.fore["strukturovergripande"]["med_deltagaruppfoljning"], fins["strukturovergripande"]),
            u.fore_ar,
            _("andelen med deltagaruppföljning"),
        ),
        _("Det är totalt %(n)s deltagare som har registrerats i de insatser som förbunden har valt att följa upp.")
        % {"n": tal(st["deltagare"])},
    )
    s.stycke(_("[Försäkringskassans analys]"))
    s.fotnot(1, kalla)
