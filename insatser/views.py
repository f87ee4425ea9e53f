"""The förbund's pages. Views only translate between HTTP and the selectors/services.

Access is resolved first (forbund/access.py): an outsider gets 404, a read-only user 403 on every write. A
deltagaransvarig sees only the insatser assigned to them and changes only their participant counts.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import dataversion
from forbund.access import ForbundAccess, get_forbund_access
from insatser import arsuppgifter, konflikt, selectors, services
from insatser.exports import insatser_dataset, insatser_download, insatser_lasbar, lasbar_download, om_filen
from insatser.forms import InsatsArForm, InsatsForm, VersionForm
from insatser.models import Inriktning, Insats
from insatser.rules import allowed_years
from rapportering.uppgifter import uppgiftslista

PER_SIDA = 25


def _insats(request, access: ForbundAccess, pk: int) -> Insats:
    insats = selectors.insats_detail(access=access, user=request.user, pk=pk)
    if insats is None:
        raise Http404
    return insats


def _valt_ar(request) -> tuple[int, str]:
    """The year asked for (default this year) and, for a value that is not a year, a message saying so."""
    this_year = datetime.date.today().year
    value = request.GET.get("ar", "").strip()
    if not value:
        return this_year, ""
    try:
        ar = int(value)
    except ValueError:
        return this_year, _("”%(varde)s” är inget årtal. Välj ett år i listan.") % {"varde": value[:20]}
    if not 1990 <= ar <= 2100:
        return this_year, _("Välj ett år mellan 1990 och 2100.")
    return ar, ""


def _ny_version(form, namn: str, version: int) -> None:
    """After a conflict the form carries the current version, so the next Spara (once the user has seen the other
    change) goes through; the rest of what the user typed is kept."""
    form.data = form.data.copy()
    form.data[form.add_prefix(namn)] = str(version)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for falt, errors in exc.error_dict.items():
            form.add_error(falt if falt in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def forbund_start(request, slug):
    """The förbund's year at a glance: insatser running, totals and what is still missing."""
    access = get_forbund_access(request.user, slug)
    ar, ar_fel = _valt_ar(request)
    oversikt = selectors.forbund_oversikt(access=access, user=request.user, ar=ar)
    this_year = datetime.date.today().year
    return render(
        request,
        "insatser/forbund_start.html",
        {
            "forbund": access.forbund,
            "access": access,
            "oversikt": oversikt,
            # The year as a task list, for those who see the förbund's money (administratör and national staff).
            "uppgifter": uppgiftslista(forbund=access.forbund, ar=ar) if access.can_read_all else None,
            "ar_val": sorted({*range(this_year - 5, this_year + 2), ar}, reverse=True),
            "ar_fel": ar_fel,
        },
        status=400 if ar_fel else 200,
    )


@login_required
def insats_list(request, slug):
    access = get_forbund_access(request.user, slug)
    filterset, qs, ar = selectors.insats_list(access=access, user=request.user, params=request.GET)
    filter_ok = filterset.is_valid()
    export = request.GET.get("format")
    if export in {"csv", "xlsx", "importmall", "importmall-xlsx"} and filter_ok:
        valt_ar = filterset.form.cleaned_data.get("ar")
        valt_ar = int(valt_ar) if valt_ar else None
        idag = datetime.date.today().isoformat()
        if export.startswith("importmall"):
            # The import format (codes, one row per insats and year), to edit and import again.
            dataset = insatser_dataset(qs, ar=valt_ar, med_ekonomi=access.can_read_all)
            suffix = "xlsx" if export.endswith("xlsx") else "csv"
            return insatser_download(dataset, f"insatser-importmall-{access.forbund.slug}-{idag}.{suffix}")
        rubriker, rader, summa = insatser_lasbar(qs, ar=valt_ar, med_ekonomi=access.can_read_all)
        om = om_filen(forbund=access.forbund, ar=valt_ar, antal=qs.count())
        return lasbar_download(rubriker, rader, summa, filnamn=f"insatser-{access.forbund.slug}-{idag}.{export}", om=om)
    page = Paginator(qs, PER_SIDA).get_page(request.GET.get("sida"))
    page.object_list = selectors.with_deltagare(page.object_list)
    params = request.GET.copy()
    params.pop("sida", None)
    params.pop("format", None)
    # An invalid filter shows its error at the field and no list (and no year it did not ask for); a download
    # asked for with it shows the page too, rather than an empty file.
    return render(
        request,
        "insatser/insats_list.html",
        {
            "forbund": access.forbund,
            "access": access,
            "filter": filterset,
            "filter_ok": filter_ok,
            "page": page,
            "ar": ar,
            "querystring": params.urlencode(),
            # The filter form's fields are cached as HTML under it (their choices are data; a quarter of the page).
            "dataversion": dataversion.current(),
        },
        status=200 if filter_ok else 400,
    )


