"""Användare och behörigheter: the administratör's account pages, the förbundsadministratör's deltagaransvariga and
each user's own roles. Views translate HTTP; the rules and the writes are in selectors.py and services.py.

Access, declared per view (forbund/access.py): /konton/ is the administratör's (other national staff: 403, everyone
else: 404, as for national pages); a förbund's user page is its förbundsadministratör's (the förbund's other people
and national staff: 403, outsiders: 404).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from forbund.access import ADMINISTRATOR, WRITE, forbund_access, nationell_access
from forbund.konton import konto_skyddat
from forbund.models import Behorighet, Roll
from konton import selectors, services
from konton.forms import DeltagaransvarigForm, InbjudanForm, InsatserForm, RollForm, SokForm

PER_SIDA = 50


# ---------------------------------------------------------------- The administratör's pages


@nationell_access(ADMINISTRATOR)
def anvandare_list(request):
    """Every account, who has which role in which förbund; search, sort and pages."""
    sok = SokForm(request.GET)
    q = sok.cleaned_data["q"] if sok.is_valid() else ""
    sortera = request.GET.get("sortera", "")
    page = Paginator(selectors.anvandare_list(q=q, sortera=sortera), PER_SIDA).get_page(request.GET.get("sida"))
    params = request.GET.copy()
    params.pop("sida", None)
    return render(
        request,
        "konton/anvandare_list.html",
        {
            "sok": sok,
            "q": q,
            "page": page,
            "sortera": sortera,
            "querystring": params.urlencode(),
            "sok_querystring": urlencode({"q": q}) if q else "",
        },
    )


@nationell_access(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def bjud_in(request):
    form = InbjudanForm(request.POST or None, superuser=request.user.is_superuser)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.konto_invite(
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                roll=data["roll"],
                forbund=data["forbund"],
                request=request,
                utford_av=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(user)s är inbjuden: en länk för att välja lösenord har skickats.") % {"user": user}
            )
            return redirect("konton:detail", user.pk)
    return render(request, "konton/bjud_in.html", {"form": form}, status=400 if form.errors else 200)


@nationell_access(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def anvandare_detail(request, pk):
    """One account: its roles (each can be removed), a role to add, and deactivation."""
    user = get_object_or_404(get_user_model(), pk=pk)
    form = RollForm(request.POST or None, superuser=request.user.is_superuser)
    if request.method == "POST" and form.is_valid():
        try:
            services.roll_grant(
                user=user, roll=form.cleaned_data["roll"], forbund=form.cleaned_data["forbund"], utford_av=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rollen är beviljad och %(user)s har fått e-post om det.") % {"user": user})
            return redirect("konton:detail", user.pk)
    return render(
        request,
        "konton/anvandare_detail.html",
        {
            "konto": user,
            "roller": selectors.mina_roller(user),
            "form": form,
            "handelser": selectors.handelser_list().filter(galler=user)[:20],
            "kan_inaktivera": selectors.kan_inaktivera(utford_av=request.user, user=user) and user != request.user,
            # The same rule the services apply: only a superuser changes superusers' and administratörer's roles.
            "kan_andra": request.user.is_superuser or not konto_skyddat(user),
        },
        status=400 if form.errors else 200,
    )


@nationell_access(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def roll_ta_bort(request, pk):
    """Confirm, then remove one role."""
    behorighet = get_object_or_404(Behorighet.objects.select_related("user", "forbund"), pk=pk)
    if not selectors.kan_andra_roll(
        utford_av=request.user, user=behorighet.user, roll=behorighet.roll, forbund=behorighet.forbund
    ):
        raise PermissionDenied
    if request.method == "POST":
        services.roll_revoke(behorighet=behorighet, utford_av=request.user)
        messages.success(
            request, _("Rollen är borttagen och %(user)s har fått e-post om det.") % {"user": behorighet.user}
        )
        return redirect("konton:detail", behorighet.user_id)
    return render(
        request,
        "konton/roll_ta_bort.html",
        {
            "behorighet": behorighet,
            "konto": behorighet.user,
            "tillbaka": reverse("konton:detail", args=[behorighet.user_id]),
        },
    )


@nationell_access(ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def inaktivera(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    if not selectors.kan_inaktivera(utford_av=request.user, user=user):
        raise PermissionDenied
    fel = ""
    if request.method == "POST":
        try:
            services.konto_deactivate(user=user, utford_av=request.user)
        except ValidationError as exc:
            fel = " ".join(exc.messages)
        else:
            messages.success(request, _("%(user)s är inaktiverad och har fått e-post om det.") % {"user": user})
            return redirect("konton:detail", user.pk)
    return render(request, "konton/inaktivera.html", {"konto": user, "fel": fel}, status=400 if fel else 200)


@nationell_access(ADMINISTRATOR)
def logg(request):
    """Every change to access: who, when, what, whom."""
    page = Paginator(selectors.handelser_list(), PER_SIDA).get_page(request.GET.get("sida"))
    return render(request, "konton/logg.html", {"page": page})


# ---------------------------------------------------------------- The förbundsadministratör's page


@forbund_access(WRITE)
def forbund_anvandare(request, slug):
    access = request.access
    return render(
        request,
        "konton/forbund_anvandare.html",
        {"forbund": access.forbund, "access": access, "rader": selectors.forbund_behorigheter(access.forbund)},
    )


@forbund_access(WRITE)
@require_http_methods(["GET", "POST"])
def forbund_utse(request, slug):
    """Appoint a deltagaransvarig: an existing account by e-mail, or a new one invited."""
    access = request.access
    forbund = access.forbund
    form = DeltagaransvarigForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if form.befintlig is not None:
                user = form.befintlig
                services.roll_grant(user=user, roll=Roll.DELTAGARANSVARIG, forbund=forbund, utford_av=request.user)
            else:
                user = services.konto_invite(
                    username=data["email"].lower(),
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    roll=Roll.DELTAGARANSVARIG,
                    forbund=forbund,
                    request=request,
                    utford_av=request.user,
                )
        except PermissionDenied:
            form.add_error("email", _("Det kontot kan bara Försäkringskassans administratör ändra."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(namn)s är deltagaransvarig. Välj nu vilka insatser hen ansvarar för.")
                % {"namn": selectors.namn(user)},
            )
            return redirect("konton:forbund_insatser", forbund.slug, user.pk)
    return render(
        request,
        "konton/forbund_utse.html",
        {"forbund": forbund, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


def _deltagaransvarig(forbund, pk):
    behorighet = (
        Behorighet.objects.filter(forbund=forbund, roll=Roll.DELTAGARANSVARIG, user_id=pk)
        .select_related("user")
        .first()
    )
    if behorighet is None:
        raise Http404
    return behorighet


@forbund_access(WRITE)
@require_http_methods(["GET", "POST"])
def forbund_insatser(request, slug, pk):
    """Which of the förbund's insatser a deltagaransvarig is responsible for."""
    access = request.access
    behorighet = _deltagaransvarig(access.forbund, pk)
    user = behorighet.user
    initial = {"insatser": list(user.ansvarig_for_insatser.filter(forbund=access.forbund))}
    form = InsatserForm(request.POST or None, forbund=access.forbund, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.deltagaransvarig_insatser_set(
                forbund=access.forbund, user=user, insatser=form.cleaned_data["insatser"], utford_av=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Insatserna för %(namn)s är sparade.") % {"namn": selectors.namn(user)})
            return redirect("konton:forbund", access.forbund.slug)
    return render(
        request,
        "konton/forbund_insatser.html",
        {"forbund": access.forbund, "access": access, "form": form, "konto": user},
        status=400 if form.errors else 200,
    )


@forbund_access(WRITE)
@require_http_methods(["GET", "POST"])
def forbund_ta_bort(request, slug, pk):
    """Confirm, then remove the deltagaransvarig role (and the person from the förbund's insatser)."""
    access = request.access
    behorighet = _deltagaransvarig(access.forbund, pk)
    if not selectors.kan_andra_roll(
        utford_av=request.user, user=behorighet.user, roll=behorighet.roll, forbund=access.forbund
    ):
        raise PermissionDenied
    if request.method == "POST":
        services.roll_revoke(behorighet=behorighet, utford_av=request.user)
        messages.success(
            request,
            _("%(namn)s är inte längre deltagaransvarig i förbundet.") % {"namn": selectors.namn(behorighet.user)},
        )
        return redirect("konton:forbund", access.forbund.slug)
    return render(
        request,
        "konton/roll_ta_bort.html",
        {
            "behorighet": behorighet,
            "konto": behorighet.user,
            "forbund": access.forbund,
            "access": access,
            "tillbaka": reverse("konton:forbund", args=[access.forbund.slug]),
        },
    )


# ---------------------------------------------------------------- The user's own page


@login_required
def mitt_konto(request):
    return render(request, "konton/mitt_konto.html", {"roller": selectors.mina_roller(request.user)})
