"""The insats's forms: register, change, remove, and bring back a removed one (förbundsadministratör only).

Access is declared per view (forbund/access.py); views only translate between HTTP and the services.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from forbund.access import WRITE, forbund_access
from insatser import arsuppgifter, konflikt, services
from insatser.access import insats_access
from insatser.forms import InsatsForm, VersionForm
from insatser.models import Inriktning
from insatser.views import _borttagen


def _ny_version(form, namn: str, version: int) -> None:
    """After a conflict the form carries the current version, so the next Spara (once the user has seen the other
    change) goes through; the rest of what the user typed is kept."""
    form.data = form.data.copy()
    form.data[form.add_prefix(namn)] = str(version)


def _form_context(access, form, insats=None):
    return {
        "forbund": access.forbund,
        "access": access,
        "form": form,
        "insats": insats,
        "inriktningar": Inriktning.objects.all(),
    }


@forbund_access(WRITE)
def insats_create(request, slug):
    access = request.access
    form = InsatsForm(request.POST or None, forbund=access.forbund)
    if request.method == "POST" and form.is_valid():
        try:
            insats = services.insats_create(forbund=access.forbund, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Insatsen %(namn)s är registrerad. Registrera årets uppgifter nedan.") % {"namn": insats.namn},
            )
            return redirect(insats.get_absolute_url())
    return render(request, "insatser/insats_form.html", _form_context(access, form))


@insats_access(WRITE)
def insats_update(request, slug, pk):
    access, insats = request.access, request.insats
    form = InsatsForm(request.POST or None, forbund=access.forbund, initial=InsatsForm.initial_from(insats))
    vy = None
    utanfor: list[int] = []
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        version = form.cleaned_data["version"]
        utanfor = arsuppgifter.ar_utanfor_perioden(insats, kwargs["startdatum"], kwargs["slutdatum"])
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
            add_service_errors(form, exc)
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


@insats_access(WRITE)
def insats_delete(request, slug, pk):
    access, insats = request.access, request.insats
    form = VersionForm(request.POST or None, initial={"version": insats.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.insats_delete(insats=insats, version=form.cleaned_data["version"])
        except ValidationError as exc:
            add_service_errors(form, exc)
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


@forbund_access(WRITE)
def aterstall(request, slug, history_id):
    """Restore a deleted insats (förbundsadministratör): asks first, then brings back its last state."""
    access, borttagen = _borttagen(request, history_id)
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
