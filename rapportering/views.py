"""The förbund's side of the reporting round: the check-answers page, submission and its receipt; the checks."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.granser import ar_eller_404
from forbund.access import READ_ALL, WRITE, forbund_access
from rapportering import services
from rapportering.forms import KommentarForm
from rapportering.kontroller import KONTROLLER, Niva, kontrollera_underlag
from rapportering.models import Arsrapport, Forklaring, Handelse, Status
from rapportering.selectors import las_for, omgang_for
from rapportering.uppgifter import uppgiftslista

NIVA_ORDNING = {Niva.FEL: 0, Niva.VARNING: 1, Niva.INFO: 2}


@login_required
def kontroller(request):
    """Every check, its level, what it checks and why: readable by anyone logged in."""
    return render(
        request,
        "rapportering/kontroller.html",
        {"kontroller": sorted(KONTROLLER, key=lambda k: (NIVA_ORDNING[k.niva], k.kod)), "nivaer": Niva},
    )


def _andra_url(f, forbund) -> str:
    """Where the förbund corrects a finding about one insats: the year's figures, the insats or its outcomes."""
    if not f.insats:
        return ""
    namn = next((k.rattas_i for k in KONTROLLER if k.kod == f.kod), "insatser:ar")
    kwargs = {"slug": forbund.slug, "pk": f.insats}
    if namn != "insatser:update":
        kwargs["ar"] = f.ar
    return reverse(namn, kwargs=kwargs)


def forbund_ar_sammanstallning(*, forbund, ar: int) -> dict:
    """What both the förbund's check-answers page and the reviewer's page show of one förbund-year."""
    fynd, underlag = kontrollera_underlag(ar=ar, forbund_ids=[forbund.pk])
    forklaringar = {(f.kod, f.insats): f.text for f in Forklaring.objects.filter(forbund=forbund, ar=ar)}
    rader = [
        {
            "fynd": f,
            "nyckel": f"{f.kod}-{f.insats or 0}",
            "forklaring": forklaringar.get((f.kod, f.insats or 0), ""),
            "andra_url": _andra_url(f, forbund),
        }
        for f in fynd
    ]
    return {
        "ar": ar,
        "fynd": rader,
        "antal_fel": sum(1 for f in fynd if f.niva == Niva.FEL),
        "antal_varningar": sum(1 for f in fynd if f.niva == Niva.VARNING),
        "rapport": Arsrapport.objects.filter(forbund=forbund, ar=ar).first(),
        "handelser": Handelse.objects.filter(forbund=forbund, ar=ar).select_related("user"),
        "las": las_for(forbund_id=forbund.pk, ar=ar),
        "omgang": omgang_for(ar),
        "uppgifter": uppgiftslista(forbund=forbund, ar=ar, fynd=fynd, underlag=underlag),
        "insatser": underlag,
        "Niva": Niva,
    }


@forbund_access(READ_ALL, writes=WRITE)
@require_http_methods(["GET", "POST"])
def skicka_in(request, slug, ar):
    """'Kontrollera och skicka in': the year's checks, an explanation per warning, the thread, and the submit button."""
    ar_eller_404(ar)
    access = request.access
    forbund = access.forbund
    status = 200
    forklaringar_post = {}
    kommentar_form = KommentarForm()
    fel: list[str] = []
    falt_fel: dict[str, str] = {}
    if request.method == "POST":
        if request.POST.get("atgard") == "kommentar":
            kommentar_form = KommentarForm(request.POST)
            if kommentar_form.is_valid():
                services.kommentar_skriv(
                    forbund=forbund, ar=ar, user=request.user, text=kommentar_form.cleaned_data["text"]
                )
                messages.success(request, _("Kommentaren är sparad."))
                return redirect(request.path + "#trad")
            status = 400
        else:
            forklaringar_post = {
                key.removeprefix("forklaring-"): value
                for key, value in request.POST.items()
                if key.startswith("forklaring-")
            }
            nycklar = {}
            for key, text in forklaringar_post.items():
                kod, _sep, insats = key.rpartition("-")
                if insats.isascii() and insats.isdigit() and len(insats) < 19:  # int() refuses "²"
                    nycklar[(kod, int(insats))] = text
            try:
                rapport = services.arsrapport_skicka_in(forbund=forbund, ar=ar, user=request.user, forklaringar=nycklar)
            except ValidationError as exc:
                status = 400
                if hasattr(exc, "error_dict"):
                    falt_fel = {k: " ".join(str(m) for m in v[0].messages) for k, v in exc.error_dict.items()}
                else:
                    fel = list(exc.messages)
            else:
                messages.success(request, _("Årsrapporten är inskickad."))
                return redirect("rapportering:kvitto", slug=forbund.slug, ar=ar)
    ctx = forbund_ar_sammanstallning(forbund=forbund, ar=ar)
    for rad in ctx["fynd"]:
        if rad["nyckel"] in forklaringar_post:
            rad["forklaring"] = forklaringar_post[rad["nyckel"]]
        rad["fel"] = falt_fel.get(rad["nyckel"], "")
    rapport = ctx["rapport"]
    ctx.update(
        {
            "forbund": forbund,
            "access": access,
            "fel": fel,
            "falt_fel": falt_fel,
            "kommentar_form": kommentar_form,
            # Ändra links while the förbund may still change the year; the explanations and the button only when
            # nothing blocks the submission (typed explanations are saved with it).
            "kan_andra": access.can_write and ctx["las"] is None,
            "kan_skicka": access.can_write
            and ctx["las"] is None
            and ctx["antal_fel"] == 0
            and not (rapport and rapport.status == Status.GODKAND),
        }
    )
    return render(request, "rapportering/skicka_in.html", ctx, status=status)


@forbund_access(READ_ALL)
def kvitto(request, slug, ar):
    """The receipt: reference number, what happens next, and a download of what was submitted."""
    ar_eller_404(ar)
    access = request.access
    rapport = Arsrapport.objects.filter(forbund=access.forbund, ar=ar).exclude(status=Status.EJ_INSKICKAD).first()
    if rapport is None:
        raise Http404
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(rapport.inskickat_underlag, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="arsrapport-{access.forbund.slug}-{ar}.json"'
        return response
    return render(
        request,
        "rapportering/kvitto.html",
        {
            "forbund": access.forbund,
            "access": access,
            "rapport": rapport,
            "omgang": omgang_for(ar),
            "tillbaka": reverse("rapportering:skicka_in", kwargs={"slug": access.forbund.slug, "ar": ar}),
        },
    )
