import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.export import file_response, write_csv
from core.granser import innevarande_ar
from forbund.access import access_for, is_nationell
from forbund.exports import struktur_csv_rows
from forbund.forms import DatumForm
from forbund.models import Forbund
from forbund.selectors import forbund_list_on, medlemskap_history, register_komplett_fran, struktur_on
from forbund.strukturhandelser import strukturhandelser
from konton import selectors as konton_selectors


def _datum_from(request) -> tuple[DatumForm, datetime.date]:
    today = datetime.date.today()
    form = DatumForm(request.GET or {"datum": today.isoformat()})
    datum = form.cleaned_data["datum"] if form.is_valid() else today
    return form, datum


@login_required
def start(request):
    """Landing page that leads to the work: a förbundsadministratör's insatser, ekonomi and what is missing this
    year; a deltagaransvarig's assigned insatser; national staff's dashboard, review queue and what changed since
    their previous login."""
    ar = innevarande_ar()
    nationell = is_nationell(request.user) or request.user.is_superuser
    return render(
        request,
        "start.html",
        {
            "ar": ar,
            "forra_ar": ar - 1,
            "administrerade_forbund": konton_selectors.forbund_som_administrator(request.user),
            "mina_insatser": konton_selectors.mina_insatser(request.user, ar),
            "andringar": konton_selectors.andringar_sedan(request.user) if nationell else None,
        },
    )


@login_required
def struktur(request):
    """'Kommuner som ingår i samordningsförbund' for any date, grouped by län as in the report's Bilaga 1."""
    form, datum = _datum_from(request)
    result = struktur_on(datum)
    if request.GET.get("format") == "csv":
        return file_response(write_csv(struktur_csv_rows(result)), f"kommuner-i-samordningsforbund-{datum}.csv")
    return render(
        request,
        "forbund/struktur.html",
        {
            "form": form,
            "datum": datum,
            "struktur": result,
            "komplett_fran": register_komplett_fran(),
            "handelser": strukturhandelser(datum.year),
        },
    )


@login_required
def forbund_list(request):
    form, datum = _datum_from(request)
    q = request.GET.get("q", "").strip()
    forbund = forbund_list_on(datum).prefetch_related("tidigare_namn")
    if q:
        forbund = forbund.filter(namn__icontains=q)
    return render(
        request,
        "forbund/forbund_list.html",
        {"form": form, "datum": datum, "forbund": forbund, "q": q, "komplett_fran": register_komplett_fran()},
    )


@login_required
def forbund_detail(request, slug):
    """A förbund's registry page: names, mergers and the whole member history."""
    forbund = get_object_or_404(Forbund.objects.select_related("efterfoljare"), slug=slug)
    access = access_for(request.user, forbund)
    return render(
        request,
        "forbund/forbund_detail.html",
        {
            "forbund": forbund,
            "medlemskap": medlemskap_history(forbund),
            "tidigare_namn": forbund.tidigare_namn.all(),
            "foregangare": forbund.foregangare.all(),
            "access": access,
            "kan_se_uppfoljning": access is not None or is_nationell(request.user),
            "rubrik": _("Medlemshistorik"),
        },
    )
