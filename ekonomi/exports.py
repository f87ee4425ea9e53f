"""The Kostnadsrapport and the national economy as tables (core.tabell), for the page and for CSV/XLSX download.

A figure that is not registered is None: "–" on the page, an empty cell in CSV/XLSX, never 0."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.export import tabeller_download
from core.tabell import Kolumn, Tabell
from ekonomi.selectors import ForbundEkonomi, NationellEkonomi, procentandel


def sektion(rubrik: str, kolumner: list, *, id: str, blad: str) -> Tabell:
    """A section of a report: a table whose first column is text and the others kronor unless a Kolumn says else."""
    kolumner = [k if isinstance(k, Kolumn) else Kolumn(k, "text" if i == 0 else "kr") for i, k in enumerate(kolumner)]
    return Tabell(nyckel=id, rubrik=rubrik, kolumner=kolumner, rader=[], blad=blad)


def kostnadsrapport(e: ForbundEkonomi) -> list[Tabell]:
    """The four parts of the old system's Kostnadsrapport for one förbund and year."""
    fa = e.fa
    ae = fa.arsekonomi
    medel = sektion(
        _("1. Medelstillgångar per finansiär"),
        [_("Finansiär"), _("Belopp (kr)")],
        id="medel",
        blad=_("Medelstillgångar"),
    )
    for m in e.medlemmar:
        medel.rader.append([m.namn, m.belopp])
    medel.rader.append([_("ESF-medel"), ae.esf_intakter if ae else None])
    anteckning = ae.ovriga_intakter_anteckning if ae else ""
    medel.rader.append(
        [_("Övriga intäkter") + (f" ({anteckning})" if anteckning else ""), ae.ovriga_intakter if ae else None]
    )
    intakter = fa.intakter if ae is not None or fa.medlemsbidrag_registrerat else None
    medel.summa = [_("Summa intäkter"), intakter]
    if fa.ingaende is not None:
        medel.rader.append([_("Ingående eget kapital"), fa.ingaende])
        medel.summa = [_("Summa medelstillgångar (intäkter och ingående eget kapital)"), fa.intakter + fa.ingaende]

    insats = sektion(
        _("2. Insatskostnader"),
        [_("Typ av insatser"), Kolumn(_("Finansiering"), "text"), _("Budget (kr)"), _("Utfall (kr)")],
        id="insats",
        blad=_("Insatskostnader"),
    )
    for rad in e.insatskostnader:
        insats.rader.append([rad["typ"], rad["finansiering"], rad["budget"], rad["utfall"]])
    insats.summa = [_("Summa insatskostnader"), "", fa.insats_budget_registrerad(), fa.insats_utfall_registrerat()]

    admin = sektion(
        _("3. Administrativa kostnader"),
        [_("Post"), _("Budget (kr)"), _("Utfall (kr)")],
        id="admin",
        blad=_("Administrativa kostnader"),
    )
    admin.rader.append(
        [_("Administration"), ae.administration_budget if ae else None, ae.administration_utfall if ae else None]
    )
    admin.summa = [
        _("Summa kostnader (insatser och administration)"),
        fa.kostnader_budget_registrerad,
        fa.kostnader_registrerade,
    ]

    resultat = sektion(
        _("4. Resultat"),
        [_("Post"), _("Beräknat (kr)"), _("Fastställd årsredovisning (kr)")],
        id="resultat",
        blad=_("Resultat"),
    )
    resultat.rader.append([_("Intäkter"), intakter, None])
    resultat.rader.append([_("Kostnader"), fa.kostnader_registrerade, None])
    resultat.rader.append(
        [_("Årets resultat"), fa.arets_resultat_beraknat if ae is not None else None, fa.faststallt_resultat]
    )
    resultat.rader.append([_("Ingående eget kapital"), fa.ingaende, None])
    resultat.rader.append([_("Utgående eget kapital"), fa.utgaende_beraknat, fa.faststallt_utgaende])
    return [medel, insats, admin, resultat]


