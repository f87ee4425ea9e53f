"""The report's tables, built once from the statistics and shown as HTML, CSV and XLSX alike.

A Tabell holds raw values; the page formats them the Swedish way, the downloads keep the numbers.
"""

import datetime
import html
import re
from dataclasses import dataclass, field

from django.utils.formats import get_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from finsam.statistik import charts
from finsam.statistik.selectors import (
    I,
    Referens,
    S,
    Urval,
    ar_statistik_flera,
    eget_kapital_per_ar,
    ekonomi_per_ar,
    register_komplett_text,
    trend,
    varningar,
)
from rapport.procent import procentenheter  # the one rule for percentage points (settings.PROCENTENHETER)

TREND_AR = 10  # years shown in the trend table, as the report's Tabell 3


# Long compound words in column headings and where a line may break in them (a soft hyphen, shown only there).
AVSTAVNINGAR = {
    "deltagaruppföljning": "deltagar\u00aduppföljning",
    "deltagarantal": "deltagar\u00adantal",
    "Deltagarantal": "Deltagar\u00adantal",
    "procentenheter": "procent\u00adenheter",
    "Medlemsbidrag": "Medlems\u00adbidrag",
    "registrerade": "registre\u00adrade",
    "Strukturövergripande": "Struktur\u00adövergripande",
    "strukturövergripande": "struktur\u00adövergripande",
    "individinriktade": "individ\u00adinriktade",
    "Individinriktade": "Individ\u00adinriktade",
}
AVSTAVNING = re.compile("|".join(AVSTAVNINGAR))


@dataclass
class Kolumn:
    rubrik: str
    # text | antal | kr | procent | pe (procentenheter) | diff | ar | ja_nej | varde/forandring (unit from the row)
    typ: str = "antal"

    @property
    def html_rubrik(self) -> str:
        """The heading with soft hyphens in long compound words, so eleven columns fit a 1280 px screen (the
        downloads keep the plain heading)."""
        return AVSTAVNING.sub(lambda m: AVSTAVNINGAR[m.group(0)], html.escape(self.rubrik))


@dataclass
class Lank:
    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Cell:
    text: str
    numerisk: bool
    url: str = ""


@dataclass
class Tabell:
    nyckel: str
    rubrik: str
    kolumner: list[Kolumn]
    rader: list[list]
    summa: list | None = None
    definition: str = ""
    radtyper: list[str] | None = None  # the unit of each row, for tables of key figures
    diagram: list[charts.Diagram] = field(default_factory=list)
    blad: str = ""  # the sheet's name in the workbook (at most 31 characters)
    # Per column: None, or {"url": ..., "aria_sort": "ascending"|"descending"|""} to sort by it (registration status)
    sortlankar: list[dict | None] | None = None

    BRED = 6  # tables with this many columns may be wider than a phone: the page says they scroll sideways

    @property
    def bred(self) -> bool:
        return len(self.kolumner) >= self.BRED

    @property
    def html_thead(self) -> SafeString:
        """The header row, written in Python like the body (the template's loop over columns cost ~1 ms a table)."""
        delar = []
        for k, lank in zip(self.kolumner, self.sortlankar or [None] * len(self.kolumner), strict=True):
            rubrik = k.html_rubrik
            klass = "" if k.typ in ("text", "ja_nej") else ' class="num"'
            sort = f' aria-sort="{lank["aria_sort"]}"' if lank and lank["aria_sort"] else ""
            if lank:
                pil = {"ascending": " ▲", "descending": " ▼"}.get(lank["aria_sort"], "")
                pil = f' <span aria-hidden="true">{pil.strip()}</span>' if pil else ""
                rubrik = f'<a href="{html.escape(lank["url"])}">{rubrik}{pil}</a>'
            delar.append(f'<th scope="col"{sort}{klass}>{rubrik}</th>')
        return mark_safe("<tr>" + "".join(delar) + "</tr>")  # noqa: S308 - every text is escaped

    def _typ(self, k: int, rad: int | None) -> str:
        typ = self.kolumner[k].typ
        if typ in ("varde", "forandring"):
            enhet = self.radtyper[rad] if self.radtyper and rad is not None else "antal"
            if typ == "varde":
                return enhet
            return "pe_text" if enhet == "procent" else ("diff_kr" if enhet == "kr" else "diff")
        return typ

    def _cells(self, rad: list, index: int | None, fmt: "Format | None" = None) -> list[Cell]:
        cells = []
        for k, value in enumerate(rad):
            typ = self._typ(k, index)
            if isinstance(value, Lank):
                cells.append(Cell(value.text, False, value.url))
            else:
                cells.append(Cell(visa(value, typ, fmt), typ not in ("text", "ja_nej", "pe_text")))
        return cells

    @property
    def html_rader(self) -> list[list[Cell]]:
        fmt = Format.aktuellt()  # looked up once per table, not once per cell (700 rows × 11 columns)
        return [self._cells(rad, i, fmt) for i, rad in enumerate(self.rader)]

    @property
    def html_summa(self) -> list[Cell] | None:
        return self._cells(self.summa, None) if self.summa else None

    @staticmethod
    def _rad_html(cells: list[Cell], nej: str) -> str:
        delar = []
        for n, c in enumerate(cells):
            text = html.escape(c.text)
            if n == 0:
                inner = f'<a href="{html.escape(c.url)}">{text}</a>' if c.url else text
                delar.append(f'<th scope="row">{inner}</th>')
            elif c.numerisk:
                delar.append(f'<td class="num">{text}</td>')
            elif c.text == nej:
                delar.append(f'<td class="status-missing">{text}</td>')
            else:
                delar.append(f"<td>{text}</td>")
        return "<tr>" + "".join(delar) + "</tr>"

    @property
    def html_tbody(self) -> SafeString:
        """The body rows, written in Python: a table of 700 förbund through the template language took ~100 ms."""
        nej = _("Nej")
        rader = [self._rad_html(cells, nej) for cells in self.html_rader]
        if not rader:
            rader = [f'<tr><td colspan="{len(self.kolumner)}">{html.escape(_("Inga rader i urvalet."))}</td></tr>']
        return mark_safe("\n".join(rader))  # noqa: S308 - every text is escaped in _rad_html

    @property
    def html_tfoot(self) -> SafeString:
        summa = self.html_summa
        return mark_safe(self._rad_html(summa, "")) if summa else mark_safe("")  # noqa: S308 - escaped

    def export_rader(self) -> list[list]:
        """Header and rows with raw numbers (shares rounded to one decimal) for CSV and XLSX."""
        out = [[k.rubrik for k in self.kolumner]]
        for index, rad in enumerate([*self.rader, *([self.summa] if self.summa else [])]):
            row = []
            for k, value in enumerate(rad):
                typ = self._typ(k, index if index < len(self.rader) else None)
                if isinstance(value, Lank):
                    value = value.text
                elif isinstance(value, float):
                    value = round(value, 1)
                elif typ == "ja_nej":
                    value = _ja_nej(value)
                row.append(value)
            out.append(row)
        return out