def _form_context(access, form, insats=None):
    return {
        "forbund": access.forbund,
        "access": access,
        "form": form,
        "insats": insats,
        "inriktningar": Inriktning.objects.all(),
    }


@login_required
def insats_create(request, slug):
    access = get_forbund_access(request.user, slug, write=True)
    form = InsatsForm(request.POST or None, forbund=access.forbund)
    if request.method == "POST" and form.is_valid():
        try:
            insats = services.insats_create(forbund=access.forbund, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Insatsen %(namn)s är registrerad. Registrera årets uppgifter nedan.") % {"namn": insats.namn},
            )
            return redirect(insats.get_absolute_url())
    return render(request, "insatser/insats_form.html", _form_context(access, form))


@login_required
def insats_detail(request, slug, pk):
    access = get_forbund_access(request.user, slug)
    insats = _insats(request, access, pk)
    figures = {a.ar: a for a in insats.arsuppgifter.all()}
    years = list(allowed_years(insats.startdatum, insats.slutdatum))
    for ar in figures:
        if ar not in years:
            years.append(ar)
    allowed = set(allowed_years(insats.startdatum, insats.slutdatum))
    # (år, figures, may this user open the year's form): a link only where the form would open for them.
    kan_andra_ar = access.can_write or (
        insats.counts_participants and selectors.kan_registrera_deltagare(access, request.user, insats)
    )
    rows = [(ar, figures.get(ar), kan_andra_ar and ar in allowed) for ar in sorted(years, reverse=True)]
    return render(
        request,
        "insatser/insats_detail.html",
        {
            "forbund": access.forbund,
            "access": access,
            "insats": insats,
            "rows": rows,
            "utforare": selectors.utforare_namn(insats),
            "historik": selectors.insats_historik(insats, med_ekonomi=access.can_read_all),
            "kan_andra_ar": kan_andra_ar,
        },
    )


@login_required
def insats_update(request, slug, pk):
    access = get_forbund_access(request.user, slug, write=True)
    insats = _insats(request, access, pk)
    form = InsatsForm(request.POST or None, forbund=access.forbund, initial=InsatsForm.initial_from(insats))
    vy = None
    utanfor: list[int] = []
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        version = form.cleaned_data["version"]
        utanfor = arsuppgifter.ar_utanfor(insats, kwargs["startdatum"], kwargs["slutdatum"])
        bekraftade = form.ta_bort()
        try:
            if utanfor and bekraftade != utanfor:
                raise _utanfor_fel(utanfor, kwargs["startdatum"])
            arsuppgifter.insats_update_ta_bort_ar(insats=insats, version=version, ta_bort=utanfor, **kwargs)
        except services.Konflikt as exc:
            form.add_error(None, arsuppgifter.InsatsKonflikt() if type(exc) is services.Konflikt else exc)
            vy = konflikt.insats_konflikt(insats, version or 0, form.cleaned_data)
            _ny_version(form, "version", vy.version)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            if utanfor:
                messages.success(request, _("Uppgifterna för %(ar)s är borttagna.") % {"ar": _ar_text(utanfor)})
            return redirect(insats.get_absolute_url())
    if utanfor:
        form.fields["ta_bort_ar"].label = _ta_bort_text(utanfor)
        form.data = form.data.copy()
        form.data["ta_bort_vilka"] = ",".join(str(a) for a in utanfor)
    context = _form_context(access, form, insats)
    context.update({"konflikt": vy, "ta_bort_utanfor": utanfor})
    return render(request, "insatser/insats_form.html", context)


def _utanfor_fel(utanfor: list[int], startdatum: datetime.date) -> ValidationError:
    """New dates leave registered years outside the period: say which, and how to remove them in the same step."""
    falt = "startdatum" if utanfor[0] < startdatum.year else "slutdatum"
    meddelande = _(
        "Uppgifterna för %(ar)s passar inte längre: de hamnar utanför de nya datumen. Kryssa i ”%(ruta)s” nedan för "
        "att ta bort dem när du sparar, eller ändra datumen."
    ) % {"ar": _ar_text(utanfor), "ruta": _ta_bort_text(utanfor)}
    return ValidationError({falt: [meddelande]})


