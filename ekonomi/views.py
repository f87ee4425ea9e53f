"""Pages of the förbund's economy and the national economy. Views only translate: reads in selectors, writes in
services, access declared per view (forbund.access)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import dataversion
from core.forms import add_service_errors
from core.granser import FORSTA_FORBUNDSAR, ar_utanfor, innevarande_ar, sista_registreringsar
from ekonomi import exports
from ekonomi.forms import EkonomiForm, StatsbidragForm
from ekonomi.models import Medlemsbidrag, Medlemstyp, Statsbidrag
from ekonomi.selectors import (
    antal_forbund_per_ar,
    eget_kapital_per_ar,
    eget_kapital_per_forbund,
    forbund_ekonomi,
    forbund_ekonomi_ar,
    forbund_historik,
    medlem_namn,
    nationell_ekonomi,
    statsbidrag_historik,
    tabell3_ar,
)
from ekonomi.services import Konflikt as EkonomiKonflikt
from ekonomi.services import arsekonomi_version, ekonomi_save, statsbidrag_set
from ekonomi.statsmedel import statsmedel
from forbund.access import ADMINISTRATOR, READ_ALL, WRITE, forbund_access, is_administrator, nationell_access


def _check_ar(ar: int) -> None:
    """Years from FORSTA_FORBUNDSAR (Finsamlagen) to next year; a later year has nothing to show or register."""
    if not FORSTA_FORBUNDSAR <= ar <= sista_registreringsar():
        raise Http404


# Förbundsadministratör and national staff read the economy; a deltagaransvarig may not (403).
@forbund_access(READ_ALL)
def ekonomi_index(request, slug):
    """The years with a registered economy, a year picker, and (for the förbundsadministratör) a new year."""
    access = request.access
    ar_lista = forbund_ekonomi_ar(access.forbund)
    fel = ""
    if "ar" in request.GET or "nytt_ar" in request.GET:
        nytt = "nytt_ar" in request.GET
        valt = _int(request.GET.get("nytt_ar" if nytt else "ar"), 0)
        if FORSTA_FORBUNDSAR <= valt <= sista_registreringsar():
            if nytt and access.can_write:
                return redirect("ekonomi:edit", slug=slug, ar=valt)
            return redirect("ekonomi:detail", slug=slug, ar=valt)
        fel = ar_utanfor(FORSTA_FORBUNDSAR, sista_registreringsar())
    nya_ar = [a for a in range(sista_registreringsar(), sista_registreringsar() - 4, -1) if a not in ar_lista]
    return render(
        request,
        "ekonomi/ekonomi_index.html",
        {
            "forbund": access.forbund,
            "access": access,
            "ar_lista": ar_lista,
            "nya_ar": nya_ar,
            "innevarande_ar": innevarande_ar(),
            "ar_min": FORSTA_FORBUNDSAR,
            "sista_ar": sista_registreringsar(),
            "fel": fel,
        },
        status=400 if fel else 200,
    )


@forbund_access(READ_ALL)
def ekonomi_detail(request, slug, ar):
    _check_ar(ar)
    access = request.access
    ekonomi = forbund_ekonomi(access.forbund, ar)
    return render(
        request,
        "ekonomi/ekonomi_detail.html",
        {"forbund": access.forbund, "access": access, "e": ekonomi, "sista_ar": sista_registreringsar()},
    )


@forbund_access(WRITE)
@require_http_methods(["GET", "POST"])
def ekonomi_edit(request, slug, ar):
    _check_ar(ar)
    access = request.access
    ekonomi = forbund_ekonomi(access.forbund, ar)
    form = EkonomiForm(request.POST or None, ekonomi=ekonomi)
    konflikt = None
    if request.method == "POST" and form.is_valid():
        try:
            ekonomi_save(
                forbund=access.forbund,
                ar=ar,
                medlemsbidrag=form.medlemsbidrag(),
                arsekonomi=form.arsekonomi(),
                version=form.edited_version(),
            )
        except ValidationError as e:
            add_service_errors(form, e)
            if isinstance(e, EkonomiKonflikt):
                konflikt = _konflikt(form, access.forbund, ar)
        else:
            messages.success(request, _("Ekonomin för %(ar)s är sparad.") % {"ar": ar})
            return redirect("ekonomi:detail", slug=slug, ar=ar)
    return render(
        request,
        "ekonomi/ekonomi_form.html",
        {"forbund": access.forbund, "access": access, "e": ekonomi, "form": form, "konflikt": konflikt},
        status=400 if form.is_bound and form.errors else 200,
    )


def _konflikt(form: EkonomiForm, forbund, ar: int) -> list[dict]:
    """After a conflict: the other saves since the user opened the form (from the history), each next to what the
    user typed; the form then carries the current version, so the next Spara goes through once they have seen it."""
    oppnad = form.cleaned_data.get("oppnad")
    handelser = [h for h in forbund_historik(forbund, ar) if oppnad is None or h.tidpunkt > oppnad]
    medlem_for = {m.namn: m.falt for m in form.ekonomi.medlemmar}
    medlem_for[str(Medlemstyp.STAT.label)] = Medlemstyp.STAT.value
    andringar = [(h, a) for h in handelser for a in h.andringar][:20]
    rader = []
    for h, a in reversed(andringar):
        falt = medlem_for.get(medlem_namn(h.record)) if isinstance(h.record, Medlemsbidrag.history.model) else a.namn
        ditt = form.data.get(falt, "") if falt else ""
        rader.append({"handelse": h, "andring": a, "ditt": ditt})
    form.data = form.data.copy()
    form.data["version"] = str(arsekonomi_version(forbund, ar))
    form.data["oppnad"] = timezone.now().isoformat()
    return rader


@forbund_access(READ_ALL)
def ekonomi_history(request, slug, ar):
    _check_ar(ar)
    access = request.access
    return render(
        request,
        "ekonomi/ekonomi_history.html",
        {"forbund": access.forbund, "ar": ar, "historik": forbund_historik(access.forbund, ar)},
    )


@forbund_access(READ_ALL)
def kostnadsrapport(request, slug, ar):
    """The old system's cost report: medelstillgångar, insatskostnader, administration, resultat. CSV/XLSX too."""
    _check_ar(ar)
    access = request.access
    ekonomi = forbund_ekonomi(access.forbund, ar)
    rapport = exports.kostnadsrapport(ekonomi)
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        om = exports.om_filen(titel=_("Kostnadsrapport"), ar=ar, forbund=access.forbund)
        return exports.download(rapport, f"kostnadsrapport-{access.forbund.slug}-{ar}", fmt, om=om)
    return render(
        request,
        "ekonomi/kostnadsrapport.html",
        {"forbund": access.forbund, "access": access, "e": ekonomi, "rapport": rapport},
    )


