"""The national dashboard, the förbund list, registration status and their downloads.

Only nationell handläggare and administratör see these pages; everyone else gets 404 (nationell_access).
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core import dataversion
from core.export import file_response
from core.granser import rapportar
from forbund.access import nationell_access
from forbund.models import Forbund
from forbund.selectors import forbund_existing_q
from rapportering.models import Uttag
from rapportering.uttag import godkanda_och_alla, uttag_tabeller, visat_uttag
from statistik import exports
from statistik.filters import StatistikFilter
from statistik.forbundtabeller import (
    REGISTRERING_SORT,
    forbund_tabell,
    om_siffrorna,
    om_uttaget,
    registrering_tabell,
)
from statistik.oversikt import forbund_oversikt
from statistik.tabeller import rapport
from statistik.urval import Urval
from statistik.urval import varningar as urval_varningar


def _urval(request):
    filterset = StatistikFilter(request.GET)
    return filterset, filterset.urval()


def _visat_uttag(request, urval):
    """The extract the page or workbook shows (rapportering.uttag.visat_uttag), None for live figures; 404 for one
    that does not exist."""
    try:
        return visat_uttag(urval, request.GET.get("uttag", ""))
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc


def _forbund_lank(row) -> str:
    """The förbund's own pages (read-only for national staff): its start page with tabs, else the registry page."""
    try:
        return reverse("insatser:forbund_start", kwargs={"slug": row["slug"]})
    except NoReverseMatch:
        return reverse("forbund:detail", kwargs={"slug": row["slug"]})


def _forbund_options(filterset) -> tuple[list[tuple[str, str, bool]], str]:
    """The förbund dropdown's options as (slug, name, selected) and a help text: the förbund of the chosen län and
    year (all that existed that year without a län), plus the chosen one. Drawn by the Jinja2 template
    statistik/forbund_options.html: hundreds of options through Django's widget rendering took ~100 ms."""
    form = filterset.form
    vald = form.data.get("forbund", "") or ""
    cleaned = getattr(form, "cleaned_data", {})
    ar = int(cleaned["ar"]) if cleaned.get("ar") else rapportar()
    lan = cleaned.get("lan")
    urval = Urval(ar=ar, lan=lan)

    def compute():
        qs = Forbund.objects.filter(forbund_existing_q(urval.start, urval.slut))
        if lan is not None:
            qs = qs.filter(pk__in=urval.forbund_qs().values("pk"))
        if vald:
            qs = Forbund.objects.filter(Q(pk__in=qs.values("pk")) | Q(slug=vald))
        return [(slug, namn, slug == vald) for slug, namn in qs.order_by("namn").values_list("slug", "namn")]

    options = dataversion.cached("statistik.forbund_options", (urval.cache_key(), vald), compute)
    if lan is not None:
        hjalp = _("Listan visar förbunden med medlemmar i %(lan)s %(ar)s. Byt län och välj Visa för att se andra.") % {
            "lan": lan.namn,
            "ar": ar,
        }
    else:
        hjalp = _("Listan visar förbunden som fanns %(ar)s.") % {"ar": ar}
    return options, hjalp


def _urvalstext(urval) -> str:
    if urval is None:
        return ""
    if urval.forbund is not None:
        return urval.forbund.namn
    return urval.lan.namn if urval.lan is not None else _("hela landet")


def _tabell_context(urval) -> dict:
    """What statistik/_tabell.html needs besides the table, when it is rendered on its own to be cached."""
    return {"urval": urval, "urvalstext": _urvalstext(urval), "query": urlencode(urval.as_params())}


def _context(filterset, urval, varningar=None, **extra):
    options, hjalp = _forbund_options(filterset)
    return {
        "forbund_options": options,
        "forbund_hjalp": hjalp,
        "filterset": filterset,
        "form": filterset.form,
        "urval": urval,
        "urvalstext": _urvalstext(urval),
        "varningar": varningar if varningar is not None else (urval_varningar(urval) if urval else []),
        "query": urlencode(urval.as_params()) if urval else "",
        "nej_text": _("Nej"),
        **extra,
    }


def _invalid(request, template, filterset):
    return render(request, template, _context(filterset, None), status=400)


@nationell_access()
def dashboard(request):
    filterset, urval = _urval(request)
    if urval is None:
        return _invalid(request, "statistik/dashboard.html", filterset)
    uttag = _visat_uttag(request, urval)
    if uttag is not None:  # an extract is shown on its own page, named there as in its workbook
        return redirect("rapportering:uttag", pk=uttag.pk)
    r = rapport(urval)
    godkanda, alla = dataversion.cached("statistik.godkanda", urval.ar, lambda: godkanda_och_alla(urval.ar))
    # The tables are the same for everyone who asks for the selection: rendered once per data version.
    tabeller_html = dataversion.cached(
        "statistik.dashboard_tabeller",
        urval.cache_key(),
        lambda: render_to_string("statistik/_tabeller.html", {"tabeller": r.tabeller, **_tabell_context(urval)}),
    )
    return render(
        request,
        "statistik/dashboard.html",
        _context(
            filterset,
            urval,
            r.varningar,
            rapport=r,
            tabeller=r.tabeller,
            tabeller_html=tabeller_html,
            nu=r.nu,
            fore=r.fore,
            uttag_lista=Uttag.objects.filter(ar=urval.ar).only("pk", "tagen", "alla_godkanda"),
            om_siffrorna=om_siffrorna(uttag),
            antal_godkanda=len(godkanda),
            faststalld=alla,
        ),
    )