def _ar_text(ar: list[int]) -> str:
    """2025 · 2025 och 2026 · 2024, 2025 och 2026"""
    texter = [str(a) for a in ar]
    if len(texter) == 1:
        return texter[0]
    return _("%(forsta)s och %(sista)s") % {"forsta": ", ".join(texter[:-1]), "sista": texter[-1]}


def _ta_bort_text(ar: list[int]) -> str:
    return _("Ta bort uppgifterna för %(ar)s") % {"ar": _ar_text(ar)}


@login_required
def insats_delete(request, slug, pk):
    access = get_forbund_access(request.user, slug, write=True)
    insats = _insats(request, access, pk)
    form = VersionForm(request.POST or None, initial={"version": insats.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.insats_delete(insats=insats, version=form.cleaned_data["version"])
        except ValidationError as exc:
            _add_errors(form, exc)
        except ProtectedError:
            form.add_error(
                None, _("Insatsen används av andra uppgifter (till exempel ekonomin) och kan inte tas bort.")
            )
        else:
            messages.success(request, _("Insatsen %(namn)s är borttagen.") % {"namn": insats.namn})
            return redirect("insatser:list", slug=slug)
    return render(
        request,
        "insatser/insats_confirm_delete.html",
        {"forbund": access.forbund, "access": access, "insats": insats, "form": form},
    )


@login_required
def insats_ar(request, slug, pk, ar):
    """Register or correct one year's figures; a deltagaransvarig sees and changes only the participant counts."""
    access = get_forbund_access(request.user, slug)
    insats = _insats(request, access, pk)  # 404 for a deltagaransvarig the insats is not assigned to
    # A national reader who is also deltagaransvarig sees every insats but writes only the counts of assigned ones.
    if not selectors.kan_registrera_deltagare(access, request.user, insats):
        raise PermissionDenied
    only_deltagare = not access.can_write
    if only_deltagare and not insats.counts_participants:
        raise PermissionDenied
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
            _add_errors(form, exc)
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
            _add_errors(form, exc)
        else:
            messages.success(request, _("Uppgifterna för %(ar)s är borttagna.") % {"ar": row.ar})
            return redirect(insats.get_absolute_url())
    return render(
        request,
        "insatser/insats_ar_confirm_delete.html",
        {"forbund": access.forbund, "access": access, "insats": insats, "row": row, "ar": row.ar, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def borttagna(request, slug):
    access = get_forbund_access(request.user, slug)
    if not access.can_read_all:
        raise PermissionDenied
    return render(
        request,
        "insatser/borttagna.html",
        {"forbund": access.forbund, "access": access, "borttagna": selectors.borttagna_insatser(access)},
    )


def _borttagen(request, slug, history_id, *, write=False):
    access = get_forbund_access(request.user, slug, write=write)
    if not access.can_read_all:
        raise PermissionDenied
    borttagen = selectors.borttagen_insats(access, history_id)
    if borttagen is None:
        raise Http404
    return access, borttagen


@login_required
def borttagen(request, slug, history_id):
    """A deleted insats as it was when deleted, its yearly figures and history (read-only)."""
    access, borttagen = _borttagen(request, slug, history_id)
    return render(
        request,
        "insatser/borttagen.html",
        {"forbund": access.forbund, "access": access, "b": borttagen, "i": borttagen.record},
    )


@login_required
def aterstall(request, slug, history_id):
    """Restore a deleted insats (förbundsadministratör): asks first, then brings back its last state."""
    access, borttagen = _borttagen(request, slug, history_id, write=True)
    fel = list(borttagen.hinder)
    if request.method == "POST" and not fel:
        try:
            insats = services.insats_restore(record=borttagen.record)
        except ValidationError as exc:
            fel = exc.messages
        else:
            messages.success(request, _("Insatsen %(namn)s är återställd.") % {"namn": insats.namn})
            return redirect(insats.get_absolute_url())
    return render(
        request,
        "insatser/insats_confirm_restore.html",
        {"forbund": access.forbund, "access": access, "b": borttagen, "i": borttagen.record, "fel": fel},
        status=400 if fel and request.method == "POST" else 200,
    )