# ----------------------------------------------------------------------------------------------- National


@nationell_access()
def nationell_index(request):
    return redirect("ekonomi-nationell:ar", ar=innevarande_ar() - 1)


@nationell_access()
def nationell_ar(request, ar):
    _check_ar(ar)
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        om = exports.om_filen(titel=_("Ekonomi, alla förbund"), ar=ar)
        return exports.download(exports.nationell(nationell_ekonomi(ar)), f"ekonomi-nationellt-{ar}", fmt, om=om)
    return render(
        request,
        "ekonomi/nationell.html",
        {
            # Read when the template asks, that is when the page is not cached as HTML under the data version.
            "n": SimpleLazyObject(lambda: nationell_ekonomi(ar)),
            "sm": SimpleLazyObject(lambda: statsmedel(ar)),
            "dataversion": dataversion.fragment_version(),
            "ar": ar,
            "kan_andra_statsbidrag": is_administrator(request.user),
            "sista_ar": sista_registreringsar(),
        },
    )


@nationell_access()
def nationell_eget_kapital(request):
    # Without a chosen interval: Tabell 3's years for the current year, as in the report (summor.tabell3_ar).
    standard = tabell3_ar(innevarande_ar()) or [innevarande_ar() - 8, innevarande_ar() - 1]
    till = _int(request.GET.get("till"), standard[-1])
    fran = _int(request.GET.get("fran"), standard[0] if "till" not in request.GET else till - 7)
    fel = ""
    if not (FORSTA_FORBUNDSAR <= fran <= till <= sista_registreringsar()) or till - fran > 30:
        fel = _(
            "Välj ett intervall om högst 30 år mellan %(min)s och %(max)s där från-året inte är senare än till-året."
        ) % {"min": FORSTA_FORBUNDSAR, "max": sista_registreringsar()}
        fran, till = standard[0], standard[-1]
    ar_lista, per_forbund = eget_kapital_per_forbund(ar_fran=fran, ar_till=till)
    antal = antal_forbund_per_ar(ar_lista)
    tabell3 = [
        rad | {"antal_forbund_totalt": antal[rad["ar"]]} for rad in eget_kapital_per_ar(ar_fran=fran, ar_till=till)
    ]
    return render(
        request,
        "ekonomi/nationell_eget_kapital.html",
        {
            "fran": fran,
            "till": till,
            "fel": fel,
            "tabell3": tabell3,
            "ar_min": FORSTA_FORBUNDSAR,
            "sista_ar": sista_registreringsar(),
            "ar_lista": ar_lista,
            "per_forbund": per_forbund,
        },
    )


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@nationell_access(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def statsbidrag_edit(request, ar):
    """The state's allocation for a year: only the administratör writes it; other national staff get 403."""
    _check_ar(ar)
    befintligt = Statsbidrag.objects.filter(ar=ar).first()
    form = StatsbidragForm(request.POST or None, initial={"tilldelat": befintligt.tilldelat if befintligt else None})
    if request.method == "POST" and form.is_valid():
        statsbidrag_set(ar=ar, tilldelat=form.cleaned_data["tilldelat"])
        messages.success(request, _("Tilldelade statliga medel för %(ar)s är sparade.") % {"ar": ar})
        return redirect(reverse("ekonomi-nationell:ar", kwargs={"ar": ar}))
    return render(
        request,
        "ekonomi/statsbidrag_form.html",
        {"form": form, "ar": ar, "historik": statsbidrag_historik(ar)},
        status=400 if form.is_bound and form.errors else 200,
    )
