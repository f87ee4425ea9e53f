"""One insats-year's figures: the form (a deltagaransvarig sees and changes only the participant counts) and the
removal of the year's figures. Access is declared per view (forbund/access.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from forbund.access import DELTAGARE
from insatser import arsuppgifter, konflikt, services
from insatser.access import insats_access
from insatser.forms import InsatsArForm, VersionForm
from insatser.models import Insats
from insatser.rules import allowed_years
from insatser.views_forms import _ny_version


@insats_access(DELTAGARE)
def insats_ar(request, slug, pk, ar):
    """Register or correct one year's figures; a deltagaransvarig sees and changes only the participant counts."""
    # 404 for a deltagaransvarig the insats is not assigned to; 403 for a reader (a national role held as well never
    # lets a deltagaransvarig write the counts of insatser not assigned to them).
    access, insats = request.access, request.insats
    only_deltagare = not access.can_write
    row = next((a for a in insats.arsuppgifter.all() if a.ar == ar), None)
    if "ta-bort" in request.GET and row is not None and access.can_write:
        return _insats_ar_ta_bort(request, access, insats, row)
    if ar not in allowed_years(insats.startdatum, insats.slutdatum):
        raise Http404
    initial = {"version": insats.version, "ar_version": row.version if row else 0}
    if row:
        initial.update({f: getattr(row, f) for f in InsatsArForm.base_fields if f not in ("version", "ar_version")})
    form = InsatsArForm(request.POST or None, insats=insats, only_deltagare=only_deltagare, initial=initial)
    vy = None
    if request.method == "POST" and form.is_valid():
        ar_version = form.cleaned_data.get("ar_version")
        try:
            if ar_version is None:  # a form opened before the year had its own version: the insats's, as before
                services.insats_ar_save(
                    insats=insats,
                    version=form.cleaned_data["version"],
                    ar=ar,
                    values=form.values(),
                    only_deltagare=only_deltagare,
                )
            else:
                arsuppgifter.insats_ar_spara(
                    insats=insats, ar=ar, ar_version=ar_version, values=form.values(), only_deltagare=only_deltagare
                )
        except services.Konflikt as exc:
            form.add_error(None, exc)
            falt = [f for f in form.fields if f not in ("version", "ar_version")]
            vy = konflikt.ar_konflikt(insats, ar, ar_version or 0, form.cleaned_data, falt)
            _ny_version(form, "ar_version", vy.version)
            _ny_version(form, "version", Insats.objects.get(pk=insats.pk).version)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uppgifterna för %(ar)s är sparade.") % {"ar": ar})
            return redirect(insats.get_absolute_url())
    return render(
        request,
        "insatser/insats_ar_form.html",
        {
            "forbund": access.forbund,
            "access": access,
            "insats": insats,
            "ar": ar,
            "form": form,
            "only_deltagare": only_deltagare,
            "konflikt": vy,
            "kan_ta_bort": row is not None and access.can_write,
        },
    )


def _insats_ar_ta_bort(request, access, insats, row):
    """ "Ta bort årets uppgifter": asks first, then removes the year's figures (recorded in the history)."""
    form = VersionForm(request.POST or None, initial={"version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            arsuppgifter.insats_ar_ta_bort(insats=insats, ar=row.ar, ar_version=form.cleaned_data["version"])
        except services.Konflikt:
            form.add_error(
                None,
                _(
                    "Någon annan har ändrat uppgifterna för %(ar)s sedan du öppnade sidan. Titta på dem igen innan "
                    "du tar bort dem."
                )
                % {"ar": row.ar},
            )
            form.data = form.data.copy()
            form.data["version"] = str(arsuppgifter.ar_version(insats, row.ar))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uppgifterna för %(ar)s är borttagna.") % {"ar": row.ar})
            return redirect(insats.get_absolute_url())
    return render(
        request,
        "insatser/insats_ar_confirm_delete.html",
        {"forbund": access.forbund, "access": access, "insats": insats, "row": row, "ar": row.ar, "form": form},
        status=400 if form.errors else 200,
    )
