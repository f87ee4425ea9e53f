"""Writes to accounts and roles. Each public function is one transaction, checks who may do it, records the change
(Behorighetshandelse) and tells the person concerned by e-mail.

The rules from docs/adr/0004 hold here as in the admin site: only a superuser grants the administratör role or
touches superusers and administratörer; a förbundsadministratör handles only the deltagaransvariga of their förbund.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from forbund.konton import losenordslank_send
from forbund.models import Behorighet, Forbund, Roll
from forbund.services import behorighet_grant, behorighet_revoke
from insatser.models import Insats
from konton.models import Behorighetshandelse, Handelsetyp, Profil
from konton.selectors import kan_andra_roll, kan_inaktivera, namn

logger = logging.getLogger(__name__)


def _logga(*, typ: str, galler, utford_av, text: str, roll: str = "", forbund: Forbund | None = None) -> None:
    Behorighetshandelse.objects.create(
        typ=typ, galler=galler, utford_av=utford_av, text=text, roll=roll, forbund=forbund
    )


def _meddela(*, user, text: str, utford_av) -> None:
    """E-mail the person concerned; an account without an address is only logged."""
    if not user.email:
        logger.info("No e-mail address for user %s: access change not mailed", user.pk)
        return
    body = _(
        "Hej %(namn)s!\n\n%(text)s\n\nÄndringen gjordes av %(av)s. Har du frågor om den, kontakta den som gjorde "
        "ändringen eller Försäkringskassans administratör för Uppföljning Finsam.\n"
    ) % {"namn": namn(user), "text": text, "av": namn(utford_av)}
    # A failure is raised (and the change rolled back): the person must hear about a change to their access.
    send_mail(_("Ändrad behörighet i Uppföljning Finsam"), body, None, [user.email])


def _roll_text(roll: str, forbund: Forbund | None) -> str:
    label = Roll(roll).label
    return f"{label} ({forbund.namn})" if forbund is not None else str(label)


def _require(tillatet: bool) -> None:
    if not tillatet:
        raise PermissionDenied


@transaction.atomic
def konto_invite(
    *,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    roll: str,
    forbund: Forbund | None = None,
    request,
    utford_av,
):
    """Create an account without a password, give it a role and e-mail a one-time link to choose the password."""
    _require(kan_andra_roll(utford_av=utford_av, user=None, roll=roll, forbund=forbund))
    user_model = get_user_model()
    email = email.strip()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Det finns redan ett konto med den e-postadressen.")})
    user = user_model(
        username=username.strip(), email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    losenordslank_send(user=user, request=request, skickad_av=utford_av)
    _logga(
        typ=Handelsetyp.INBJUDEN,
        galler=user,
        utford_av=utford_av,
        text=_("Konto skapat; inbjudan med engångslänk för att välja lösenord skickad till %(email)s.")
        % {"email": email},
    )
    roll_grant(user=user, roll=roll, forbund=forbund, utford_av=utford_av)
    return user


@transaction.atomic
def roll_grant(*, user, roll: str, forbund: Forbund | None = None, utford_av) -> Behorighet:
    """Give a user a role; granting one they have already changes nothing and tells nobody."""
    if roll not in Roll.values:
        raise ValidationError({"roll": _("Okänd roll.")})
    _require(kan_andra_roll(utford_av=utford_av, user=user, roll=roll, forbund=forbund))
    if not user.is_active:
        raise ValidationError(_("Kontot %(user)s är inaktiverat.") % {"user": user.get_username()})
    fanns = Behorighet.objects.filter(user=user, roll=roll, forbund=forbund).first()
    if fanns is not None:
        return fanns
    behorighet = behorighet_grant(user=user, roll=roll, forbund=forbund, beviljad_av=utford_av)
    text = _("Du har fått rollen %(roll)s i Uppföljning Finsam.") % {"roll": _roll_text(roll, forbund)}
    _logga(typ=Handelsetyp.ROLL_BEVILJAD, galler=user, utford_av=utford_av, text=text, roll=roll, forbund=forbund)
    _meddela(user=user, text=text, utford_av=utford_av)
    return behorighet


def _ansvarig_andra(insats: Insats, user, *, lagg_till: bool, utford_av) -> None:
    """Add or remove one deltagaransvarig as one historical record of the (locked) insats, as insatser.services does:
    the version moves on, so an insats form opened before cannot silently put the old list back."""
    insats.skip_history_when_saving = True
    try:
        if lagg_till:
            insats.deltagaransvariga.add(user)
        else:
            insats.deltagaransvariga.remove(user)
    finally:
        del insats.skip_history_when_saving
    insats.version += 1
    insats._history_user = utford_av
    insats.save(update_fields=["version", "andrad"])


@transaction.atomic
def roll_revoke(*, behorighet: Behorighet, utford_av) -> None:
    """Take a role away; a deltagaransvarig is also taken off the förbund's insatser."""
    user, roll, forbund = behorighet.user, behorighet.roll, behorighet.forbund
    _require(kan_andra_roll(utford_av=utford_av, user=user, roll=roll, forbund=forbund))
    if roll == Roll.DELTAGARANSVARIG:
        for insats in Insats.objects.select_for_update().filter(forbund=forbund, deltagaransvariga=user):
            _ansvarig_andra(insats, user, lagg_till=False, utford_av=utford_av)
    if not behorighet_revoke(user=user, roll=roll, forbund=forbund):
        return
    text = _("Din roll %(roll)s i Uppföljning Finsam har tagits bort.") % {"roll": _roll_text(roll, forbund)}
    _logga(typ=Handelsetyp.ROLL_BORTTAGEN, galler=user, utford_av=utford_av, text=text, roll=roll, forbund=forbund)
    _meddela(user=user, text=text, utford_av=utford_av)


