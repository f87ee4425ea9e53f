"""Demo of the reporting round: Halland's last year submitted (warnings explained) and approved, an extract taken;
Blekinge's still open, so its task list and checks have something to show."""

from django.core.exceptions import ValidationError

from core.granser import rapportar
from insatser.models import Insats
from insatser.services import insats_ar_save
from rapportering.kontroller import Niva, kontrollera
from rapportering.models import Arsrapport, Status, Uttag
from rapportering.selectors import kontroll_underlag
from rapportering.services import arsrapport_godkann, arsrapport_skicka_in
from rapportering.uttag import uttag_ta


def seed(context) -> None:
    ar = rapportar()
    for username in ("chef", "chef-halland"):
        user = context.users[username]
        if not user.email:
            user.email = f"{username}@example.se"
            user.save(update_fields=["email"])
    halland = context.forbund.get("samordningsforbundet-halland")
    chef, granskare = context.users["chef-halland"], context.users["granskare"]
    if (
        halland is None
        or Arsrapport.objects.filter(forbund=halland, ar=ar).exclude(status=Status.EJ_INSKICKAD).exists()
    ):
        return
    _komplettera(halland, ar)
    fynd = kontrollera(ar=ar, forbund_ids=[halland.pk])
    forklaringar = {
        (f.kod, f.insats or 0): "Demo: avvikelsen är känd och stämmer." for f in fynd if f.niva == Niva.VARNING
    }
    try:
        arsrapport_skicka_in(forbund=halland, ar=ar, user=chef, forklaringar=forklaringar)
        arsrapport_godkann(forbund=halland, ar=ar, user=granskare)
    except ValidationError:
        return  # the demo year has errors to correct: it stays on the task list
    if not Uttag.objects.filter(ar=ar).exists():
        uttag_ta(ar=ar, user=granskare)


def _komplettera(forbund, ar: int) -> None:
    """Halland completes last year's figures before submitting (Blekinge's stay incomplete, to show the checks)."""
    for u in kontroll_underlag(ar=ar, forbund_ids=[forbund.pk]):
        varden = dict(u.varden)
        if varden.get("budget") is None:
            varden["budget"] = 200_000
        if varden.get("utfall") is None:
            varden["utfall"] = varden["budget"]
        if u.raknar_deltagare and u.deltagare() is None:
            if u.individinriktad:
                varden.update(deltagare_kvinnor=6, deltagare_man=4)
            else:
                varden["deltagare_totalt"] = 12
        if varden != u.varden:
            insats = Insats.objects.get(pk=u.id)
            insats_ar_save(insats=insats, version=insats.version, ar=ar, values=varden)
