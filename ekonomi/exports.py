"""The Kostnadsrapport and the national economy as tables, for the page and for CSV/XLSX download."""

import csv
import io
from dataclasses import dataclass, field

import tablib
from django.http import HttpResponse
from django.utils.translation import gettext as _

from ekonomi.selectors import ForbundEkonomi, NationellEkonomi, procent


@dataclass
class Sektion:
    rubrik: str
    kolumner: list[str]
    rader: list[list] = field(default_factory=list)
    summa: list | None = None
    id: str = ""


def kostnadsrapport(e: ForbundEkonomi) -> list[Sektion]:
    """The four parts of the old system's Kostnadsrapport for one förbund and year."""
    fa = e.fa
    medel = Sektion(_("1. Medelstillgångar per finansiär"), [_("Finansiär"), _("Belopp (kr)")], id="medel")
    for m in e.medlemmar:
        medel.rader.append([m.namn, m.belopp or 0])
    medel.rader.append([_("ESF-medel"), fa.esf_intakter])
    anteckning = fa.arsekonomi.ovriga_intakter_anteckning if fa.arsekonomi else ""
    medel.rader.append([_("Övriga intäkter") + (f" ({anteckning})" if anteckning else ""), fa.ovriga_intakter])
    medel.summa = [_("Summa intäkter"), fa.intakter]
    if fa.ingaende is not None:
        medel.rader.append([_("Ingående eget kapital"), fa.ingaende])
        medel.summa = [_("Summa medelstillgångar (intäkter och ingående eget kapital)"), fa.intakter + fa.ingaende]

    insats = Sektion(
        _("2. Insatskostnader"), [_("Insatser"), _("Finansiering"), _("Budget (kr)"), _("Utfall (kr)")], id="insats"
    )
    for rad in e.insatskostnader:
        insats.rader.append([rad["typ"], rad["finansiering"], rad["budget"], rad["utfall"]])
    insats.summa = [_("Summa insatskostnader"), "", fa.insats_budget(), fa.insats_utfall()]

    admin = Sektion(_("3. Administrativa kostnader"), [_("Post"), _("Budget (kr)"), _("Utfall (kr)")], id="admin")
    admin.rader.append([_("Administration"), fa.administration_budget, fa.administration_utfall])
    admin.summa = [_("Summa kostnader (insatser och administration)"), fa.kostnader_budget, fa.kostnader]

    resultat = Sektion(
        _("4. Resultat"), [_("Post"), _("Beräknat (kr)"), _("Fastställd årsredovisning (kr)")], id="resultat"
    )
    resultat.rader.append([_("Intäkter"), fa.intakter, ""])
    resultat.rader.append([_("Kostnader"), fa.kostnader, ""])
    resultat.rader.append([_("Årets resultat"), fa.arets_resultat_beraknat, _blank(fa.faststallt_resultat)])
    resultat.rader.append([_("Ingående eget kapital"), _blank(fa.ingaende), ""])
    resultat.rader.append([_("Utgående eget kapital"), _blank(fa.utgaende_beraknat), _blank(fa.faststallt_utgaende)])
    return [medel, insats, admin, resultat]


def _blank(value):
    return "" if value is None else value


def nationell(n: NationellEkonomi) -> list[Sektion]:
    s = n.statistik
    sb = s["statsbidrag"]
    stat = Sektion(_("Statens medel"), [_("Post"), _("Belopp (kr)")], id="stat")
    stat.rader = [
        [_("Tilldelade"), _blank(sb["tilldelat"])],
        [_("Utbetalda till förbunden"), sb["utbetalt"]],
        [_("Förbrukade (statens hälft av kostnaderna)"), sb["forbrukat"]],
        [_("Oförbrukade (utbetalda − förbrukade)"), sb["oforbrukat"]],
    ]
    per_forbund = Sektion(
        _("Per förbund"),
        [
            _("Förbund"),
            _("Staten (kr)"),
            _("Regioner (kr)"),
            _("Kommuner (kr)"),
            _("Avviker från 50/25/25"),
            _("Insatskostnader, budget (kr)"),
            _("Insatskostnader, utfall (kr)"),
            _("Administration, utfall (kr)"),
            _("Statens medel förbrukade (kr)"),
            _("Årets resultat (kr)"),
            _("Utgående eget kapital (kr)"),
            _("Eget kapital i procent av intäkterna"),
        ],
        id="forbund",
    )
    for r in n.rader:
        fa = r.fa
        per_forbund.rader.append(
            [
                r.namn,
                fa.medlemsbidrag["stat"],
                fa.medlemsbidrag["region"],
                fa.medlemsbidrag["kommun"],
                _("ja") if fa.fordelning.avviker else _("nej"),
                fa.insats_budget(),
                fa.insats_utfall(),
                fa.administration_utfall,
                fa.stat_forbrukat,
                fa.arets_resultat if fa.arsekonomi else "",
                _blank(fa.utgaende) if fa.arsekonomi else "",
                _blank(procent(fa.utgaende, fa.intakter)) if fa.arsekonomi else "",
            ]
        )
    return [stat, per_forbund]


def download(sektioner: list[Sektion], filnamn: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        book = tablib.Databook()
        for sek in sektioner:
            data = tablib.Dataset(headers=sek.kolumner, title=sek.rubrik[:31].replace("/", "-"))
            for rad in sek.rader + ([sek.summa] if sek.summa else []):
                data.append([_cell(v) for v in rad])
            book.add_sheet(data)
        response = HttpResponse(
            book.export("xlsx"), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        out = io.StringIO()
        out.write("\ufeff")  # Excel opens UTF-8 correctly only with a BOM
        writer = csv.writer(out)
        for i, sek in enumerate(sektioner):
            if i:
                writer.writerow([])
            writer.writerow([sek.rubrik])
            writer.writerow(sek.kolumner)
            for rad in sek.rader + ([sek.summa] if sek.summa else []):
                writer.writerow([_cell(v) for v in rad])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filnamn}.{fmt}"'
    return response


def _cell(value):
    """Numbers stay numbers (no thousands separators in files); lazy strings become text."""
    if isinstance(value, int | float) or value == "":
        return value
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    return str(value)
