from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from rapportering.kontroller import KONTROLLER, Niva


@login_required
def kontroller(request):
    """Every check, its level, what it checks and why: readable by anyone logged in."""
    ordning = {Niva.FEL: 0, Niva.VARNING: 1, Niva.INFO: 2}
    return render(
        request,
        "rapportering/kontroller.html",
        {"kontroller": sorted(KONTROLLER, key=lambda k: (ordning[k.niva], k.kod)), "nivaer": Niva},
    )
