"""The tillgänglighetsredogörelse and its feedback form: public, so that anyone who cannot log in can tell us."""

import time

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from synpunkter.forms import SynpunktForm
from synpunkter.services import synpunkt_create

# Lightly rate-limited so the form is no spam gateway: this many messages per session and hour.
MAX_PER_TIMME = 5
SESSIONSNYCKEL = "synpunkter_skickade"


def redogorelse(request):
    return render(request, "tillganglighet/redogorelse.html")


def _nyligen_skickade(request) -> list[float]:
    nu = time.time()
    return [t for t in request.session.get(SESSIONSNYCKEL, []) if isinstance(t, (int, float)) and nu - t < 3600]


def synpunkt_form(request):
    form = SynpunktForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        skickade = _nyligen_skickade(request)
        if len(skickade) >= MAX_PER_TIMME:
            form.add_error(
                None,
                _(
                    "Du har redan skickat %(antal)d meddelanden den senaste timmen. Vänta en stund och försök igen, "
                    "eller kontakta Försäkringskassan på annat sätt."
                )
                % {"antal": MAX_PER_TIMME},
            )
        else:
            synpunkt_create(
                meddelande=form.cleaned_data["meddelande"],
                epost=form.cleaned_data["epost"],
                anvandare=request.user if request.user.is_authenticated else None,
            )
            request.session[SESSIONSNYCKEL] = [*skickade, time.time()]
            return redirect("tillganglighet:tack")
    status = 400 if form.errors else 200
    return render(request, "synpunkter/synpunkt_form.html", {"form": form}, status=status)


def tack(request):
    return render(request, "synpunkter/tack.html")
