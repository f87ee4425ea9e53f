"""The revision of a förbund's year (registered by the förbund) and the national §5.4 overview. Views only
translate: reads in selectors, writes in services, access in forbund.access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from core.granser import ar_eller_404, ar_utanfor, las_ar, rapportar
from forbund.access import READ_ALL, WRITE, forbund_access, nationell_access
from rapportering.las import las_for
from revision import selectors
from revision.forms import RevisionForm
from revision.services import revision_save


def _ar(ar: int) -> int:
    ar_eller_404(ar)
    return ar


@forbund_access(READ_ALL, writes=WRITE)
def revision_ar(request, slug, ar):
    """Förbundsadministratör registers; national staff read; a deltagaransvarig may not (403), outsiders 404."""
    access = request.access
    _ar(ar)
    revision = selectors.revision_for(access.forbund, ar)
    las = las_for(forbund_id=access.forbund.pk, ar=ar)
    form = RevisionForm(request.POST or None, initial=RevisionForm.initial_from(revision))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                revision_save(
                    forbund=access.forbund, ar=ar, version=form.cleaned_data["version"], **form.service_kwargs()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Revisionen för %(ar)s är sparad.") % {"ar": ar})
                return redirect("revision:ar", slug=slug, ar=ar)
        status = 400
    return render(
        request,
        "revision/revision_ar.html",
        {
            "forbund": access.forbund,
            "access": access,
            "ar": ar,
            "revision": revision,
            "form": form,
            "las": las,
            "historik": selectors.revision_historik(access.forbund, ar),
        },
        status=status,
    )


@nationell_access()
def revision_nationell(request):
    """§5.4 for a year: the national counts and every förbund's registration (national staff only, others 404).
    A year that is no year keeps the page, on last year, with the message at the field."""
    text = request.GET.get("ar", "").strip()
    ar, fel = rapportar(), ""
    if text:
        if (valt := las_ar(text)) is not None:
            ar = valt
        else:
            fel = ar_utanfor()
    return render(
        request,
        "revision/revision_nationell.html",
        {
            "ar": ar,
            "fel": fel,
            "summor": selectors.revision_summor(ar),
            "lista": selectors.revision_lista(ar),
        },
        status=400 if fel else 200,
    )