def _ja_nej(value) -> str:
    if value is None:
        return _("Okänt")
    return _("Ja") if value else _("Nej")


@dataclass(frozen=True)
class Format:
    """The active language's thousand separator and yes/no texts, read once for a whole table."""

    tusental: str | None  # None: the language does not group by threes, use number_format
    ja: str
    nej: str
    okant: str

    @classmethod
    def aktuellt(cls) -> "Format":
        grupp = get_format("NUMBER_GROUPING")
        return cls(
            tusental=get_format("THOUSAND_SEPARATOR") if grupp == 3 else None,
            ja=_("Ja"),
            nej=_("Nej"),
            okant=_("Okänt"),
        )


def visa(value, typ: str, fmt: Format | None = None) -> str:
    """A value as the report writes it: 23 849, 57,3 %, +2,0 procentenheter."""
    if typ == "ja_nej":
        if fmt is not None:
            return fmt.okant if value is None else (fmt.ja if value else fmt.nej)
        return _ja_nej(value)
    if fmt is not None and fmt.tusental is not None and type(value) is int and typ in ("antal", "kr"):
        # The same text as number_format(value, force_grouping=True), without its per-call settings lookups.
        return f"{value:,}".replace(",", fmt.tusental)
    if value is None:
        return "–"
    if typ == "text":
        return str(value)
    if typ == "ar":
        return str(value)
    if typ == "procent":
        return f"{number_format(round(value, 1), 1)} %"
    if typ == "pe":
        return _signed(value, 0 if isinstance(value, int) else 1)
    if typ == "pe_text":
        return _("%(andring)s procentenheter") % {"andring": _signed(value, 0 if isinstance(value, int) else 1)}
    if typ in ("diff", "diff_kr"):
        return _signed(value, 0)
    return number_format(value, force_grouping=True)


def _signed(value: float, decimaler: int) -> str:
    value = round(value, decimaler)
    text = number_format(abs(value), decimaler, force_grouping=True)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


def andel(del_: float, total: float) -> float | None:
    return 100 * del_ / total if total else None


def forandring(nu, fore) -> float | None:
    if nu is None or fore is None:
        return None
    return nu - fore


@dataclass
class Rapport:
    urval: Urval
    nu: dict
    fore: dict
    trend: list[dict]
    eget_kapital: list[dict] | None
    referens: Referens
    tabeller: list[Tabell]
    varningar: list[str] = field(default_factory=list)

    @property
    def per_nyckel(self) -> dict[str, Tabell]:
        return {t.nyckel: t for t in self.tabeller}


