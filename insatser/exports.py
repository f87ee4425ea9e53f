"""The insats list as a file: for reading (Swedish headings and names, dates as dates, a total row, which förbund and
when) and, as a separate download ("Ladda ner importmall"), in the import format with codes: one row per insats and
year, so it can be edited and imported again (by FK's administratör with import_insatser).

A deltagaransvarig's export leaves out the money columns (budget, utfall) and budgeterat antal deltagare, as every
page they see does."""

import tablib
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.export import file_response, tabeller_download, write_csv, write_xlsx
from core.tabell import Kolumn, Tabell
from insatser.models import Typ
from insatser.rules import AR_FALT, PENGAR_FALT, inriktning_for_ar

KOLUMNER = [
    "forbund",
    "namn",
    "typ",
    "inriktning",
    "tidigare_inriktning",
    "malgrupper",
    "startdatum",
    "slutdatum",
    "esf",
    "deltagaruppfoljning",
    "volyminsats",
    "ar",
    *AR_FALT,
]


def _ja_nej(value: bool) -> str:
    return "ja" if value else "nej"


def _n(value):
    return "" if value is None else value


EKONOMI_KOLUMNER = PENGAR_FALT


def insatser_dataset(qs, *, ar: int | None = None, med_ekonomi: bool = True) -> tablib.Dataset:
    """Rows for the insatser in qs (a fixed number of queries); only year `ar` when given; without med_ekonomi the
    columns in EKONOMI_KOLUMNER are left out."""
    dataset = tablib.Dataset(headers=KOLUMNER, title="insatser")
    qs = qs.select_related("forbund", "inriktning").prefetch_related("malgrupper", "arsuppgifter")
    for insats in qs:
        base = [
            insats.forbund.slug,
            insats.namn,
            insats.typ,
            insats.inriktning_id,
            insats.tidigare_inriktning_id or "",
            ";".join(sorted(m.kod for m in insats.malgrupper.all())),
            insats.startdatum.isoformat(),
            insats.slutdatum.isoformat() if insats.slutdatum else "",
            _ja_nej(insats.esf),
            _ja_nej(insats.deltagaruppfoljning) if insats.typ == Typ.STRUKTUROVERGRIPANDE else "",
            "ja" if insats.volyminsats else "",
        ]
        years = [a for a in insats.arsuppgifter.all() if ar is None or a.ar == ar]
        if not years:
            dataset.append(base + [""] * (1 + len(AR_FALT)))
        for a in sorted(years, key=lambda a: a.ar):
            dataset.append(
                base
                + [
                    a.ar,
                    _n(a.budget),
                    _n(a.utfall),
                    _n(a.budgeterat_antal_deltagare),
                    _n(a.deltagare_kvinnor),
                    _n(a.deltagare_man),
                    _n(a.deltagare_totalt),
                ]
            )
    if not med_ekonomi:
        for kolumn in EKONOMI_KOLUMNER:
            del dataset[kolumn]
    return dataset


def insatser_download(dataset: tablib.Dataset, filnamn: str) -> HttpResponse:
    """The dataset as a CSV or XLSX download (by the file name's suffix), header row first."""
    rows = [dataset.headers, *dataset]
    content = write_xlsx([(dataset.title, rows)]) if filnamn.endswith(".xlsx") else write_csv(rows)
    return file_response(content, filnamn)


def _lasbara_kolumner(med_ekonomi: bool) -> list[tuple[str, str]]:
    """(field, Swedish heading) of the readable list; the money columns only with med_ekonomi."""
    kolumner = [
        ("budget", _("Budget (kr)")),
        ("utfall", _("Utfall (kr)")),
        ("budgeterat_antal_deltagare", _("Budgeterat antal deltagare")),
        ("deltagare_kvinnor", _("Deltagare, kvinnor")),
        ("deltagare_man", _("Deltagare, män")),
        ("deltagare_totalt", _("Deltagare, totalt")),
    ]
    return [(f, rubrik) for f, rubrik in kolumner if med_ekonomi or f not in EKONOMI_KOLUMNER]


def insatser_lasbar(qs, *, ar: int | None = None, med_ekonomi: bool = True) -> Tabell:
    """The list for reading (core.tabell): names instead of codes, dates as dates, an empty cell for a figure not
    registered; the total row sums each figure column as the page would."""
    ar_kolumner = _lasbara_kolumner(med_ekonomi)
    kolumner = [
        Kolumn(_("Insats"), "text"),
        Kolumn(_("Typ"), "text"),
        Kolumn(_("Preciserad inriktning"), "text"),
        Kolumn(_("Målgrupper"), "text"),
        Kolumn(_("Startdatum"), "datum"),
        Kolumn(_("Slutdatum"), "datum"),
        Kolumn(_("ESF-finansierad"), "text"),
        Kolumn(_("Deltagaruppföljning"), "text"),
        Kolumn(_("År"), "ar"),
        *(Kolumn(rubrik, "kr" if f in EKONOMI_KOLUMNER else "antal") for f, rubrik in ar_kolumner),
    ]
    ja, nej = _("Ja"), _("Nej")
    rader = []
    summor = {f: None for f, _r in ar_kolumner}
    qs = qs.select_related("inriktning", "tidigare_inriktning").prefetch_related("malgrupper", "arsuppgifter")
    for insats in qs:
        base = [
            insats.namn,
            Typ(insats.typ).label,
            insats.inriktning.namn,
            ", ".join(sorted(m.namn for m in insats.malgrupper.all())),
            insats.startdatum,
            insats.slutdatum,
            ja if insats.esf else nej,
            (ja if insats.deltagaruppfoljning else nej) if insats.typ == Typ.STRUKTUROVERGRIPANDE else "",
        ]
        years = sorted((a for a in insats.arsuppgifter.all() if ar is None or a.ar == ar), key=lambda a: a.ar)
        if not years:
            rader.append(base + [None] * (1 + len(ar_kolumner)))
        for a in years:
            values = [getattr(a, f) for f, _r in ar_kolumner]
            # The classification is per period: a year up to 2022 shows the SUS class the insats had then.
            klass = inriktning_for_ar(a.ar, insats.inriktning, insats.tidigare_inriktning)
            for (f, _r), v in zip(ar_kolumner, values, strict=True):
                if v is not None:
                    summor[f] = (summor[f] or 0) + v
            rader.append([*base[:2], klass.namn, *base[3:], a.ar, *values])
    summa = [_("Totalt"), *[None] * 8, *summor.values()]
    return Tabell("insatser", _("Insatser"), kolumner, rader, summa=summa, blad=_("Insatser"))


def lasbar_download(tabell: Tabell, *, filnamn: str, om: list[list]) -> HttpResponse:
    """CSV: the title rows (which förbund, year, when), an empty row, the table and its total; XLSX: the table with
    its total row in bold and a sheet "Om filen"."""
    return tabeller_download([tabell], filnamn, om=om)


def om_filen(*, forbund, ar: int | None, antal: int) -> list[list]:
    """Rows saying what the file holds: förbund, year, number of insatser, when it was taken."""
    return [
        [_("Förbund"), forbund.namn],
        [_("År"), ar if ar is not None else _("Alla år")],
        [_("Antal insatser"), antal],
        [_("Hämtad"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
    ]
