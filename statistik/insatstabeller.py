"""The insatser tables: key figures, Tabell 1 and 2 per inriktning, målgrupper and the budget per typ."""

from django.utils.translation import gettext as _

from rapport.procent import procentenheter  # the one rule for percentage points (settings.PROCENTENHETER)
from statistik import charts
from statistik.nyckeltal import Rapport, nyckeltal
from statistik.tabell import Kolumn, Tabell, andel, andel_kon, summa
from statistik.urval import I, S


def insatser_tabell(r: Rapport) -> Tabell:
    n, f = r.nu, r.fore
    ni, fi = n["insatser"], f["insatser"]

    def sh(d, key, total="totalt"):
        return andel(d["insatser"][key], d["insatser"][total])

    di, df = n["individinriktade"], f["individinriktade"]
    sn, sf = n["strukturovergripande"], f["strukturovergripande"]
    return nyckeltal(
        r,
        "insatser",
        _("Insatser och deltagare"),
        [
            (_("Insatser totalt"), "antal", ni["totalt"], fi["totalt"]),
            (_("Individinriktade insatser"), "antal", ni["individinriktade"], fi["individinriktade"]),
            (_("Andel individinriktade"), "procent", sh(n, "individinriktade"), sh(f, "individinriktade")),
            (_("Strukturövergripande insatser"), "antal", ni["strukturovergripande"], fi["strukturovergripande"]),
            (
                _("Andel strukturövergripande"),
                "procent",
                sh(n, "strukturovergripande"),
                sh(f, "strukturovergripande"),
            ),
            (_("Påbörjade under året"), "antal", ni["paborjade"], fi["paborjade"]),
            (_("Avslutade under året"), "antal", ni["avslutade"], fi["avslutade"]),
            (_("Deltagare i individinriktade insatser"), "antal", di["deltagare"], df["deltagare"]),
            (
                _("Andel kvinnor"),
                "procent",
                andel_kon(di, "kvinnor"),
                andel_kon(df, "kvinnor"),
            ),
            (_("Andel män"), "procent", andel_kon(di, "man"), andel_kon(df, "man")),
            (
                _("Strukturövergripande insatser med deltagaruppföljning"),
                "antal",
                sn["med_deltagaruppfoljning"],
                sf["med_deltagaruppfoljning"],
            ),
            (
                _("Andel med deltagaruppföljning"),
                "procent",
                andel(sn["med_deltagaruppfoljning"], ni["strukturovergripande"]),
                andel(sf["med_deltagaruppfoljning"], fi["strukturovergripande"]),
            ),
            (_("Deltagare i strukturövergripande insatser"), "antal", sn["deltagare"], sf["deltagare"]),
        ],
        _(
            "En insats räknas för ett år om den pågick någon dag under året. Påbörjade och avslutade räknar start- "
            "och slutdatum inom året. Deltagare är årets registrerade antal, inte unika personer: en person i två "
            "insatser räknas två gånger. Deltagare i strukturövergripande insatser räknas bara i insatser med "
            "deltagaruppföljning. Förändringen av andelar anges i procentenheter."
        ),
        _("Insatser och deltagare"),
    )


def _inriktningar(r: Rapport, typ: str) -> list:
    """The inriktningar of the year's classification, plus any other that has insatser this year."""
    start, slut = r.urval.start, r.urval.slut
    per = r.nu["individinriktade" if typ == I else "strukturovergripande"]["per_inriktning"]
    return [i for i in r.referens.inriktningar_for(typ) if i.valid_during(start, slut) or per[i.kod]["insatser"]]


def _jamforbar(r: Rapport, inriktning) -> bool:
    fore = r.urval.med_ar(r.urval.ar - 1)
    return inriktning.valid_during(fore.start, fore.slut)


def _andelar(r: Rapport, inr, a: dict, b: dict, nu: dict, fore: dict, tot_n: int, tot_f: int) -> tuple:
    """One inriktning's share of the insatser and of the participants, each with its change from the year before
    in percentage points (None where the year before is not comparable): Tabell 1 and 2 alike."""
    jfr = _jamforbar(r, inr) and tot_f > 0
    sh_i = andel(a["insatser"], tot_n)
    sh_d = andel(a["deltagare"], nu["deltagare"])
    pe_i = procentenheter(sh_i, andel(b["insatser"], tot_f)) if jfr else None
    pe_d = procentenheter(sh_d, andel(b["deltagare"], fore["deltagare"])) if jfr and fore["deltagare"] else None
    return sh_i, pe_i, sh_d, pe_d


def _andelsdiagram(diagram_id: str, titel: str, beskrivning: str, rader: list) -> object:
    """The bar chart under Tabell 1 and 2: each inriktning's share of the insatser (column 2)."""
    return charts.stapeldiagram(
        id=diagram_id,
        titel=titel,
        beskrivning=beskrivning,
        staplar=[(row[0], row[2] or 0.0) for row in rader],
        enhet="%",
        decimaler=1,
    )


