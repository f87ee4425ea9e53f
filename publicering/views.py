"""The open data page (public) and Försäkringskassan's list of releases with the button that makes one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.granser import innevarande_ar
from forbund.access import GRANSKARE, is_granskare, nationell_access
from publicering import indikatorer
from publicering.models import Publicering
from publicering.oppet_format import FORMAT, KALLA, LICENS
from publicering.selectors import senaste_per_ar
from publicering.services import publicering_skapa
from publicering.skydd import FOTNOT, PRICKAR, SAKNAS
from rapportering.models import Uttag


def tabell_fran(publicering: Publicering | None, indikator: str) -> dict | None:
    """The newest release's rows of one indicator by område, with K, M and T as shown: ".." when hidden."""
    if publicering is None:
        return None
    namn = {**publicering.omraden.get("lan", {}), indikatorer.RIKET_KOD: _("Riket")}
    namn.update({s: f["namn"] for s, f in publicering.omraden.get("forbund", {}).items()})
    rader: dict[tuple, dict] = {}
    for r in publicering.data:
        if r["indikator"] == indikator:
            rad = rader.setdefault(
                (r["omrade_typ"], r["omrade"]), {"namn": namn.get(r["omrade"], r["omrade"]), "K": None, "M": None}
            )
            rad[r["kon"]] = r["status"] or r["varde"]  # never the value of a hidden cell: ".." or "–" (not registered)
    ordning = {indikatorer.RIKET: 0, indikatorer.LAN: 1, indikatorer.FORBUND: 2}
    valda = sorted(rader.items(), key=lambda x: (ordning[x[0][0]], x[1]["namn"]))
    return {
        "ar": publicering.ar,
        "id": publicering.pk,
        "lan": [r for (typ, _o), r in valda if typ != indikatorer.FORBUND],
        "forbund": [r for (typ, _o), r in valda if typ == indikatorer.FORBUND],
        "dold": any(PRICKAR in r.values() for _k, r in valda),
        "saknas": any(SAKNAS in r.values() for _k, r in valda),
    }


def statistik(request):
    """The public view of the dashboard: every table of the year's newest release as published ('..' where hidden),
    each with its downloads (the open API's CSV and XLSX of the same release). No login; nothing live."""
    per_ar = senaste_per_ar()
    text = request.GET.get("ar", "")
    if not per_ar:
        valt = None
    elif text:
        if not (text.isascii() and text.isdigit() and len(text) == 4) or int(text) not in per_ar:
            raise Http404
        valt = per_ar[int(text)]
    else:
        valt = per_ar[max(per_ar)]
    tabeller = []
    if valt is not None:
        valt = Publicering.objects.get(pk=valt.pk)  # with its data
        bas = request.build_absolute_uri("/api/oppen/v1/data/indikator/")
        for i in indikatorer.alla():
            tabell = tabell_fran(valt, i.id)
            if tabell["lan"] or tabell["forbund"]:
                lank = f"{bas}{i.id}/ar/{valt.ar}?publicering={valt.pk}&format="
                tabeller.append({"indikator": i, "tabell": tabell, "csv": lank + "csv", "xlsx": lank + "xlsx"})
    return render(
        request,
        "oppna_data/statistik.html",
        {
            "publicering": valt,
            "ar_lista": sorted(per_ar, reverse=True),
            "tabeller": tabeller,
            "fotnot": FOTNOT,
            "kalla": KALLA,
        },
    )


def oppna_data(request):
    """What the open data are, their licence, and how to read them through the API (no login)."""
    senaste = Publicering.objects.order_by("-ar", "-skapad", "-pk").first()
    return render(
        request,
        "oppna_data/oppna_data.html",
        {
            "licens": LICENS,
            "kalla": KALLA,
            "fotnot": FOTNOT,
            "format": FORMAT,
            "indikatorer": indikatorer.alla(),
            "publiceringar": Publicering.objects.order_by("-skapad", "-pk").only("pk", "ar", "skapad", "andringar"),
            "bas": request.build_absolute_uri("/api/oppen/v1/"),
            "tabell": tabell_fran(senaste, indikatorer.DELTAGARE_I),
        },
    )


@nationell_access(writes=GRANSKARE)
@require_http_methods(["GET", "POST"])
def publiceringar(request):
    """Every release; a granskare releases a year from an extract or from a closed year's live figures."""
    if request.method == "POST":
        text = request.POST.get("ar", "")
        ar = int(text) if text.isascii() and text.isdigit() and len(text) == 4 else 0
        uttag_text = request.POST.get("uttag", "")
        uttag = None
        if uttag_text:
            uttag = (
                Uttag.objects.filter(pk=int(uttag_text)).first()
                if uttag_text.isdigit() and len(uttag_text) < 12
                else None
            )
            if uttag is None:
                messages.error(request, _("Det finns inget sådant uttag."))
                return redirect("publicering:lista")
        try:
            p = publicering_skapa(ar=ar, user=request.user, uttag=uttag)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("publicering:lista")
        messages.success(request, _("Publicering %(id)s av %(ar)s är gjord.") % {"id": p.pk, "ar": ar})
        return redirect("publicering:lista")
    this_year = innevarande_ar()
    return render(
        request,
        "publicering/publicering_list.html",
        {
            "publiceringar": Publicering.objects.select_related("skapad_av", "uttag"),
            "uttag": Uttag.objects.order_by("-tagen")[:50],
            "ar_val": list(range(this_year - 1, this_year - 8, -1)),
            "ar_granskare": is_granskare(request.user),
        },
    )