@transaction.atomic
def deltagaransvarig_insatser_set(*, forbund: Forbund, user, insatser, utford_av) -> tuple[list, list]:
    """Make a deltagaransvarig responsible for exactly these insatser of the förbund; returns (added, removed)."""
    _require(kan_andra_roll(utford_av=utford_av, user=user, roll=Roll.DELTAGARANSVARIG, forbund=forbund))
    if not Behorighet.objects.filter(user=user, roll=Roll.DELTAGARANSVARIG, forbund=forbund).exists():
        raise ValidationError(_("%(namn)s är inte deltagaransvarig i förbundet.") % {"namn": namn(user)})
    valda = {i.pk for i in insatser}
    if Insats.objects.filter(pk__in=valda).exclude(forbund=forbund).exists():
        raise ValidationError(_("Välj bland förbundets egna insatser."))
    nu = set(Insats.objects.filter(forbund=forbund, deltagaransvariga=user).values_list("pk", flat=True))
    tillagda, borttagna = [], []
    for insats in Insats.objects.select_for_update().filter(pk__in=valda ^ nu).order_by("namn"):
        lagg_till = insats.pk in valda
        _ansvarig_andra(insats, user, lagg_till=lagg_till, utford_av=utford_av)
        (tillagda if lagg_till else borttagna).append(insats)
    if tillagda or borttagna:
        delar = []
        if tillagda:
            delar.append(_("Du är nu deltagaransvarig för: %(insatser)s.") % {"insatser": _namn_lista(tillagda)})
        if borttagna:
            delar.append(
                _("Du är inte längre deltagaransvarig för: %(insatser)s.") % {"insatser": _namn_lista(borttagna)}
            )
        text = " ".join(delar) + " " + _("(%(forbund)s)") % {"forbund": forbund.namn}
        _logga(
            typ=Handelsetyp.INSATSER_ANDRADE,
            galler=user,
            utford_av=utford_av,
            text=text,
            roll=Roll.DELTAGARANSVARIG,
            forbund=forbund,
        )
        _meddela(user=user, text=text, utford_av=utford_av)
    return tillagda, borttagna


def _namn_lista(insatser) -> str:
    return ", ".join(i.namn for i in insatser)


@transaction.atomic
def konto_deactivate(*, user, utford_av) -> None:
    """Stop an account: no login, and its API keys are deleted. Its roles stay, for the record."""
    _require(kan_inaktivera(utford_av=utford_av, user=user))
    if user.pk == utford_av.pk:
        raise ValidationError(_("Du kan inte inaktivera ditt eget konto."))
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()
    text = _(
        "Ditt konto %(user)s i Uppföljning Finsam har inaktiverats. Du kan inte längre logga in, och dina "
        "API-nycklar fungerar inte längre."
    ) % {"user": user.get_username()}
    _logga(typ=Handelsetyp.INAKTIVERAD, galler=user, utford_av=utford_av, text=text)
    _meddela(user=user, text=text, utford_av=utford_av)


@transaction.atomic
def profil_login(*, user) -> Profil:
    """Remember the previous login, for "what changed since your last visit"."""
    profil, _created = Profil.objects.select_for_update().get_or_create(user=user)
    profil.forra_inloggning = profil.senaste_inloggning
    profil.senaste_inloggning = timezone.now()
    profil.save()
    return profil


def profil_login_receiver(sender, request, user, **kwargs) -> None:
    profil_login(user=user)
