"""Pages of the outcome counts: the grid per insats and year, and the national tables.

Access as the insats's participant counts, declared per view (forbund/access.py): outsiders 404, a deltagaransvarig
not assigned to the insats 404, readers see the grid and get 403 on a save.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from core.granser import ar_eller_404
from forbund.access import DELTAGARE, READ, nationell_access
from insatser.access import insats_access
from insatser.rules import allowed_years
from insatser.selectors import kan_registrera_deltagare
from rapportering.selectors import las_for
from utfall import selectors, services, statistik
from utfall.forms import UtfallForm, kol_ids, rad_id
from utfall.koder import (
    ALDERSBAND,
    ALDERSGRUPPER,
    AVSLUTADE,
    BAND_KODER,
    GRUPP_KODER,
    KATEGORIER,
    KON,
    PABORJADE,
    UTFALL,
    UTFALL_KATEGORI,
    falt_namn,
)
from utfall.rules import avslutade, deltagare_varningar, utfall_summa


def _grid(form, *, varden) -> dict:
    """The two tables as rows of bound fields, in order, for the template."""
    kategori_namn = dict(KATEGORIER)
    flode = []
    for kategori in (PABORJADE, AVSLUTADE):
        for kon, kon_namn in KON:
            nyckel = (kategori, "", kon, BAND_KODER[0])
            flode.append(
                {
                    "id": rad_id(nyckel),
                    "namn": f"{kategori_namn[kategori]}, {str(kon_namn).lower()}",
                    "celler": [form[falt_namn((kategori, "", kon, band))] for band in BAND_KODER],
                }
            )
    utfall_rader = [
        {
            "id": rad_id((UTFALL_KATEGORI, kod, "", "")),
            "namn": namn,
            "celler": [
                form[falt_namn((UTFALL_KATEGORI, kod, kon, grupp))] for kon in dict(KON) for grupp in GRUPP_KODER
            ],
        }
        for kod, namn in UTFALL
    ]
    summor = [(utfall_summa(varden, kon, g), avslutade(varden, kon, g)) for kon in dict(KON) for g in GRUPP_KODER]
    return {
        "band": [(f"kol-{b.kod}", b.namn) for b in ALDERSBAND],
        "kon": [(f"kol-{k}", namn) for k, namn in KON],
        "grupper": [
            (kol_ids((UTFALL_KATEGORI, "x", k, g)).split()[1], namn) for k in dict(KON) for g, namn in ALDERSGRUPPER
        ],
        "flode": flode,
        "utfall": utfall_rader,
        "summor": summor,
    }


@insats_access(READ, writes=DELTAGARE)
def utfall_ar(request, slug, pk, ar):
    """Register or correct one insats-year's outcome counts (a grid); readers see it without inputs to save."""
    ar_eller_404(ar)
    access, insats = request.access, request.insats  # 404 for a deltagaransvarig the insats is not assigned to
    if not selectors.kan_ha_utfall(insats):
        raise Http404
    # The years the insats runs, and any year it has figures for (the insats page links every one of them).
    if ar not in allowed_years(insats.startdatum, insats.slutdatum) and not any(
        a.ar == ar for a in insats.arsuppgifter.all()
    ):
        raise Http404
    kan_skriva = kan_registrera_deltagare(access, request.user, insats)
    utfall, varden = selectors.utfall_for(insats=insats, ar=ar)
    las = las_for(forbund_id=insats.forbund_id, ar=ar)
    initial = UtfallForm.initial_from(utfall.version if utfall else 0, varden)
    form = UtfallForm(request.POST or None, initial=initial, las=not kan_skriva)
    if request.method == "POST" and form.is_valid():
        try:
            services.utfall_save(
                insats=insats, ar=ar, version=form.cleaned_data["version"], varden=form.varden(), replace=True
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Utfallen för %(ar)s är sparade.") % {"ar": ar})
            kvinnor, man = selectors.deltagare_for(insats=insats, ar=ar)
            for text in deltagare_varningar(
                form.varden(), deltagare_kvinnor=kvinnor, deltagare_man=man, startdatum=insats.startdatum
            ):
                messages.warning(request, text)
            return redirect("utfall:ar", slug=slug, pk=pk, ar=ar)
    form.mark_errors()
    return render(
        request,
        "utfall/utfall_form.html",
        {
            "forbund": access.forbund,
            "access": access,
            "insats": insats,
            "ar": ar,
            "form": form,
            "grid": _grid(form, varden=varden),
            "kan_skriva": kan_skriva,
            "las": las,
            "historik": selectors.utfall_historik(insats=insats, ar=ar),
            "deltagare": selectors.deltagare_for(insats=insats, ar=ar),
        },
        status=400 if form.errors else 200,
    )


@nationell_access()
def nationell(request):
    """Share in work or studies after the insats, per inriktning and nationally, by kön and age group."""
    ar, ar_fel = statistik.valt_ar(request.GET.get("ar", ""))
    return render(
        request,
        "utfall/nationell.html",
        {
            "ar": ar,
            "ar_fel": ar_fel,
            "ar_val": statistik.ar_val(ar),
            "tabell": statistik.andel_tabell(ar=ar),
            "trend": statistik.trend(),
            "aktiv": "utfall",
            "query": f"ar={ar}",
        },
        status=400 if ar_fel else 200,
    )
