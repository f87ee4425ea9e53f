"""The förbund's pages that read: its start page, the insats list (and its downloads), one insats, the deleted ones.

Access is declared per view (forbund/access.py): an outsider gets 404, a read-only user 403 on every write. A
deltagaransvarig sees only the insatser assigned to them. The forms are in views_forms.py, a year's figures in
views_ar.py.
"""

import datetime
import functools

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from core import dataversion
from core.granser import AR_MAX, AR_MIN, ar_utanfor, innevarande_ar
from forbund.access import READ, READ_ALL, forbund_access
from insatser import selectors
from insatser.exports import insatser_dataset, insatser_download, insatser_lasbar, lasbar_download, om_filen
from insatser.rules import allowed_years
from rapportering.uppgifter import uppgiftslista

PER_SIDA = 25


def _valt_ar(request) -> tuple[int, str]:
    """The year asked for (default this year) and, for a value that is not a year, a message saying so."""
    this_year = innevarande_ar()
    value = request.GET.get("ar", "").strip()
    if not value:
        return this_year, ""
    try:
        ar = int(value)
    except ValueError:
        return this_year, _("”%(varde)s” är inget årtal. Välj ett år i listan.") % {"varde": value[:20]}
    if not AR_MIN <= ar <= AR_MAX:
        return this_year, ar_utanfor()
    return ar, ""


def _sida_nyckel(request) -> str:
    """What a page cached as HTML varies with besides the data version, the language and the URL: the user, their
    roles in the förbund, and the day."""
    return f"{request.user.pk}:{','.join(sorted(request.access.roller))}:{datetime.date.today()}"


@forbund_access(READ)
def forbund_start(request, slug):
    """The förbund's year at a glance: insatser running, totals and what is still missing."""
    access = request.access
    ar, ar_fel = _valt_ar(request)
    this_year = innevarande_ar()
    return render(
        request,
        "insatser/forbund_start.html",
        {
            "forbund": access.forbund,
            "access": access,
            # Read when the template asks, that is when the content is not cached as HTML (below).
            "oversikt": SimpleLazyObject(lambda: selectors.arsoversikt(access=access, user=request.user, ar=ar)),
            # The year as a task list, for those who see the förbund's money (administratör and national staff).
            "uppgifter": SimpleLazyObject(lambda: uppgiftslista(forbund=access.forbund, ar=ar))
            if access.can_read_all
            else None,
            "ar_val": sorted({*range(this_year - 5, this_year + 2), ar}, reverse=True),
            "ar_fel": ar_fel,
            # The content is cached as HTML under the data version, per user, roles, day and query (the year).
            "dataversion": dataversion.fragment_version(),
            "sida_nyckel": _sida_nyckel(request),
        },
        status=400 if ar_fel else 200,
    )


@forbund_access(READ)
def insats_list(request, slug):
    access = request.access

    @functools.cache  # the filter, built once a request and only when something reads it
    def filter_och_ar():
        return selectors.insats_filter(access=access, user=request.user, params=request.GET)

    filter_ok = selectors.insats_filter_giltigt(request.GET, filter_och_ar)
    export = request.GET.get("format")
    if export in {"csv", "xlsx", "importmall", "importmall-xlsx"} and filter_ok:
        filterset, qs, _ar = selectors.insats_list(
            access=access, user=request.user, params=request.GET, filter_och_ar=filter_och_ar
        )
        valt_ar = filterset.form.cleaned_data.get("ar")
        valt_ar = int(valt_ar) if valt_ar else None
        idag = datetime.date.today().isoformat()
        if export.startswith("importmall"):
            # The import format (codes, one row per insats and year), to edit and import again.
            dataset = insatser_dataset(qs, ar=valt_ar, med_ekonomi=access.can_read_all)
            suffix = "xlsx" if export.endswith("xlsx") else "csv"
            return insatser_download(dataset, f"insatser-importmall-{access.forbund.slug}-{idag}.{suffix}")
        tabell = insatser_lasbar(qs, ar=valt_ar, med_ekonomi=access.can_read_all)
        om = om_filen(forbund=access.forbund, ar=valt_ar, antal=qs.count())
        return lasbar_download(tabell, filnamn=f"insatser-{access.forbund.slug}-{idag}.{export}", om=om)

    params = request.GET.copy()
    params.pop("sida", None)
    params.pop("format", None)
    # An invalid filter shows its error at the field and no list (and no year it did not ask for); a download
    # asked for with it shows the page too, rather than an empty file.
    return render(
        request,
        "insatser/insats_list.html",
        {
            "forbund": access.forbund,
            "access": access,
            "filter_ok": filter_ok,
            # Read when the template asks, that is when the content is not cached as HTML (below); numbers as
            # functions, which the template calls.
            "filter": SimpleLazyObject(lambda: filter_och_ar()[0]),
            "ar": lambda: filter_och_ar()[1],
            "page": SimpleLazyObject(
                lambda: selectors.insats_sida(
                    access=access, user=request.user, params=request.GET, per_sida=PER_SIDA, filter_och_ar=filter_och_ar
                )
            ),
            "querystring": params.urlencode(),
            "ny_inriktning": selectors.antal_behover_ny_inriktning(access.forbund),
            # The content is cached as HTML under the data version, per user, roles, day and query (the rows are
            # theirs: selectors.insats_sida); the filter form's fields, the same for everyone, also on their own.
            "dataversion": dataversion.fragment_version(),
            "sida_nyckel": _sida_nyckel(request),
        },
        status=200 if filter_ok else 400,
    )


