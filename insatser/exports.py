"""The insats list as a file, in the import format: one row per insats and year, so an export can be edited and
imported again (by FK's administratör with import_insatser).

A deltagaransvarig's export leaves out the money columns (budget, utfall) and budgeterat antal deltagare, as every
page they see does."""

import tablib
from django.http import HttpResponse

from core.export import file_response, write_csv, write_xlsx
from insatser.models import Typ
from insatser.rules import AR_FALT, PENGAR_FALT

KOLUMNER = [
    "forbund",
    "namn",
    "typ",
    "inriktning",
    "malgrupper",
    "startdatum",
    "slutdatum",
    "esf",
    "deltagaruppfoljning",
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
            ";".join(sorted(m.kod for m in insats.malgrupper.all())),
            insats.startdatum.isoformat(),
            insats.slutdatum.isoformat() if insats.slutdatum else "",
            _ja_nej(insats.esf),
            _ja_nej(insats.deltagaruppfoljning) if insats.typ == Typ.STRUKTUROVERGRIPANDE else "",
        ]
        years = [a for a in insats.arsuppgifter.all() if ar is None or a.ar == ar]
        if not years:
            dataset.append(base + [""] * 7)
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