def tabell1(r: Rapport) -> Tabell:
    n, f = r.nu["individinriktade"], r.fore["individinriktade"]
    tot_n, tot_f = r.nu["insatser"]["individinriktade"], r.fore["insatser"]["individinriktade"]
    med_volym = bool(n.get("volym"))  # SUS years with volyminsatser: their participants have no kön
    rader = []
    for inr in _inriktningar(r, I):
        a, b = n["per_inriktning"][inr.kod], f["per_inriktning"][inr.kod]
        sh_i, pe_i, sh_d, pe_d = _andelar(r, inr, a, b, n, f, tot_n, tot_f)
        rader.append(
            [
                inr.namn,
                a["insatser"],
                sh_i,
                pe_i,
                a["deltagare"],
                sh_d,
                pe_d,
                a["kvinnor"],
                a["man"],
                andel_kon(a, "kvinnor"),
                andel_kon(a, "man"),
                *([a.get("volym", 0)] if med_volym else []),
            ]
        )
    summa = [
        _("Totalt"),
        tot_n,
        100.0 if tot_n else None,
        None,
        n["deltagare"],
        100.0 if n["deltagare"] else None,
        None,
        n["kvinnor"],
        n["man"],
        andel_kon(n, "kvinnor"),
        andel_kon(n, "man"),
        *([n.get("volym", 0)] if med_volym else []),
    ]
    t = Tabell(
        nyckel="tabell1",
        blad=_("Tabell 1"),
        rubrik=_("Tabell 1. Individinriktade insatser per inriktning"),
        kolumner=[
            Kolumn(_("Inriktning"), "text"),
            Kolumn(_("Antal insatser")),
            Kolumn(_("Andel av insatserna (%)"), "procent"),
            Kolumn(_("Förändring (procentenheter)"), "pe"),
            Kolumn(_("Deltagare")),
            Kolumn(_("Andel av deltagarna (%)"), "procent"),
            Kolumn(_("Förändring (procentenheter)"), "pe"),
            Kolumn(_("Kvinnor")),
            Kolumn(_("Män")),
            Kolumn(_("Andel kvinnor (%)"), "procent"),
            Kolumn(_("Andel män (%)"), "procent"),
            *([Kolumn(_("Varav i volyminsatser (utan kön)"))] if med_volym else []),
        ],
        rader=rader,
        summa=summa,
        definition=_(
            "Individinriktade insatser som pågick någon dag under året, per preciserad inriktning. Andelarna är av "
            "årets totala antal individinriktade insatser respektive deltagare. Deltagare är kvinnor plus män enligt "
            "årets registrering, inte unika personer. Förändringen jämför andelen med föregående år i "
            "procentenheter; SUS-inriktningarna (till och med 2022) är inte jämförbara med Uppföljning Finsams."
        )
        + (
            " "
            + _(
                "I SUS kunde deltagande i volyminsatser registreras som ett antal utan kön: det ingår i deltagarna "
                "men inte i kvinnor och män, och andelen kvinnor och män är av dem som registrerades per kön."
            )
            if med_volym
            else ""
        ),
    )
    t.diagram.append(
        _andelsdiagram(
            "diagram-tabell1",
            _("Andel individinriktade insatser per inriktning %(ar)s") % {"ar": r.urval.ar},
            _("Liggande staplar, en per inriktning, med andelen i procent av alla individinriktade."),
            rader,
        )
    )
    return t


def tabell2(r: Rapport) -> Tabell:
    n, f = r.nu["strukturovergripande"], r.fore["strukturovergripande"]
    tot_n, tot_f = r.nu["insatser"]["strukturovergripande"], r.fore["insatser"]["strukturovergripande"]
    rader = []
    for inr in _inriktningar(r, S):
        a, b = n["per_inriktning"][inr.kod], f["per_inriktning"][inr.kod]
        sh_i, pe_i, sh_d, pe_d = _andelar(r, inr, a, b, n, f, tot_n, tot_f)
        rader.append(
            [
                inr.namn,
                a["insatser"],
                sh_i,
                pe_i,
                a["med_deltagaruppfoljning"],
                a["med_registrerade_deltagare"],
                a["deltagare"],
                sh_d,
                pe_d,
            ]
        )
    summa = [
        _("Totalt"),
        tot_n,
        100.0 if tot_n else None,
        None,
        n["med_deltagaruppfoljning"],
        sum(n["per_inriktning"][k]["med_registrerade_deltagare"] for k in n["per_inriktning"]),
        n["deltagare"],
        100.0 if n["deltagare"] else None,
        None,
    ]
    t = Tabell(
        nyckel="tabell2",
        blad=_("Tabell 2"),
        rubrik=_("Tabell 2. Strukturövergripande insatser per inriktning"),
        kolumner=[
            Kolumn(_("Inriktning"), "text"),
            Kolumn(_("Antal insatser")),
            Kolumn(_("Andel av insatserna (%)"), "procent"),
            Kolumn(_("Förändring (procentenheter)"), "pe"),
            Kolumn(_("Med deltagaruppföljning")),
            Kolumn(_("Med registrerade deltagare")),
            Kolumn(_("Deltagare")),
            Kolumn(_("Andel av deltagarna (%)"), "procent"),
            Kolumn(_("Förändring (procentenheter)"), "pe"),
        ],
        rader=rader,
        summa=summa,
        definition=_(
            "Strukturövergripande insatser som pågick någon dag under året, per inriktning. Deltagare räknas bara "
            "i insatser där förbundet valt deltagaruppföljning; ”med registrerade deltagare” är de av dem som har "
            "fler än 0 deltagare för året. Andelarna är av årets totala antal."
        ),
    )
    t.diagram.append(
        _andelsdiagram(
            "diagram-tabell2",
            _("Andel strukturövergripande insatser per inriktning %(ar)s") % {"ar": r.urval.ar},
            _("Liggande staplar, en per inriktning, med andelen i procent av alla strukturövergripande."),
            rader,
        )
    )
    return t


