"""Models every app shares."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Importtyp(models.TextChoices):
    MEDLEMSKAP = "medlemskap", _("Medlemskap")
    INSATSER = "insatser", _("Insatser")
    EKONOMI = "ekonomi", _("Ekonomi")
    UTFALL = "utfall", _("Resultat efter insats")


class Importkorning(models.Model):
    """One accepted file import (never a dry run): who, when, which file (name, size, SHA-256) and what changed."""

    typ = models.CharField(_("import"), max_length=20, choices=Importtyp.choices)
    tidpunkt = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    # Null only for imports recorded before a person was required (older membership imports).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("av"))
    filnamn = models.CharField(_("filnamn"), max_length=255)
    storlek = models.PositiveBigIntegerField(_("storlek (byte)"), null=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    antal = models.PositiveIntegerField(_("antal ändringar"), default=0)
    andringar = models.JSONField(_("ändringar"), default=list)

    class Meta:
        ordering = ["-tidpunkt", "-pk"]
        verbose_name = _("importkörning")
        verbose_name_plural = _("importkörningar")

    def __str__(self):
        return f"{self.get_typ_display()}: {self.filnamn} ({self.tidpunkt:%Y-%m-%d %H:%M})"


class DataVersion(models.Model):
    """One row: a counter raised after every committed change to reported figures (core.dataversion).

    The national statistics are cached under it, so a new version is all it takes to make every cached figure
    out of date (docs/adr/0011-statistics-cached-by-data-version.md)."""

    varde = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("dataversion")
        verbose_name_plural = _("dataversioner")

    def __str__(self):
        return str(self.varde)
