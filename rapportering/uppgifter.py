"""The förbund's year as a task list (GOV.UK "complete multiple tasks"): each part with its status and its link."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import dataversion
from ekonomi.selectors import registrering_annoteringar
from forbund.models import Forbund
from rapportering.kontroller import Fynd, Niva, kontrollera_underlag
from rapportering.models import Arsrapport, Status
from rapportering.selectors import InsatsUnderlag


class Uppgiftsstatus:
    INTE_PABORJAD = gettext_lazy("Inte påbörjad")
    PAGAR = gettext_lazy("Pågår")
    KLAR = gettext_lazy("Klar")
    ATGARDAS = gettext_lazy("Behöver åtgärdas")
    INSKICKAD = gettext_lazy("Inskickad")
    GODKAND = gettext_lazy("Godkänd")
    KAN_INTE_BORJA = gettext_lazy("Kan inte påbörjas än")


@dataclass
class Uppgift:
    namn: str
    status: str
    url: str
    detalj: str = ""

    @property
    def klar(self) -> bool:
        return self.status in (Uppgiftsstatus.KLAR, Uppgiftsstatus.INSKICKAD, Uppgiftsstatus.GODKAND)

    @property
    def css(self) -> str:
        return {
            Uppgiftsstatus.KLAR: "klar",
            Uppgiftsstatus.GODKAND: "klar",
            Uppgiftsstatus.INSKICKAD: "klar",
            Uppgiftsstatus.ATGARDAS: "atgardas",
            Uppgiftsstatus.PAGAR: "pagar",
        }.get(self.status, "ej")


def _insatser(forbund, ar: int, fynd: list[Fynd], underlag: list[InsatsUnderlag]) -> Uppgift:
    url = reverse("insatser:list", kwargs={"slug": forbund.slug}) + f"?ar={ar}"
    if not underlag:
        return Uppgift(_("Insatser"), Uppgiftsstatus.KLAR, url, _("Inga insatser pågår under året."))
    kompletta = sum(
        1
        for u in underlag
        if u.varden.get("budget") is not None
        and u.varden.get("utfall") is not None
        and (not u.raknar_deltagare or u.deltagare() is not None)
    )
    detalj = _("%(k)s av %(n)s insatser har budget, utfall och deltagare.") % {"k": kompletta, "n": len(underlag)}
    if any(f.niva == Niva.FEL and f.insats for f in fynd):
        return Uppgift(_("Insatser"), Uppgiftsstatus.ATGARDAS, url, detalj)
    if kompletta == len(underlag):
        return Uppgift(_("Insatser"), Uppgiftsstatus.KLAR, url, detalj)
    if not any(u.har_ar for u in underlag):
        return Uppgift(_("Insatser"), Uppgiftsstatus.INTE_PABORJAD, url, detalj)
    return Uppgift(_("Insatser"), Uppgiftsstatus.PAGAR, url, detalj)


def uppgiftslista(*, forbund, ar: int, fynd: list[Fynd] | None = None, underlag=None) -> list[Uppgift]:
    """The year's tasks for one förbund, from the year's findings and insatser (kontrollera_underlag; read here
    when not given, and then cached under the data version: the checks are the förbund start page's largest cost)."""
    if fynd is None and underlag is None:
        return dataversion.cached(
            "rapportering.uppgiftslista", (forbund.pk, forbund.slug, ar), lambda: _uppgiftslista(forbund, ar)
        )
    return _uppgiftslista(forbund, ar, fynd, underlag)


def _uppgiftslista(forbund, ar: int, fynd: list[Fynd] | None = None, underlag=None) -> list[Uppgift]:
    if fynd is None or underlag is None:
        fynd, underlag = kontrollera_underlag(
            ar=ar, forbund_ids=[forbund.pk], nationell_jamforelse=False, nivaer={Niva.FEL}
        )
    ekonomi_url = reverse("ekonomi:detail", kwargs={"slug": forbund.slug, "ar": ar})
    # The economy's registration (ekonomi's definition) and the submission's status, in one query.
    status = (
        Forbund.objects.filter(pk=forbund.pk)
        .annotate(
            **registrering_annoteringar(ar),
            rapport=Subquery(Arsrapport.objects.filter(forbund=OuterRef("pk"), ar=ar).values("status")[:1]),
        )
        .values()
        .get()
    )
    admin = [status["reg_administration_budget"], status["reg_administration_utfall"]]
    uppgifter = [
        _insatser(forbund, ar, fynd, underlag),
        Uppgift(
            _("Medlemsbidrag"),
            Uppgiftsstatus.KLAR if status["reg_medlemsbidrag"] else Uppgiftsstatus.INTE_PABORJAD,
            ekonomi_url,
        ),
        Uppgift(
            _("Administration"),
            Uppgiftsstatus.KLAR
            if all(admin)
            else (Uppgiftsstatus.PAGAR if any(admin) else Uppgiftsstatus.INTE_PABORJAD),
            ekonomi_url,
            _("Budget och utfall för förbundets administration."),
        ),
        Uppgift(
            _("Eget kapital"),
            Uppgiftsstatus.KLAR if status["reg_eget_kapital"] else Uppgiftsstatus.INTE_PABORJAD,
            ekonomi_url,
            _("Utgående eget kapital enligt fastställd årsredovisning."),
        ),
    ]
    skicka_url = reverse("rapportering:skicka_in", kwargs={"slug": forbund.slug, "ar": ar})
    if status["rapport"] == Status.GODKAND:
        sista = Uppgiftsstatus.GODKAND
    elif status["rapport"] == Status.INSKICKAD:
        sista = Uppgiftsstatus.INSKICKAD
    elif status["rapport"] == Status.ATERSANDA:
        sista = Uppgiftsstatus.ATGARDAS
    elif all(u.klar for u in uppgifter):
        sista = Uppgiftsstatus.INTE_PABORJAD
    else:
        sista = Uppgiftsstatus.KAN_INTE_BORJA
    uppgifter.append(Uppgift(_("Kontrollera och skicka in"), sista, skicka_url))
    return uppgifter
