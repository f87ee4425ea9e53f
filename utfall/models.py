"""Anonymous outcome counts per individinriktad insats and year: counts only, never personal data.

One Utfall per insats and year carries the version (optimistic locking); its cells are Utfallsantal rows, a long
table (docs/adr/0009). A cell without a row is not registered (None); an explicit 0 is a value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.granser import positivt_heltal, positivt_smallint
from insatser.models import Insats
from utfall.koder import ALDERSBAND, ALDERSGRUPPER, KATEGORIER, KON, UTFALL, Nyckel


class Utfall(models.Model):
    """The outcome counts of one insats for one year (the cells are Utfallsantal)."""

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="utfall", verbose_name=_("insats"))
    ar = models.PositiveSmallIntegerField(_("år"), validators=positivt_smallint())
    # Optimistic locking: a save names the version it was edited from; two saves from one version cannot both succeed.
    version = models.PositiveIntegerField(default=1, validators=positivt_heltal())
    andrad = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["insats", "ar"]
        verbose_name = _("utfall efter insats")
        verbose_name_plural = _("utfall efter insats")
        constraints = [models.UniqueConstraint(fields=["insats", "ar"], name="utfall_unikt_ar")]
        indexes = [models.Index(fields=["ar"])]

    def __str__(self):
        return f"{self.insats} {self.ar}"


class Utfallsantal(models.Model):
    """One cell: how many (kategori, outcome, kön, age band or group) in the insats's year."""

    utfall = models.ForeignKey(Utfall, on_delete=models.CASCADE, related_name="antal")
    kategori = models.CharField(_("kategori"), max_length=12, choices=KATEGORIER)
    kod = models.CharField(_("utfall"), max_length=30, blank=True, choices=UTFALL)
    kon = models.CharField(_("kön"), max_length=8, choices=KON)
    aldersgrupp = models.CharField(
        _("ålder"), max_length=12, choices=[(b.kod, b.namn) for b in ALDERSBAND] + list(ALDERSGRUPPER)
    )
    antal = models.PositiveIntegerField(_("antal"), validators=positivt_heltal())

    history = HistoricalRecords()

    class Meta:
        ordering = ["utfall", "kategori", "kod", "kon", "aldersgrupp"]
        verbose_name = _("antal")
        verbose_name_plural = _("antal")
        constraints = [
            models.UniqueConstraint(
                fields=["utfall", "kategori", "kod", "kon", "aldersgrupp"], name="utfallsantal_unik_cell"
            ),
        ]

    def __str__(self):
        return f"{self.utfall} {self.nyckel}: {self.antal}"

    @property
    def nyckel(self) -> Nyckel:
        return (self.kategori, self.kod, self.kon, self.aldersgrupp)