def rapport(urval: Urval) -> Rapport:
    """Everything the dashboard shows for the year (a fixed number of queries)."""
    referens = Referens.load()
    ar_fran = urval.ar - TREND_AR + 1
    ekonomi = ekonomi_per_ar(urval, ar_fran)
    bada = ar_statistik_flera(urval, [urval.ar - 1, urval.ar], referens, ekonomi)
    nu, fore = bada[urval.ar], bada[urval.ar - 1]
    utveckling = trend(urval, ar_fran)
    ek = eget_kapital_per_ar(ekonomi)
    r = Rapport(urval, nu, fore, utveckling, ek, referens, [], varningar(urval, jamfor_med_ar_fore=True))
    r.tabeller = [
        _forbund(r),
        _insatser(r),
        _tabell1(r),
        _tabell2(r),
        _malgrupper(r),
        _budget(r),
        _ekonomi(r),
        *([_eget_kapital(r)] if ek else []),
        _trend(r),
    ]
    return r


def _nyckeltal(
    r: Rapport, nyckel: str, rubrik: str, rader: list[tuple[str, str, object, object]], definition: str, blad: str = ""
):
    ar = r.urval.ar
    return Tabell(
        nyckel=nyckel,
        rubrik=rubrik,
        kolumner=[
            Kolumn(_("Mått"), "text"),
            Kolumn(str(ar), "varde"),
            Kolumn(str(ar - 1), "varde"),
            Kolumn(_("Förändring"), "forandring"),
        ],
        rader=[
            [namn, nu, fore, (procentenheter if e == "procent" else forandring)(nu, fore)]
            for namn, e, nu, fore in rader
        ],
        radtyper=[enhet for _namn, enhet, _nu, _fore in rader],
        definition=definition,
        blad=blad,
    )


def _forbund(r: Rapport) -> Tabell:
    n, f = r.nu["forbund"], r.fore["forbund"]
    return _nyckeltal(
        r,
        "forbund",
        _("Samordningsförbund och kommuner"),
        [
            (_("Samordningsförbund vid årets slut"), "antal", n["antal"], f["antal"]),
            (_("Kommuner i samordningsförbund"), "antal", n["kommuner_i_forbund"], f["kommuner_i_forbund"]),
            (_("Kommuner utan samordningsförbund"), "antal", n["kommuner_utan_forbund"], f["kommuner_utan_forbund"]),
            (
                _("Förbund som finansierat individinriktade insatser"),
                "antal",
                n["med_individinriktade_insatser"],
                f["med_individinriktade_insatser"],
            ),
            (_("Förbund med registrerade insatser"), "antal", n["med_insatser"], f["med_insatser"]),
        ],
        _(
            "Förbund och medlemskommuner räknas den 31 december. Ett förbund som gick upp i ett annat under året "
            "räknas inte vid årets slut, men dess insatser räknas för året. Ett förbund räknas i varje län där det "
            "har medlemmar, men bara en gång i hela landet."
        ),
        _("Förbund och kommuner"),
    )


def _insatser(r: Rapport) -> Tabell:
    n, f = r.nu, r.fore
    ni, fi = n["insatser"], f["insatser"]

    def sh(d, key, total="totalt"):
        return andel(d["insatser"][key], d["insatser"][total])

    di, df = n["individinriktade"], f["individinriktade"]
    sn, sf = n["strukturovergripande"], f["strukturovergripande"]
    return _nyckeltal(
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
                andel(di["kvinnor"], di["deltagare"]),
                andel(df["kvinnor"], df["deltagare"]),
            ),
            (_("Andel män"), "procent", andel(di["man"], di["deltagare"]), andel(df["man"], df["deltagare"])),
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