@forbund_access(READ)
def insats_detail(request, slug, pk):
    access = request.access
    # The insats as this user may see it (404 otherwise, as insats_access answers), its relations read
    # only when the page's content is not in the cache (below).
    insats = selectors.insats_detail(access=access, user=request.user, pk=pk, relationer=False)
    if insats is None:
        raise Http404

    @functools.cache
    def innehall():
        selectors.with_relationer(insats)
        figures = {a.ar: a for a in insats.arsuppgifter.all()}
        years = list(allowed_years(insats.startdatum, insats.slutdatum))
        for ar in figures:
            if ar not in years:
                years.append(ar)
        allowed = set(allowed_years(insats.startdatum, insats.slutdatum))
        # (år, figures, may this user open the year's form): a link only where the form would open for them.
        kan_andra_ar = access.can_write or (
            insats.counts_participants and selectors.kan_registrera_deltagare(access, request.user, insats)
        )
        rows = [(ar, figures.get(ar), kan_andra_ar and ar in allowed) for ar in sorted(years, reverse=True)]
        return {"rows": rows, "utforare": selectors.utforare_namn(insats), "kan_andra_ar": kan_andra_ar}

    return render(
        request,
        "insatser/insats_detail.html",
        {
            "forbund": access.forbund,
            "access": access,
            "insats": insats,
            # Read when the template asks, that is when the content is not cached.
            "rows": SimpleLazyObject(lambda: innehall()["rows"]),
            "utforare": SimpleLazyObject(lambda: innehall()["utforare"]),
            "kan_andra_ar": SimpleLazyObject(lambda: innehall()["kan_andra_ar"]),
            "historik": SimpleLazyObject(lambda: selectors.insats_historik(insats, med_ekonomi=access.can_read_all)),
            # The page's content is cached as HTML under the data version (which a user's new name raises too: the
            # deltagaransvariga and the history name people), per user, roles and day (the years that may be
            # registered), as what it shows is.
            "dataversion": dataversion.fragment_version(),
            "sida_nyckel": _sida_nyckel(request),
        },
    )


@forbund_access(READ_ALL)
def borttagna(request, slug):
    access = request.access
    return render(
        request,
        "insatser/borttagna.html",
        {"forbund": access.forbund, "access": access, "borttagna": selectors.borttagna_insatser(access)},
    )


def _borttagen(request, history_id):
    borttagen = selectors.borttagen_insats(request.access, history_id)
    if borttagen is None:
        raise Http404
    return request.access, borttagen


@forbund_access(READ_ALL)
def borttagen(request, slug, history_id):
    """A deleted insats as it was when deleted, its yearly figures and history (read-only)."""
    access, borttagen = _borttagen(request, history_id)
    return render(
        request,
        "insatser/borttagen.html",
        {"forbund": access.forbund, "access": access, "b": borttagen, "i": borttagen.record},
    )
