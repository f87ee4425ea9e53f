from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from security.authentication import giltig_till


@login_required
@require_http_methods(["GET", "POST"])
def api_nycklar(request):
    """Mina API-nycklar: create a key (shown once, on this response only), see its validity, revoke it."""
    token = Token.objects.filter(user=request.user).first()
    ny_nyckel = None
    if request.method == "POST":
        if request.POST.get("atgard") == "skapa":
            # One key per user (DRF's model): a new key replaces the old one, which stops working at once.
            Token.objects.filter(user=request.user).delete()
            token = Token.objects.create(user=request.user)
            ny_nyckel = token.key
        elif request.POST.get("atgard") == "aterkalla" and token:
            token.delete()
            messages.success(request, _("API-nyckeln är återkallad och fungerar inte längre."))
            return redirect("api_nycklar")
        else:
            return redirect("api_nycklar")
    return render(
        request,
        "konto/api_nycklar.html",
        {
            "token": token,
            "giltig_till": giltig_till(token) if token else None,
            "ny_nyckel": ny_nyckel,
            "nu": timezone.now(),
            "api_token_dagar": settings.API_TOKEN_DAGAR,
        },
    )
