"""Accounts: nobody sets another person's password; the person gets a one-time link and chooses it themselves."""

import logging

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from forbund.models import Behorighet, Roll

logger = logging.getLogger(__name__)


def konto_skyddat(user) -> bool:
    """Superusers and administratörer: only a superuser may change these accounts or their roles."""
    return user.is_superuser or Behorighet.objects.filter(user=user, roll=Roll.ADMINISTRATOR).exists()


@transaction.atomic
def losenordslank_send(*, user, request, skickad_av) -> None:
    """E-mail a one-time link (valid PASSWORD_RESET_TIMEOUT) to choose a new password; logged for the admins.

    The same e-mail as the public "Glömt lösenord?" flow, so the link works with Django's PasswordResetConfirmView.
    A user without a usable password (just created) gets it as an invitation.
    """
    if not user.is_active:
        raise ValidationError(_("%(user)s är inaktiverad.") % {"user": user.get_username()})
    if not user.email:
        raise ValidationError(_("%(user)s saknar e-postadress.") % {"user": user.get_username()})
    site = get_current_site(request)
    inbjudan = not user.has_usable_password()
    context = {
        "email": user.email,
        "domain": site.domain,
        "site_name": site.name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "inbjudan": inbjudan,
    }
    subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
    body = render_to_string("registration/password_reset_email.html", context)
    # Unlike the public form, a failure is raised: the administratör must know the link did not go out.
    send_mail(subject, body, None, [user.email])
    meddelande = (
        _("Inbjudan med länk för att välja lösenord skickad.") if inbjudan else _("Länk för nytt lösenord skickad.")
    )
    LogEntry.objects.log_actions(
        user_id=skickad_av.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=meddelande,
        single_object=True,
    )
    logger.info("Password link sent to user %s by user %s", user.pk, skickad_av.pk)
