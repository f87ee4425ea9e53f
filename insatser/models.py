"""Insatser (activities) a förbund funds, their yearly figures and anonymous participant counts.

No personal data about participants is ever stored: only counts.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.granser import SUS_SISTA_AR, bigint, positivt_heltal, positivt_smallint
from core.period import Period, active_during
from forbund.models import Forbund, Kommun, Lan
from insatser.rules import counts_participants, deltagare, deltagare_falt
from insatser.typer import INGEN_SPECIFIK_MALGRUPP, Typ


class Inriktning(models.Model):
    """A preciserad inriktning, valid for a period (Uppföljning Finsam from 2023, SUS before)."""

    kod = models.CharField(_("kod"), max_length=40, primary_key=True)
    typ = models.CharField(_("typ"), max_length=24, choices=Typ.choices)
    namn = models.CharField(_("namn"), max_length=120)
    system = models.CharField(_("klassificering"), max_length=24, default="uppfoljning_finsam")
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    giltig_fran = models.DateField(_("giltig från"), null=True, blank=True)
    giltig_till = models.DateField(_("giltig till"), null=True, blank=True)
    ordning = models.PositiveSmallIntegerField(default=0, validators=positivt_smallint())

    class Meta:
        ordering = ["ordning"]
        verbose_name = _("inriktning")
        verbose_name_plural = _("inriktningar")

    def __str__(self):
        return self.namn

    def valid_during(self, start: datetime.date, end: datetime.date | None) -> bool:
        return Period(self.giltig_fran, self.giltig_till).overlaps(Period(start, end))


class Malgrupp(models.Model):
    INGEN_SPECIFIK = INGEN_SPECIFIK_MALGRUPP

    kod = models.CharField(_("kod"), max_length=40, primary_key=True)
    namn = models.CharField(_("namn"), max_length=120)
    ordning = models.PositiveSmallIntegerField(default=0, validators=positivt_smallint())

    class Meta:
        ordering = ["ordning"]
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")

    def __str__(self):
        return self.namn


def running_during(period: Period, prefix: str = "") -> Q:
    """Q for insatser that ran some day of period (startdatum is never empty, slutdatum empty = still running)."""
    return active_during(period, f"{prefix}startdatum", f"{prefix}slutdatum", oppen_start=False)


class InsatsQuerySet(models.QuerySet):
    def behover_ny_inriktning(self):
        """Insatser whose class no longer applies at their end (an SUS class on an insats running into 2023): they
        must be given a current class, keeping the SUS one for their early years (insatser.rules._klass_errors)."""
        return self.filter(
            Q(inriktning__giltig_till__isnull=False)
            & (Q(slutdatum__isnull=True) | Q(slutdatum__gt=models.F("inriktning__giltig_till")))
        )

    def running_in(self, ar: int):
        """Insatser that ran any day of the year."""
        return self.filter(running_during(Period.year(ar)))


class Insats(models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="insatser", verbose_name=_("förbund"))
    namn = models.CharField(_("namn"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    typ = models.CharField(_("typ"), max_length=24, choices=Typ.choices)
    inriktning = models.ForeignKey(Inriktning, on_delete=models.PROTECT, verbose_name=_("preciserad inriktning"))
    # The classification is per period (rules.inriktning_for_ar): an insats that started in SUS's time and runs on
    # keeps its SUS class for the years up to 2022 here, while `inriktning` is the current class.
    tidigare_inriktning = models.ForeignKey(
        Inriktning,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inriktning till och med 2022 (SUS)"),
    )
    malgrupper = models.ManyToManyField(Malgrupp, blank=True, verbose_name=_("målgrupper"))
    startdatum = models.DateField(_("startdatum"))
    slutdatum = models.DateField(_("slutdatum"), null=True, blank=True)
    esf = models.BooleanField(_("ESF-finansierad"), default=False)
    deltagaruppfoljning = models.BooleanField(_("deltagaruppföljning"), default=False)
    # SUS (up to 2022) let an individinriktad insats count participation without kön (rules.deltagare_falt).
    volyminsats = models.BooleanField(
        _("volyminsats (SUS)"),
        default=False,
        help_text=_("Deltagandet registrerades som ett antal utan uppdelning på kön. Bara SUS, till och med 2022."),
    )
    utforare_fk = models.BooleanField(_("Försäkringskassan"), default=False)
    utforare_af = models.BooleanField(_("Arbetsförmedlingen"), default=False)
    utforare_kommuner = models.ManyToManyField(Kommun, blank=True, verbose_name=_("kommuner som utför"))
    utforare_regioner = models.ManyToManyField(Lan, blank=True, verbose_name=_("regioner som utför"))
    deltagaransvariga = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="ansvarig_for_insatser", verbose_name=_("deltagaransvariga")
    )
    # Optimistic locking: a save must name the version it was edited from, so nothing is silently overwritten.
    version = models.PositiveIntegerField(default=1, validators=positivt_heltal())
    skapad = models.DateTimeField(auto_now_add=True)
    andrad = models.DateTimeField(auto_now=True)

    # The history is read by insats, förbund, user and time, never by inriktning: no index for those (an index costs
    # every save and import).
    history = HistoricalRecords(
        m2m_fields=[malgrupper, utforare_kommuner, utforare_regioner, deltagaransvariga],
        no_db_index=["inriktning", "tidigare_inriktning"],
    )
    objects = InsatsQuerySet.as_manager()

    class Meta:
        ordering = ["namn"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        constraints = [
            models.UniqueConstraint(fields=["forbund", "namn"], name="insats_namn_unikt_i_forbund"),
            models.CheckConstraint(
                condition=Q(slutdatum__isnull=True) | Q(slutdatum__gte=models.F("startdatum")),
                name="insats_slut_efter_start",
            ),
        ]
        indexes = [
            models.Index(fields=["forbund", "startdatum", "slutdatum"]),
            models.Index(fields=["startdatum", "slutdatum"]),
        ]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("insatser:detail", kwargs={"slug": self.forbund.slug, "pk": self.pk})

    @property
    def ar_pagaende(self) -> bool:
        """Not ended by today (PAGAENDE in insatser.filters asks the same)."""
        return Period(self.startdatum, self.slutdatum).overlaps(Period(datetime.date.today(), None))

    @property
    def counts_participants(self) -> bool:
        """insatser.rules.counts_participants: the one definition."""
        return counts_participants(self.typ, self.deltagaruppfoljning)

    @property
    def deltagare_falt(self) -> tuple[str, ...]:
        """The participant fields the insats registers (insatser.rules.deltagare_falt: the one definition)."""
        return deltagare_falt(self.typ, self.deltagaruppfoljning, self.volyminsats)

    @property
    def avslutad_i_sus(self) -> bool:
        """Ended while SUS was the system (up to 2022): it may be a volyminsats."""
        return self.slutdatum is not None and self.slutdatum.year <= SUS_SISTA_AR

    @property
    def deltagare_per_kon(self) -> bool:
        return "deltagare_kvinnor" in self.deltagare_falt


class InsatsAr(models.Model):
    """An insats's figures for one year: money in whole kronor, planned and registered participant counts."""

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="arsuppgifter")
    ar = models.PositiveSmallIntegerField(_("år"), validators=positivt_smallint())
    budget = models.BigIntegerField(_("budget (kr)"), null=True, blank=True, validators=bigint())
    utfall = models.BigIntegerField(_("utfall (kr)"), null=True, blank=True, validators=bigint())
    budgeterat_antal_deltagare = models.PositiveIntegerField(
        _("budgeterat antal deltagare"), null=True, blank=True, validators=positivt_heltal()
    )
    deltagare_kvinnor = models.PositiveIntegerField(
        _("deltagare, kvinnor"), null=True, blank=True, validators=positivt_heltal()
    )
    deltagare_man = models.PositiveIntegerField(
        _("deltagare, män"), null=True, blank=True, validators=positivt_heltal()
    )
    deltagare_totalt = models.PositiveIntegerField(
        _("deltagare, totalt"), null=True, blank=True, validators=positivt_heltal()
    )
    # The year's own optimistic lock: the year form edits from it, so counts entered by a deltagaransvarig never
    # conflict with the förbundschef's change of the insats's description (docs/insatser.md).
    version = models.PositiveIntegerField(default=1, validators=positivt_heltal())

    history = HistoricalRecords()

    class Meta:
        ordering = ["insats", "ar"]
        verbose_name = _("årsuppgifter")
        verbose_name_plural = _("årsuppgifter")
        constraints = [models.UniqueConstraint(fields=["insats", "ar"], name="insatsar_unikt_ar")]
        indexes = [models.Index(fields=["ar"])]

    def __str__(self):
        return f"{self.insats} {self.ar}"

    @property
    def deltagare(self) -> int | None:
        """Registered participants (insatser.rules.deltagare: the one definition)."""
        return deltagare(
            typ=self.insats.typ,
            deltagaruppfoljning=self.insats.deltagaruppfoljning,
            volyminsats=self.insats.volyminsats,
            values={f: getattr(self, f) for f in ("deltagare_kvinnor", "deltagare_man", "deltagare_totalt")},
        )
