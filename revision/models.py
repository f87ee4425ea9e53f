"""The revision of a förbund's year (the report's §5.4): when the revisionsberättelse came in, whether the members
granted the board ansvarsfrihet, and what the revisors remarked on, by category. Registered by the förbund; counted
nationally. No personal data: categories and dates only."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.granser import positivt_heltal, positivt_smallint
from forbund.models import Forbund


class Ansvarsfrihet(models.TextChoices):
    BEVILJAD = "beviljad", _("Beviljad")
    EJ_BEVILJAD = "ej_beviljad", _("Ej beviljad")
    EJ_BESLUTAD = "ej_beslutad", _("Ej beslutad")


# The revisors' remarks, by the categories FK follows up (field, label): one place for form, counts and report.
ANMARKNINGAR = (
    ("anm_mal", _("Mål och måluppfyllelse")),
    ("anm_finansiella_mal", _("Finansiella mål")),
    ("anm_intern_kontroll", _("Intern kontroll")),
    ("anm_eget_kapital", _("Eget kapital i förhållande till mål")),
    ("anm_ovrigt", _("Övrigt")),
)


class Revision(models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="revisioner", verbose_name=_("förbund"))
    ar = models.PositiveSmallIntegerField(_("år"), validators=positivt_smallint())
    berattelse_mottagen = models.DateField(_("revisionsberättelsen kom in"), null=True, blank=True)
    ansvarsfrihet = models.CharField(
        _("ansvarsfrihet"), max_length=12, choices=Ansvarsfrihet.choices, default=Ansvarsfrihet.EJ_BESLUTAD
    )
    ansvarsfrihet_datum = models.DateField(_("datum för beslutet om ansvarsfrihet"), null=True, blank=True)
    anm_mal = models.BooleanField(ANMARKNINGAR[0][1], default=False)
    anm_finansiella_mal = models.BooleanField(ANMARKNINGAR[1][1], default=False)
    anm_intern_kontroll = models.BooleanField(ANMARKNINGAR[2][1], default=False)
    anm_eget_kapital = models.BooleanField(ANMARKNINGAR[3][1], default=False)
    anm_ovrigt = models.BooleanField(ANMARKNINGAR[4][1], default=False)
    anteckning = models.CharField(_("kort om anmärkningarna"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False, validators=positivt_heltal())
    andrad = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["forbund__namn", "ar"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisioner")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar"], name="revision_en_per_forbund_och_ar"),
            models.CheckConstraint(
                condition=Q(ansvarsfrihet="ej_beslutad") | Q(ansvarsfrihet_datum__isnull=False),
                name="revision_beslut_har_datum",
            ),
        ]

    def __str__(self):
        return f"{self.forbund} {self.ar}"

    @property
    def anmarkningar(self) -> list[str]:
        return [str(namn) for falt, namn in ANMARKNINGAR if getattr(self, falt)]
