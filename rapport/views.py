"""The report draft as a download from the dashboard, and the page where an administratör uploads FK's template.

The draft is for national users (others get 404); uploading is for administratörer (a national
user who is not one gets 403).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.granser import FORSTA_FORBUNDSAR, innevarande_ar, las_ar
from forbund.access import ADMINISTRATOR, is_administrator, nationell_access
from rapport.forms import RapportMallForm
from rapport.mall import FRIVILLIGA_FALT, STANDARDMALL, MallFel
from rapport.models import RapportMall
from rapport.selectors import rapport_underlag
from rapport.services import rapport_mall_anvand_standard, rapport_mall_create
from rapport.utkast import skapa_utkast
from rapportering.uttag import uttag_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ar(request) -> int | None:
    return las_ar(request.GET.get("ar"), FORSTA_FORBUNDSAR, innevarande_ar())


@nationell_access()
def utkast(request):
    """/statistik/rapport.docx?ar=YYYY[&uttag=ID|senaste]: the draft from live figures or an extract."""
    ar = _ar(request)
    if ar is None:
        return render(
            request, "rapport/fel.html", {"fel": [_("Välj ett år som har börjat, till exempel 2024.")]}, status=400
        )
    valt = None
    if request.GET.get("uttag"):
        valt = uttag_for(ar, request.GET["uttag"])
        if valt is None:
            raise Http404
    try:
        data = skapa_utkast(rapport_underlag(ar, valt))
    except MallFel as exc:
        return render(request, "rapport/fel.html", {"fel": exc.fel, "mall": True}, status=409)
    namn = f"finsam-rapport-{ar}" + (f"-uttag-{valt.pk}" if valt else "-preliminar") + ".docx"
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{namn}"'
    return response


@nationell_access(writes=ADMINISTRATOR)
def mallar(request):
    """The templates: which is used, upload FK's own, go back to the standard one."""
    form = RapportMallForm()
    if request.method == "POST":
        if request.POST.get("atgard") == "standard":
            rapport_mall_anvand_standard()
            messages.success(request, _("Standardmallen används nu för rapportutkasten."))
            return redirect("rapport:mallar")
        form = RapportMallForm(request.POST, request.FILES)
        if form.is_valid():
            fil = form.cleaned_data["fil"]
            try:
                rapport_mall_create(
                    namn=form.cleaned_data["namn"], filnamn=fil.name, data=fil.read(), user=request.user
                )
            except ValidationError as exc:
                for text in exc.messages:
                    form.add_error("fil", text)
            else:
                messages.success(request, _("Mallen är uppladdad och används nu för rapportutkasten."))
                return redirect("rapport:mallar")
    return render(
        request,
        "rapport/mallar.html",
        {
            "form": form,
            "mallar": RapportMall.objects.select_related("uppladdad_av")[:50],
            "aktiv": RapportMall.objects.filter(aktiv=True).first(),
            "kan_ladda_upp": is_administrator(request.user),
            "falt": {
                "innehall": "{{ innehall }}",
                "kalla": "{{ kalla }}",
                "frivilliga": ", ".join(f"{{{{ {f} }}}}" for f in sorted(FRIVILLIGA_FALT)),
            },
        },
        status=400 if request.method == "POST" else 200,
    )


@nationell_access()
def standardmall(request):
    """The repository's template, to open in Word, restyle and upload."""
    return FileResponse(
        STANDARDMALL.open("rb"), as_attachment=True, filename="finsam-rapportmall.docx", content_type=DOCX
    )