def malgrupper_tabell(r: Rapport) -> Tabell:
    n, f = r.nu["individinriktade"], r.fore["individinriktade"]
    tot_n, tot_f = r.nu["insatser"]["individinriktade"], r.fore["insatser"]["individinriktade"]
    rader = []
    for m in r.referens.malgrupper:
        sh = andel(n["malgrupper"][m.kod], tot_n)
        fore = andel(f["malgrupper"][m.kod], tot_f)
        rader.append([m.namn, n["malgrupper"][m.kod], sh, procentenheter(sh, fore)])
    rader.append(
        [
            _("Ingen målgrupp registrerad"),
            n["utan_malgrupp"],
            andel(n["utan_malgrupp"], tot_n),
            procentenheter(andel(n["utan_malgrupp"], tot_n), andel(f["utan_malgrupp"], tot_f)),
        ]
    )
    t = Tabell(
        nyckel="malgrupper",
        blad=_("Målgrupper"),
        rubrik=_("Individinriktade insatser per målgrupp"),
        kolumner=[
            Kolumn(_("Målgrupp"), "text"),
            Kolumn(_("Antal insatser")),
            Kolumn(_("Andel av individinriktade (%)"), "procent"),
            Kolumn(_("Förändring (procentenheter)"), "pe"),
        ],
        rader=rader,
        definition=_(
            "En insats räknas en gång per målgrupp den vänder sig till, så summan blir större än antalet "
            "individinriktade insatser. Andelen är av årets alla individinriktade insatser."
        ),
    )
    t.diagram.append(
        charts.stapeldiagram(
            id="diagram-malgrupper",
            titel=_("Antal individinriktade insatser per målgrupp %(ar)s") % {"ar": r.urval.ar},
            beskrivning=_("Liggande staplar, en per målgrupp, med antalet insatser."),
            staplar=[(row[0], row[1]) for row in rader],
        )
    )
    return t


def budget_tabell(r: Rapport) -> Tabell:
    n, f = r.nu["ekonomi"], r.fore["ekonomi"]
    # Summed as ekonomi.summor.summera sums them, with core.tabell.summa (an extract taken before it kept the totals
    # has only the parts).
    bn = summa([n["budget_individinriktade"], n["budget_strukturovergripande"]])
    bf = summa([f["budget_individinriktade"], f["budget_strukturovergripande"]])
    un = summa([n["utfall_individinriktade"], n["utfall_strukturovergripande"]])
    rader = []
    for namn, key in ((_("Individinriktade"), "individinriktade"), (_("Strukturövergripande"), "strukturovergripande")):
        sh = andel(n[f"budget_{key}"], bn)
        rader.append(
            [
                namn,
                n[f"budget_{key}"],
                sh,
                procentenheter(sh, andel(f[f"budget_{key}"], bf)),
                n[f"utfall_{key}"],
                andel(n[f"utfall_{key}"], un),
            ]
        )
    return Tabell(
        nyckel="budget",
        blad=_("Budget per typ"),
        rubrik=_("Budgeterade insatskostnader och utfall per typ av insats"),
        kolumner=[
            Kolumn(_("Typ av insats"), "text"),
            Kolumn(_("Budget (kr)"), "kr"),
            Kolumn(_("Andel av budgeten (%)"), "procent"),
            Kolumn(_("Förändring (procentenheter)"), "pe"),
            Kolumn(_("Utfall (kr)"), "kr"),
            Kolumn(_("Andel av utfallet (%)"), "procent"),
        ],
        rader=rader,
        summa=[_("Totalt"), bn, 100.0 if bn else None, None, un, 100.0 if un else None],
        definition=_(
            "Summan av insatsernas registrerade budget och utfall för året, i kronor. Utfallet är preliminärt "
            "tills alla förbund har registrerat det (se registreringsstatus)."
        ),
    )
