from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TECKEN = 4000


class Synpunkt(models.Model):
    """A message sent with the feedback form of the tillgänglighetsredogörelse (a problem, a question, an idea)."""

    meddelande = models.TextField(_("meddelande"), max_length=MAX_TECKEN)
    epost = models.EmailField(_("e-postadress för svar"), blank=True)
    # Who was logged in, if anyone: the administratör can answer without asking for the address.
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inloggad användare"),
    )
    skickad = models.DateTimeField(_("skickad"), auto_now_add=True)

    class Meta:
        ordering = ["-skickad"]
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")

    def __str__(self):
        return self.meddelande[:60]
