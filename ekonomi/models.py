"""The förbund's money per year: medlemsbidrag, other income, administration, eget kapital; the state's allocation.

All amounts are whole kronor. Insatskostnader are not stored here: they are read from the insatser's yearly
figures (insatser.models.InsatsAr) so they are never typed twice. Every model holding reported figures keeps its
history (who, when, before/after) with django-simple-history.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.granser import bigint, positivt_heltal, positivt_smallint
from forbund.models import Forbund, Kommun, Lan


class Medlemstyp(models.TextChoices):
    STAT = "stat", _("Staten (Försäkringskassan)")
    REGION = "region", _("Region")
    KOMMUN = "kommun", _("Kommun")


# The figures a förbund registers for a year (form, API, import and history use this list).
ARSEKONOMI_FALT = [
    "esf_intakter",
    "ovriga_intakter",
    "ovriga_intakter_anteckning",
    "administration_budget",
    "administration_utfall",
    "eget_kapital_ingaende",
    "faststallt_arets_resultat",
    "faststallt_eget_kapital_utgaende",
]


class Arsekonomi(models.Model):
    """A förbund's economy for one year, apart from medlemsbidrag (own rows) and insatskostnader (read from insatser).

    The fastställd årsredovisning's figures are kept next to the computed ones so a difference can be flagged.
    """

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="arsekonomi", verbose_name=_("förbund"))
    ar = models.PositiveSmallIntegerField(_("år"), validators=positivt_smallint())
    esf_intakter = models.BigIntegerField(_("ESF-medel (kr)"), default=0, validators=bigint())
    ovriga_intakter = models.BigIntegerField(_("övriga intäkter (kr)"), default=0, validators=bigint())
    ovriga_intakter_anteckning = models.CharField(_("anteckning om övriga intäkter"), max_length=500, blank=True)
    administration_budget = models.BigIntegerField(
        _("administration, budget (kr)"), null=True, blank=True, validators=bigint()
    )
    administration_utfall = models.BigIntegerField(
        _("administration, utfall (kr)"), null=True, blank=True, validators=bigint()
    )
    eget_kapital_ingaende = models.BigIntegerField(
        _("ingående eget kapital (kr)"),
        null=True,
        blank=True,
        help_text=_("Behövs bara för det första år som registreras; annars används föregående års utgående."),
        validators=bigint(),
    )
    faststallt_arets_resultat = models.BigIntegerField(
        _("årets resultat enligt fastställd årsredovisning (kr)"),
        null=True,
        blank=True,
        validators=bigint(),
    )
    faststallt_eget_kapital_utgaende = models.BigIntegerField(
        _("utgående eget kapital enligt fastställd årsredovisning (kr)"),
        null=True,
        blank=True,
        validators=bigint(),
    )

    # Optimistic locking: one number guards the förbund-year (its figures and its medlemsbidrag). Every save that
    # changes something raises it; a save from an older version is refused. No row = version 0.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False, validators=positivt_heltal())

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["forbund", "ar"]
        verbose_name = _("årsekonomi")
        verbose_name_plural = _("årsekonomi")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar"], name="arsekonomi_unik"),
            models.CheckConstraint(
                condition=Q(esf_intakter__gte=0)
                & Q(ovriga_intakter__gte=0)
                & (Q(administration_budget__isnull=True) | Q(administration_budget__gte=0))
                & (Q(administration_utfall__isnull=True) | Q(administration_utfall__gte=0)),
                name="arsekonomi_belopp_ej_negativa",
            ),
        ]
        indexes = [models.Index(fields=["ar"])]

    def __str__(self):
        return f"{self.forbund} {self.ar}"

    def clean(self):
        if self.ovriga_intakter and not self.ovriga_intakter_anteckning.strip():
            raise ValidationError(
                {"ovriga_intakter_anteckning": _("Skriv vad de övriga intäkterna är (t.ex. bidrag från annan part).")}
            )


class Medlemsbidrag(models.Model):
    """One member's contribution to a förbund for one year: the state, a region or a kommun."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, related_name="medlemsbidrag", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"), validators=positivt_smallint())
    medlemstyp = models.CharField(_("medlem"), max_length=8, choices=Medlemstyp.choices)
    region = models.ForeignKey(Lan, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region"))
    kommun = models.ForeignKey(Kommun, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kommun"))
    belopp = models.BigIntegerField(_("belopp (kr)"), validators=bigint())

    history = HistoricalRecords()

    class Meta:
        ordering = ["forbund", "ar", "medlemstyp", "region", "kommun"]
        verbose_name = _("medlemsbidrag")
        verbose_name_plural = _("medlemsbidrag")
        constraints = [
            models.CheckConstraint(condition=Q(belopp__gte=0), name="medlemsbidrag_belopp_ej_negativt"),
            models.CheckConstraint(
                condition=(Q(medlemstyp="stat") & Q(region__isnull=True) & Q(kommun__isnull=True))
                | (Q(medlemstyp="region") & Q(region__isnull=False) & Q(kommun__isnull=True))
                | (Q(medlemstyp="kommun") & Q(region__isnull=True) & Q(kommun__isnull=False)),
                name="medlemsbidrag_medlem_efter_typ",
            ),
            models.UniqueConstraint(
                fields=["forbund", "ar"], condition=Q(medlemstyp="stat"), name="medlemsbidrag_unik_stat"
            ),
            models.UniqueConstraint(
                fields=["forbund", "ar", "region"], condition=Q(region__isnull=False), name="medlemsbidrag_unik_region"
            ),
            models.UniqueConstraint(
                fields=["forbund", "ar", "kommun"], condition=Q(kommun__isnull=False), name="medlemsbidrag_unik_kommun"
            ),
        ]
        indexes = [models.Index(fields=["ar", "forbund"])]

    def __str__(self):
        return f"{self.medlem_namn} {self.ar}: {self.belopp} kr"

    @classmethod
    def for_medlem(cls, *, forbund_id: int, ar: int, key: tuple[str, str], belopp: int) -> "Medlemsbidrag":
        """A new row for a member given as its key (medlemstyp, kod): the state, a region's länskod or a kommunkod."""
        typ, kod = key
        return cls(
            forbund_id=forbund_id,
            ar=ar,
            medlemstyp=typ,
            region_id=kod if typ == Medlemstyp.REGION else None,
            kommun_id=kod if typ == Medlemstyp.KOMMUN else None,
            belopp=belopp,
        )

    @property
    def medlem_namn(self) -> str:
        if self.medlemstyp == Medlemstyp.KOMMUN:
            return self.kommun.namn
        if self.medlemstyp == Medlemstyp.REGION:
            return self.region.region_namn
        return str(_("Staten (Försäkringskassan)"))


class Statsbidrag(models.Model):
    """The state's samverkansmedel for all förbund in one year (e.g. 339 mkr), as allocated by the government."""

    ar = models.PositiveSmallIntegerField(_("år"), unique=True, validators=positivt_smallint())
    tilldelat = models.BigIntegerField(_("tilldelade medel (kr)"), validators=bigint())
    # Of the allocation, at most 3 mkr for national support (regleringsbrevet); what was used and for what (§5.1).
    nationell_andel = models.BigIntegerField(_("nationell andel (kr)"), null=True, blank=True, validators=bigint())
    nationell_forbrukad = models.BigIntegerField(
        _("förbrukat av den nationella andelen (kr)"), null=True, blank=True, validators=bigint()
    )
    nationell_anvandning = models.CharField(_("vad den nationella andelen användes till"), max_length=1000, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["ar"]
        verbose_name = _("statliga medel")
        verbose_name_plural = _("statliga medel")
        constraints = [models.CheckConstraint(condition=Q(tilldelat__gte=0), name="statsbidrag_ej_negativt")]

    def __str__(self):
        return f"{self.ar}: {self.tilldelat} kr"


class Utbetalning(models.Model):
    """Försäkringskassan's payment of state funds to one förbund for one year, registered by FK (the report's §5.1
    counts them; never derived from the förbund's own medlemsbidrag)."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.PROTECT, related_name="utbetalningar", verbose_name=_("förbund")
    )
    ar = models.PositiveSmallIntegerField(_("år"), validators=positivt_smallint())
    belopp = models.BigIntegerField(_("utbetalt (kr)"), validators=bigint())

    history = HistoricalRecords()

    class Meta:
        ordering = ["ar", "forbund__namn"]
        verbose_name = _("utbetalning av statliga medel")
        verbose_name_plural = _("utbetalningar av statliga medel")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar"], name="utbetalning_en_per_forbund_och_ar"),
            models.CheckConstraint(condition=Q(belopp__gte=0), name="utbetalning_ej_negativ"),
        ]

    def __str__(self):
        return f"{self.forbund} {self.ar}: {self.belopp} kr"
