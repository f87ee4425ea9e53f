"""Releases (publiceringar): the figures of a year as published, with small counts of people suppressed.

Everything public (the open data, the open API) is read from releases, never from live figures. A release is never
changed: a correction is a new release of the same year, which keeps every cell the earlier one hid (docs/adr/0005).
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publicering(models.Model):
    """One release of a year's figures: every published value, the suppression pattern and what changed."""

    ar = models.PositiveSmallIntegerField(_("år"))
    skapad = models.DateTimeField(_("publicerad"), auto_now_add=True)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("publicerad av")
    )
    uttag = models.ForeignKey(
        "rapportering.Uttag",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publiceringar",
        verbose_name=_("uttag"),
        help_text=_("Uttaget som siffrorna kommer från; tomt när de togs från ett avslutat års aktuella siffror."),
    )
    troskel = models.PositiveSmallIntegerField(_("tröskel"))
    # [{"indikator", "ar", "omrade_typ", "omrade", "kon", "varde", "status"}]: varde None and status ".." if hidden.
    data = models.JSONField(encoder=DjangoJSONEncoder)
    # The names of the areas as published: {"forbund": {slug: {"namn", "lan"}}, "lan": {kod: namn}}.
    omraden = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    # publicering.skydd.Skyddsmonster.to_json(): hidden cell ids, reasons and the ranges a reader can deduce.
    monster = models.JSONField(encoder=DjangoJSONEncoder)
    andringar = models.TextField(_("ändringar"), blank=True)

    class Meta:
        ordering = ["-skapad", "-pk"]
        verbose_name = _("publicering")
        verbose_name_plural = _("publiceringar")
        indexes = [models.Index(fields=["ar", "skapad"])]

    def __str__(self):
        return f"{self.ar} #{self.pk}"
