"""The open API's answers: JSON, JSON-stat 2.0, CSV (Swedish Excel) and XLSX; problem+json errors; ETag and 304.

Every answer is made from a payload (plain data read from releases), and its ETag is a hash of that payload and the
format, so an unchanged release gives the same ETag whatever the rendering's own timestamps.
"""

import hashlib
import json

from django.http import HttpResponse
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _

from core.export import write_csv, write_xlsx
from publicering.skydd import FOTNOT, SAKNAS

FORMAT = ("json", "json-stat2", "csv", "xlsx")
KALLA = "Källa: Försäkringskassan, Finsam"
LICENS = {"namn": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.sv", "attribution": KALLA}
KOLUMNER = ("indikator", "ar", "omrade_typ", "omrade", "kon", "varde", "status")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link, Retry-After",
}


def problem(status: int, titel: str, detalj: str, headers: dict | None = None) -> HttpResponse:
    """An error as RFC 9457 problem details, in Swedish."""
    svar = HttpResponse(
        json.dumps(
            {"type": f"/oppna-data/#fel-{status}", "title": titel, "status": status, "detail": detalj},
            ensure_ascii=False,
        ),
        status=status,
        content_type="application/problem+json; charset=utf-8",
    )
    for k, v in {**CORS, **(headers or {})}.items():
        svar[k] = v
    return svar


def etag_for(fmt: str, payload) -> str:
    text = json.dumps([fmt, payload], sort_keys=True, ensure_ascii=False, default=str)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def inte_andrad(request, etag: str, senast) -> bool:
    """The client's copy is current (If-None-Match first, else If-Modified-Since)."""
    om_inte = request.META.get("HTTP_IF_NONE_MATCH")
    if om_inte is not None:
        return etag in [e.strip().removeprefix("W/") for e in om_inte.split(",")] or om_inte.strip() == "*"
    sedan = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return senast is not None and sedan is not None and int(senast.timestamp()) <= sedan


def svar(request, fmt: str, payload, *, tabell=None, jsonstat=None, filnamn: str, senast=None, headers=None):
    """The answer in the asked format, or 304 when the client's copy is current.

    payload: the JSON answer; tabell: (header, rows) for CSV and XLSX; jsonstat: a function making the dataset.
    """
    etag = etag_for(fmt, payload)
    extra = {**CORS, "ETag": etag, "Cache-Control": "public, max-age=300", "Vary": "Accept-Encoding"}
    if senast is not None:
        extra["Last-Modified"] = http_date(senast.timestamp())
    extra.update(headers or {})
    if inte_andrad(request, etag, senast):
        resultat = HttpResponse(status=304)
    elif fmt == "json":
        resultat = HttpResponse(
            json.dumps(payload, ensure_ascii=False, default=str), content_type="application/json; charset=utf-8"
        )
    elif fmt == "json-stat2":
        resultat = HttpResponse(
            json.dumps(jsonstat(), ensure_ascii=False, default=str), content_type="application/json; charset=utf-8"
        )
    else:
        header, rows = tabell
        if fmt == "csv":
            resultat = HttpResponse(write_csv([header, *rows], delimiter=";"), content_type="text/csv; charset=utf-8")
        else:
            resultat = HttpResponse(
                write_xlsx([(_("Data"), [header, *rows])]),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        resultat["Content-Disposition"] = f'attachment; filename="{filnamn}.{fmt}"'
    for k, v in extra.items():
        resultat[k] = v
    return resultat


def dataset(rader: list[dict], *, indikatorer: dict, omraden: dict, senast, andring: bool) -> dict:
    """JSON-stat 2.0 as PxWeb serves it: indikator × år × område × kön, null and status ".." where hidden."""
    kon_namn = {"T": _("Totalt"), "K": _("Kvinnor"), "M": _("Män")}
    dim = {
        "indikator": sorted({r["indikator"] for r in rader}),
        "ar": sorted({str(r["ar"]) for r in rader}),
        "omrade": sorted({r["omrade"] for r in rader}, key=lambda o: (o != "SE", o)),
        "kon": [k for k in kon_namn if any(r["kon"] == k for r in rader)],
    }
    index = {d: {v: i for i, v in enumerate(vals)} for d, vals in dim.items()}
    storlek = [len(dim[d]) for d in dim]
    varden = [None] * (storlek[0] * storlek[1] * storlek[2] * storlek[3])
    status, andringar = {}, {}
    for r in rader:
        i = (
            (index["indikator"][r["indikator"]] * storlek[1] + index["ar"][str(r["ar"])]) * storlek[2]
            + index["omrade"][r["omrade"]]
        ) * storlek[3] + index["kon"][r["kon"]]
        varden[i] = r["varde"]
        if r["status"]:
            status[str(i)] = r["status"]
        if andring:
            andringar[str(i)] = r["andring"]
    typ = {r["omrade"]: r["omrade_typ"] for r in rader}
    data = {
        "version": "2.0",
        "class": "dataset",
        "label": _("Finsam: publicerade siffror"),
        "source": KALLA,
        "updated": senast.isoformat() if senast else None,
        "id": list(dim),
        "size": storlek,
        "role": {"time": ["ar"], "geo": ["omrade"], "metric": ["indikator"]},
        "dimension": {
            "indikator": {
                "label": _("Indikator"),
                "category": {
                    "index": index["indikator"],
                    "label": {i: indikatorer.get(i, {}).get("titel", i) for i in dim["indikator"]},
                    "unit": {
                        i: {"label": indikatorer.get(i, {}).get("enhet", ""), "decimals": 0} for i in dim["indikator"]
                    },
                },
            },
            "ar": {"label": _("År"), "category": {"index": index["ar"]}},
            "omrade": {
                "label": _("Område"),
                "category": {"index": index["omrade"], "label": {o: omraden.get(o, o) for o in dim["omrade"]}},
            },
            "kon": {
                "label": _("Kön"),
                "category": {"index": index["kon"], "label": {k: kon_namn[k] for k in dim["kon"]}},
            },
        },
        "value": varden,
        "status": status,
        "note": [
            str(LICENS["attribution"]),
            f'".." = {FOTNOT}',
            f'"{SAKNAS}" = ' + _("förbundet har inte registrerat uppgiften för året (räknas inte som 0)"),
        ],
        "extension": {"omrade_typ": typ, **({"andring": andringar} if andring else {})},
    }
    return data