def nationell(n: NationellEkonomi) -> list[Tabell]:
    s = n.statistik
    sb = s["statsbidrag"]
    stat = sektion(_("Statens medel"), [_("Post"), _("Belopp (kr)")], id="stat", blad=_("Statens medel"))
    med = s["antal_forbund_med_statliga_medel"]
    stat.rader = [
        [_("Tilldelade"), sb["tilldelat"]],
        [_("Utbetalda till förbunden"), sb["utbetalt"] if med else None],
        [
            _("Förbrukade (statens hälft av kostnaderna i förbund med registrerade statliga medel)"),
            sb["forbrukat"] if med else None,
        ],
        [_("Oförbrukade (utbetalda − förbrukade)"), sb["oforbrukat"] if med else None],
        [_("Antal förbund med registrerade statliga medel"), med],
        [_("Antal förbund med förbrukade medel (alla årets kostnader registrerade)"), s["antal_forbund_med_forbrukat"]],
        [_("Antal förbund som fanns under året"), n.antal_forbund],
        [
            _("Kostnader i förbund utan registrerade statliga medel (ingår inte ovan)"),
            s["kostnader_utan_statliga_medel"] if s["antal_forbund_utan_statliga_medel"] else None,
        ],
        [_("Antal förbund med kostnader men utan registrerade statliga medel"), s["antal_forbund_utan_statliga_medel"]],
    ]
    per_forbund = sektion(
        _("Per förbund"),
        [
            _("Förbund"),
            _("Staten (kr)"),
            _("Regioner (kr)"),
            _("Kommuner (kr)"),
            Kolumn(_("Avviker från 50/25/25"), "text"),
            _("Insatskostnader, budget (kr)"),
            _("Insatskostnader, utfall (kr)"),
            _("Administration, utfall (kr)"),
            _("Statens medel förbrukade (kr)"),
            _("Årets resultat (kr)"),
            _("Utgående eget kapital (kr)"),
            Kolumn(_("Eget kapital i procent av intäkterna"), "procent"),
            Kolumn(_("Ekonomin registrerad"), "text"),
        ],
        id="forbund",
        blad=_("Per förbund"),
    )
    for r in n.rader:
        fa = r.fa
        ae = fa.arsekonomi
        per_forbund.rader.append(
            [
                r.namn,
                fa.medlemsbidrag_registrerad("stat"),
                fa.medlemsbidrag_registrerad("region"),
                fa.medlemsbidrag_registrerad("kommun"),
                (_("ja") if fa.fordelning.avviker else _("nej")) if fa.medlemsbidrag_registrerat else None,
                fa.insats_budget_registrerad(),
                fa.insats_utfall_registrerat(),
                ae.administration_utfall if ae else None,
                fa.stat_forbrukat,
                fa.arets_resultat if ae else None,
                fa.utgaende if ae else None,
                procentandel(fa.utgaende, fa.intakter) if ae else None,
                _("ja") if ae else _("nej"),
            ]
        )
    return [stat, per_forbund]


def om_filen(*, titel: str, ar: int, forbund=None) -> list[list]:
    """What the file holds: the report, which förbund (if one) and year, when it was taken."""
    rader = [[_("Rapport"), titel]]
    if forbund is not None:
        rader.append([_("Förbund"), forbund.namn])
    rader += [[_("År"), ar], [_("Hämtad"), timezone.localtime().strftime("%Y-%m-%d %H:%M")]]
    rader.append([_("Belopp"), _("Hela kronor. En tom cell betyder att beloppet inte är registrerat.")])
    return rader


def download(sektioner: list[Tabell], filnamn: str, fmt: str, *, om: list[list] = ()) -> HttpResponse:
    """CSV: what the file holds, then the sections one after another, each with its heading; XLSX: one sheet per
    section (its total row in bold) and a sheet "Om filen"."""
    return tabeller_download(sektioner, f"{filnamn}.{fmt}", om=om)
