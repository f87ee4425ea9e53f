"""Who changed whose access, and when: the paper trail that FK's form 9480 used to be."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forbund.models import Forbund, Roll


class Handelsetyp(models.TextChoices):
    INBJUDEN = "inbjuden", _("Inbjuden")
    ROLL_BEVILJAD = "roll_beviljad", _("Roll beviljad")
    ROLL_BORTTAGEN = "roll_borttagen", _("Roll borttagen")
    INAKTIVERAD = "inaktiverad", _("Konto inaktiverat")
    INSATSER_ANDRADE = "insatser_andrade", _("Insatser ändrade")


class Behorighetshandelse(models.Model):
    """One change to a person's access: who did what to whom, and when."""

    tid = models.DateTimeField(_("tid"), auto_now_add=True, db_index=True)
    utford_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    galler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="behorighetshandelser",
        verbose_name=_("gäller"),
    )
    typ = models.CharField(_("händelse"), max_length=24, choices=Handelsetyp.choices)
    roll = models.CharField(_("roll"), max_length=32, choices=Roll.choices, blank=True)
    forbund = models.ForeignKey(
        Forbund, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("förbund")
    )
    text = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["-tid", "-pk"]
        verbose_name = _("behörighetshändelse")
        verbose_name_plural = _("behörighetshändelser")

    def __str__(self):
        return f"{self.tid:%Y-%m-%d %H:%M} {self.get_typ_display()}: {self.galler}"


class Profil(models.Model):
    """The two latest logins, so the start page can say what changed since the previous visit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profil", verbose_name=_("användare")
    )
    senaste_inloggning = models.DateTimeField(_("senaste inloggning"), null=True, blank=True)
    forra_inloggning = models.DateTimeField(_("förra inloggningen"), null=True, blank=True)

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profiler")

    def __str__(self):
        return str(self.user)
