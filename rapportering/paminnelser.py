"""Reminders to förbund that have not submitted their year, at days relative to the deadline, each sent once."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forbund.models import Behorighet, Roll
from forbund.selectors import forbund_under_aret
from rapportering.models import Arsrapport, Paminnelse, Status
from rapportering.selectors import omgang_for


def paminnelsedagar() -> list[int]:
    """Days relative to the deadline on which reminders go out (setting PAMINNELSE_DAGAR, e.g. -14, -3, +1)."""
    return sorted(getattr(settings, "PAMINNELSE_DAGAR", [-14, -3, 1]))


def _mottagare(forbund_ids: list[int]) -> dict[int, list[str]]:
    adresser: dict[int, list[str]] = {}
    for fid, email in (
        Behorighet.objects.filter(forbund_id__in=forbund_ids, roll=Roll.FORBUNDSADMINISTRATOR, user__is_active=True)
        .exclude(user__email="")
        .values_list("forbund_id", "user__email")
        .order_by("user__email")
    ):
        adresser.setdefault(fid, []).append(email)
    return adresser


def skicka_paminnelser(*, idag: datetime.date | None = None, bas_url: str = "") -> list[Paminnelse]:
    """Send today's reminders for every year whose deadline is near or just past; each (förbund, year, day) once."""
    idag = idag or datetime.date.today()
    skickade = []
    for ar in (idag.year - 1, idag.year):
        omgang = omgang_for(ar)
        dagar = (idag - omgang.sista_dag).days
        if dagar not in paminnelsedagar():
            continue
        klara = set(
            Arsrapport.objects.filter(ar=ar, status__in=[Status.INSKICKAD, Status.GODKAND]).values_list(
                "forbund_id", flat=True
            )
        )
        forbund = [f for f in forbund_under_aret(ar).order_by("namn") if f.pk not in klara]
        adresser = _mottagare([f.pk for f in forbund])
        for f in forbund:
            till = adresser.get(f.pk)
            if not till:
                continue
            try:
                with transaction.atomic():
                    p = Paminnelse.objects.create(forbund=f, ar=ar, dagar=dagar, mottagare=", ".join(till))
                    url = bas_url + reverse("rapportering:skicka_in", kwargs={"slug": f.slug, "ar": ar})
                    sista = date_format(omgang.sista_dag, "j F Y")
                    if dagar < 0:
                        amne = _("Påminnelse: skicka in %(ar)s senast %(sista)s") % {"ar": ar, "sista": sista}
                    else:
                        amne = _("%(ar)s är inte inskickat: sista dag var %(sista)s") % {"ar": ar, "sista": sista}
                    text = _(
                        "Hej!\n\n%(forbund)s har inte skickat in årsrapporten för %(ar)s till Försäkringskassan. "
                        "Sista dag är %(sista)s.\n\nKontrollera och skicka in här: %(url)s\n\n"
                        "Det här meddelandet skickas automatiskt från Uppföljning Finsam."
                    ) % {"forbund": f.namn, "ar": ar, "sista": sista, "url": url}
                    send_mail(amne, text, None, till)
            except IntegrityError:
                continue  # already sent (another run the same day)
            skickade.append(p)
    return skickade
