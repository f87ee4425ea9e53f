"""Försäkringskassan's side of the reporting round: the review queue, one förbund-year's review, and extracts.

National readers see everything; only granskare act (approve, return, reopen, take an extract).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.granser import FORSTA_FORBUNDSAR, ar_eller_404, innevarande_ar, las_ar, rapportar, sista_registreringsar
from forbund.access import GRANSKARE, is_granskare, nationell_access
from forbund.models import Forbund
from rapportering import services
from rapportering.forms import AtersandForm, KommentarForm, UndantagForm
from rapportering.models import Uttag
from rapportering.rapporteringslista import andelar, rapporteringslista
from rapportering.selectors import omgang_for
from rapportering.uttag import jamfor, uttag_ta, uttag_tabeller
from rapportering.views import forbund_ar_sammanstallning
from statistik.forbundtabeller import om_siffrorna


def _valt_ar(request) -> int:
    """The year in the address (a year a förbund may have registered), else the report's year."""
    return las_ar(request.GET.get("ar"), FORSTA_FORBUNDSAR, sista_registreringsar()) or rapportar()


@nationell_access()
def granskningslista(request):
    """Every förbund-year of the chosen year: submitted, on time, approved, open warnings; rates per län."""
    ar = _valt_ar(request)
    rader = rapporteringslista(ar=ar)
    this_year = innevarande_ar()
    return render(
        request,
        "rapportering/granskningslista.html",
        {
            "ar": ar,
            "ar_val": list(range(this_year + 1, this_year - 6, -1)),
            "rader": rader,
            "andelar": andelar(rader),
            "omgang": omgang_for(ar),
            "uttag": Uttag.objects.filter(ar=ar).select_related("tagen_av"),
            "ar_granskare": is_granskare(request.user),
        },
    )


@nationell_access(writes=GRANSKARE)
@require_http_methods(["GET", "POST"])
def granska(request, slug, ar):
    """One förbund-year: findings with the förbund's explanations, the thread, approve / return / reopen."""
    ar_eller_404(ar)
    forbund = get_object_or_404(Forbund, slug=slug)
    forms = {"kommentar": KommentarForm(), "atersand": AtersandForm(), "undantag": UndantagForm()}
    status = 200
    if request.method == "POST":
        atgard = request.POST.get("atgard")
        try:
            if atgard == "godkann":
                services.arsrapport_godkann(forbund=forbund, ar=ar, user=request.user)
                messages.success(request, _("%(f)s %(ar)s är godkänt och låst.") % {"f": forbund.namn, "ar": ar})
                return redirect("rapportering:granska", slug=slug, ar=ar)
            if atgard in forms:
                form = {"kommentar": KommentarForm, "atersand": AtersandForm, "undantag": UndantagForm}[atgard](
                    request.POST
                )
                forms[atgard] = form
                if form.is_valid():
                    data = form.cleaned_data
                    if atgard == "kommentar":
                        services.kommentar_skriv(forbund=forbund, ar=ar, user=request.user, text=data["text"])
                        messages.success(request, _("Kommentaren är sparad."))
                    elif atgard == "atersand":
                        services.arsrapport_atersand(forbund=forbund, ar=ar, user=request.user, skal=data["skal"])
                        messages.success(request, _("Året är återsänt till förbundet."))
                    else:
                        services.lasundantag_bevilja(
                            forbund=forbund, ar=ar, user=request.user, skal=data["skal"], till=data["till"]
                        )
                        messages.success(request, _("Året är öppnat för förbundet."))
                    return redirect("rapportering:granska", slug=slug, ar=ar)
            status = 400
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
    ctx = forbund_ar_sammanstallning(forbund=forbund, ar=ar)
    ctx.update({"forbund": forbund, "forms": forms, "ar_granskare": is_granskare(request.user)})
    return render(request, "rapportering/granska.html", ctx, status=status)


@nationell_access(GRANSKARE)
@require_POST
def ta_uttag(request):
    """Take the year's frozen extract (granskare)."""
    text = request.POST.get("ar", "")
    ar = int(text) if text.isascii() and text.isdigit() and len(text) == 4 else 0
    try:
        uttag = uttag_ta(ar=ar, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("rapportering:granskningslista")
    messages.success(request, _("Uttag %(id)s av %(ar)s är taget.") % {"id": uttag.pk, "ar": ar})
    return redirect("rapportering:uttag", pk=uttag.pk)


@nationell_access()
def uttag(request, pk):
    """An extract exactly as taken: its tables as rendered then, who took it and when."""
    u = get_object_or_404(Uttag.objects.select_related("tagen_av"), pk=pk)
    return render(
        request,
        "rapportering/uttag.html",
        {
            "uttag": u,
            "om_siffrorna": om_siffrorna(u),
            "tabeller": uttag_tabeller(u),
            # Extracts taken before the tables were stored as data hold them as HTML, rendered then by our own
            # template (statistik/_tabell.html) with every value escaped; they are shown as stored, never rebuilt.
            "tabeller_html": mark_safe(u.statistik.get("tabeller_html", "")),  # noqa: S308
            "andra": Uttag.objects.filter(ar=u.ar).exclude(pk=u.pk),
        },
    )


@nationell_access()
def uttag_jamfor(request, pk):
    """Which figures changed since the extract was taken, and in which förbund."""
    u = get_object_or_404(Uttag.objects.select_related("tagen_av"), pk=pk)
    return render(request, "rapportering/uttag_jamfor.html", {"uttag": u, "jamforelse": jamfor(u)})