@nationell_access()
def forbund_lista(request):
    filterset, urval = _urval(request)
    if urval is None:
        return _invalid(request, "statistik/forbund_lista.html", filterset)
    tabell = forbund_tabell(urval, forbund_oversikt(urval), _forbund_lank)
    return render(request, "statistik/forbund_lista.html", _context(filterset, urval, tabell=tabell))


def _sortering(request) -> tuple[str, bool]:
    sort = request.GET.get("sort", "namn")
    if sort not in REGISTRERING_SORT:
        sort = "namn"
    return sort, request.GET.get("riktning") == "fallande"


def _sortera(rows, sort: str, fallande: bool):
    rows = sorted(rows, key=lambda r: r["namn"].lower())
    return sorted(rows, key=REGISTRERING_SORT[sort], reverse=fallande)


def _sorterad(request, rows):
    sort, fallande = _sortering(request)
    return _sortera(rows, sort, fallande), sort, fallande


@nationell_access()
def registrering(request):
    filterset, urval = _urval(request)
    if urval is None:
        return _invalid(request, "statistik/registrering.html", filterset)
    sort, fallande = _sortering(request)
    innehall = dataversion.cached(
        "statistik.registrering", (urval.cache_key(), sort, fallande), lambda: _registrering(urval, sort, fallande)
    )
    return render(
        request,
        "statistik/registrering.html",
        _context(
            filterset,
            urval,
            **innehall,
            sort=sort,
            fallande=fallande,
            sortquery=_sortquery(urval, sort, fallande),
        ),
    )


def _sortquery(urval, sort, fallande) -> str:
    return urlencode({**urval.as_params(), "sort": sort, "riktning": "fallande" if fallande else ""})


def _registrering(urval, sort: str, fallande: bool) -> dict:
    """The registration table rendered, with its counts: a row per förbund, so it is cached as HTML."""
    rows = _sortera(forbund_oversikt(urval), sort, fallande)
    tabell = registrering_tabell(urval, rows, _forbund_lank)
    sortlankar = []
    for nyckel in [
        "namn",
        "insatser",
        None,
        None,
        None,
        None,
        "deltagare",
        "utfall",
        "medlemsbidrag",
        "eget_kapital",
        "saknas",
    ]:
        if nyckel is None:
            sortlankar.append(None)
            continue
        aktiv = nyckel == sort
        riktning = "stigande" if aktiv and fallande else ("fallande" if aktiv else "stigande")
        sortlankar.append(
            {
                "url": "?" + urlencode({**urval.as_params(), "sort": nyckel, "riktning": riktning}),
                "aria_sort": ("descending" if fallande else "ascending") if aktiv else "",
            }
        )
    tabell.sortlankar = sortlankar
    tabell_html = render_to_string(
        "statistik/_tabell.html",
        {"tabell": tabell, **_tabell_context(urval), "sortquery": _sortquery(urval, sort, fallande)},
    )
    return {
        "tabell_html": tabell_html,
        "antal": len(rows),
        "saknar": sum(1 for row in rows if any(not v for v in row["status"].values())),
    }


def _alla_tabeller(request, urval):
    r = rapport(urval)
    rows = forbund_oversikt(urval)
    sorterade, _sort, _fallande = _sorterad(request, rows)
    return [
        *r.tabeller,
        forbund_tabell(urval, rows, None),
        registrering_tabell(urval, sorterade, None),
    ]


def _filnamn(urval, namn: str, suffix: str) -> str:
    delar = ["finsam", namn, str(urval.ar)]
    if urval.lan:
        delar.append(f"lan-{urval.lan.kod}")
    if urval.forbund:
        delar.append(urval.forbund.slug)
    return "-".join(delar) + suffix


@nationell_access()
def tabell_csv(request, nyckel):
    filterset, urval = _urval(request)
    if urval is None:
        return _invalid(request, "statistik/dashboard.html", filterset)
    if nyckel == "forbund_lista":
        tabell = forbund_tabell(urval, forbund_oversikt(urval), None)
    elif nyckel == "registrering":
        tabell = registrering_tabell(urval, _sorterad(request, forbund_oversikt(urval))[0], None)
    else:
        tabell = rapport(urval).per_nyckel.get(nyckel)
        if tabell is None:
            raise Http404
    return file_response(exports.tabell_csv(tabell), _filnamn(urval, nyckel.replace("_", "-"), ".csv"))


@nationell_access()
def arbetsbok(request):
    filterset, urval = _urval(request)
    if urval is None:
        return _invalid(request, "statistik/dashboard.html", filterset)
    uttag = _visat_uttag(request, urval)
    tabeller = uttag_tabeller(uttag) if uttag else _alla_tabeller(request, urval)
    content = exports.arbetsbok(om_uttaget(urval, uttag), tabeller, _("Om uttaget"))
    return file_response(content, _filnamn(urval, f"uttag-{uttag.pk}" if uttag else "statistik", ".xlsx"))