def _tabell1(r: Rapport) -> Tabell:
    n, f = r.nu["individinriktade"], r.fore["individinriktade"]
    tot_n, tot_f = r.nu["insatser"]["individinriktade"], r.fore["insatser"]["individinriktade"]
    rader = []
    for inr in _inriktningar(r, I):
        a, b = n["per_inriktning"][inr.kod], f["per_inriktning"][inr.kod]
        jfr = _jamforbar(r, inr) and tot_f > 0
        sh_i = andel(a["insatser"], tot_n)
        sh_d = andel(a["deltagare"], n["deltagare"])
        rader.append(
            [
                inr.namn,
                a["insatser"],
                sh_i,
                procentenheter(sh_i, andel(b["insatser"], tot_f)) if jfr else None,
                a["deltagare"],
                sh_d,
                procentenheter(sh_d, andel(b["deltagare"], f["deltagare"])) if jfr and f["deltagare"] else None,
                a["kvinnor"],
                a["man"],
                andel(a["kvinnor"], a["deltagare"]),
                andel(a["man"], a["deltagare"]),
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
        andel(n["kvinnor"], n["deltagare"]),
        andel(n["man"], n["deltagare"]),
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
        ],
        rader=rader,
        summa=summa,
        definition=_(
            "Individinriktade insatser som pågick någon dag under året, per preciserad inriktning. Andelarna är av "
            "årets totala antal individinriktade insatser respektive deltagare. Deltagare är kvinnor plus män enligt "
            "årets registrering, inte unika personer. Förändringen jämför andelen med föregående år i "
            "procentenheter; SUS-inriktningarna (till och med 2022) är inte jämförbara med Uppföljning Finsams."
        ),
    )
    t.diagram.append(
        charts.stapeldiagram(
            id="diagram-tabell1",
            titel=_("Andel individinriktade insatser per inriktning %(ar)s") % {"ar": r.urval.ar},
            beskrivning=_("Liggande staplar, en per inriktning, med andelen i procent av alla individinriktade."),
            staplar=[(row[0], row[2] or 0.0) for row in rader],
            enhet="%",
            decimaler=1,
        )
    )
    return t


def _tabell2(r: Rapport) -> Tabell:
    n, f = r.nu["strukturovergripande"], r.fore["strukturovergripande"]
    tot_n, tot_f = r.nu["insatser"]["strukturovergripande"], r.fore["insatser"]["strukturovergripande"]
    rader = []
    for inr in _inriktningar(r, S):
        a, b = n["per_inriktning"][inr.kod], f["per_inriktning"][inr.kod]
        jfr = _jamforbar(r, inr) and tot_f > 0
        sh_i = andel(a["insatser"], tot_n)
        sh_d = andel(a["deltagare"], n["deltagare"])
        rader.append(
            [
                inr.namn,
                a["insatser"],
                sh_i,
                procentenheter(sh_i, andel(b["insatser"], tot_f)) if jfr else None,
                a["med_deltagaruppfoljning"],
                a["med_registrerade_deltagare"],
                a["deltagare"],
                sh_d,
                procentenheter(sh_d, andel(b["deltagare"], f["deltagare"])) if jfr and f["deltagare"] else None,
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
        charts.stapeldiagram(
            id="diagram-tabell2",
            titel=_("Andel strukturövergripande insatser per inriktning %(ar)s") % {"ar": r.urval.ar},
            beskrivning=_("Liggande staplar, en per inriktning, med andelen i procent av alla strukturövergripande."),
            staplar=[(row[0], row[2] or 0.0) for row in rader],
            enhet="%",
            decimaler=1,
        )
    )
    return t


def _malgrupper(r: Rapport) -> Tabell:
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


def _budget(r: Rapport) -> Tabell:
    n, f = r.nu["ekonomi"], r.fore["ekonomi"]
    bn = n["budget_individinriktade"] + n["budget_strukturovergripande"]
    bf = f["budget_individinriktade"] + f["budget_strukturovergripande"]
    un = n["utfall_individinriktade"] + n["utfall_strukturovergripande"]
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


def _ekonomi(r: Rapport) -> Tabell:
    n, f = r.nu["ekonomi"], r.fore["ekonomi"]
    mn, mf = n["medlemsbidrag"], f["medlemsbidrag"]
    return _nyckeltal(
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
            (_("Utgående eget kapital"), "kr", n["eget_kapital_utgaende"], f["eget_kapital_utgaende"]),
        ],
        _(
            "Medlemsbidrag (tilldelade medel) per medlemskategori som förbunden registrerat för året: staten "
            "(Försäkringskassan och Arbetsförmedlingen) hälften, regionerna och kommunerna en fjärdedel var. "
            "Eget kapital vid årets slut enligt förbundens registrering."
        ),
        _("Ekonomi"),
    )


def _eget_kapital(r: Rapport) -> Tabell:
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
            "(administrationens utfall registrerat). Ett förbund som bara registrerat medlemsbidrag ingår inte; "
            "dess intäkter räknas aldrig som resultat."
        ),
    )


def _trend(r: Rapport) -> Tabell:
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


# ---------------------------------------------------------------- Per förbund


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
                sum(row[k] for row in rows)
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
        ),
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


def om_uttaget(urval: Urval) -> list[list]:
    """The workbook's first sheet: what was taken out, when, and with which selection."""
    return [
        [_("Uppföljning Finsam – statistik"), ""],
        [_("År"), urval.ar],
        [_("Län"), urval.lan.namn if urval.lan else _("Hela landet")],
        [_("Förbund"), urval.forbund.namn if urval.forbund else _("Alla förbund")],
        [_("Uttaget"), datetime.datetime.now().strftime("%Y-%m-%d %H:%M")],
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
