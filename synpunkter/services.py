"""Feedback on the service's accessibility: stored, then e-mailed to the administratörer."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from forbund.models import Roll
from synpunkter.models import Synpunkt

logger = logging.getLogger(__name__)


def mottagare() -> list[str]:
    """The addresses of every active administratör, plus settings.ADMINS."""
    adresser = list(
        get_user_model()
        .objects.filter(is_active=True, behorigheter__roll=Roll.ADMINISTRATOR)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    for admin in settings.ADMINS:
        adresser.append(admin[1] if isinstance(admin, (list, tuple)) else admin)
    return sorted(set(adresser))


@transaction.atomic
def synpunkt_create(*, meddelande: str, epost: str = "", anvandare=None) -> Synpunkt:
    """Store the message and e-mail it to the administratörer once saved; a mail failure does not lose it."""
    synpunkt = Synpunkt(meddelande=meddelande, epost=epost, anvandare=anvandare)
    synpunkt.full_clean()
    synpunkt.save()
    transaction.on_commit(lambda: _skicka(synpunkt))
    return synpunkt


def _skicka(synpunkt: Synpunkt) -> None:
    till = mottagare()
    if not till:
        logger.warning("Synpunkt %s: ingen administratör med e-postadress att skicka till.", synpunkt.pk)
        return
    # The administratörer read Swedish, whatever language the sender used.
    with override(settings.LANGUAGE_CODE):
        avsandare = synpunkt.anvandare.get_username() if synpunkt.anvandare else _("inte inloggad")
        text = _(
            "En synpunkt på Finsams tillgänglighet har kommit in.\n\n"
            "Från: %(avsandare)s\nE-post för svar: %(epost)s\nSkickad: %(skickad)s\n\n%(meddelande)s\n\n"
            "Alla synpunkter finns i administrationen under Synpunkter på tillgängligheten."
        ) % {
            "avsandare": avsandare,
            "epost": synpunkt.epost or _("ingen angiven"),
            "skickad": timezone.localtime(synpunkt.skickad).strftime("%Y-%m-%d %H:%M"),
            "meddelande": synpunkt.meddelande,
        }
        amne = _("Finsam: synpunkt på tillgängligheten")
    meddelande = EmailMessage(amne, text, None, till, reply_to=[synpunkt.epost] if synpunkt.epost else None)
    try:
        meddelande.send()
    except Exception:
        # The message is stored and listed in the admin site; the sender need not try again.
        logger.exception("Synpunkt %s kunde inte skickas med e-post.", synpunkt.pk)
