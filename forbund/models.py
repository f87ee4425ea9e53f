"""The registry: län (and their regioner), kommuner, förbund and memberships over time, and access roles."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.period import Period, active_during


class Lan(models.Model):
    """A län with SCB's two-digit code; its region is a possible förbund member."""

    kod = models.CharField(_("länskod"), max_length=2, primary_key=True)
    namn = models.CharField(_("län"), max_length=100)
    region_namn = models.CharField(_("region"), max_length=100)

    class Meta:
        ordering = ["kod"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self):
        return self.namn


class Kommun(models.Model):
    """A kommun with SCB's four-digit kommunkod."""

    kod = models.CharField(_("kommunkod"), max_length=4, primary_key=True)
    namn = models.CharField(_("kommun"), max_length=100)
    lan = models.ForeignKey(Lan, on_delete=models.PROTECT, related_name="kommuner", verbose_name=_("län"))

    class Meta:
        ordering = ["kod"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.namn


def active_on(datum: datetime.date, prefix: str = "") -> Q:
    """Q for memberships whose [giltig_fran, giltig_till] covers datum (open ends allowed)."""
    return medlemskap_during(Period.day(datum), prefix)


def medlemskap_during(period: Period, prefix: str = "") -> Q:
    """Q for memberships whose [giltig_fran, giltig_till] shares a day with period."""
    return active_during(period, f"{prefix}giltig_fran", f"{prefix}giltig_till")


class Forbund(models.Model):
    """A samordningsförbund. The slug is stable across renames; mergers link to a successor."""

    slug = models.SlugField(_("kortnamn"), max_length=100, unique=True)
    namn = models.CharField(_("namn"), max_length=200, unique=True)
    bildat = models.DateField(_("bildat"), null=True, blank=True, help_text=_("Tomt om okänt (före registrets start)."))
    upphort = models.DateField(_("upphört"), null=True, blank=True)
    efterfoljare = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="foregangare",
        verbose_name=_("efterföljare"),
        help_text=_("Förbundet som detta gick upp i vid en sammanslagning."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["namn"]
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")
        constraints = [
            models.CheckConstraint(
                condition=Q(upphort__isnull=True) | Q(bildat__isnull=True) | Q(upphort__gte=models.F("bildat")),
                name="forbund_upphort_efter_bildat",
            ),
        ]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("forbund:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.bildat and self.upphort and self.upphort < self.bildat:
            raise ValidationError({"upphort": _("Upphört kan inte vara före bildat.")})
        if self.efterfoljare_id and self.efterfoljare_id == self.pk:
            raise ValidationError({"efterfoljare": _("Ett förbund kan inte vara sin egen efterföljare.")})

    @property
    def verksam(self) -> Period:
        """The days the förbund existed: bildat–upphort."""
        return Period(self.bildat, self.upphort)

    def existed_on(self, datum: datetime.date) -> bool:
        return self.verksam.contains(datum)

    def namn_on(self, datum: datetime.date) -> str:
        """The name the förbund had on datum (former names are kept in ForbundNamn)."""
        for tidigare in self.tidigare_namn.all():
            if tidigare.covers(datum):
                return tidigare.namn
        return self.namn


class ForbundNamn(models.Model):
    """A former name of a förbund and when it was used."""

    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="tidigare_namn", verbose_name=_("förbund")
    )
    namn = models.CharField(_("namn"), max_length=200)
    giltig_fran = models.DateField(_("giltig från"), null=True, blank=True)
    giltig_till = models.DateField(_("giltig till"))

    class Meta:
        ordering = ["forbund", "giltig_till"]
        verbose_name = _("tidigare namn")
        verbose_name_plural = _("tidigare namn")

    def __str__(self):
        return self.namn

    def covers(self, datum: datetime.date) -> bool:
        return Period(self.giltig_fran, self.giltig_till).contains(datum)


class MedlemskapQuerySet(models.QuerySet):
    def active_on(self, datum: datetime.date):
        return self.filter(active_on(datum))

    def active_during(self, start: datetime.date, end: datetime.date):
        return self.filter(medlemskap_during(Period(start, end)))

    def kommuner(self):
        return self.filter(kommun__isnull=False)

    def regioner(self):
        return self.filter(region__isnull=False)


class Medlemskap(models.Model):
    """A kommun or a region is a member of a förbund from a date until a date (open = still member).

    FK and AF take part in every förbund and have no rows. giltig_fran is empty only for reference data whose
    start predates the registry.
    """

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="medlemskap", verbose_name=_("förbund"))
    kommun = models.ForeignKey(
        Kommun, on_delete=models.PROTECT, null=True, blank=True, related_name="medlemskap", verbose_name=_("kommun")
    )
    region = models.ForeignKey(
        Lan, on_delete=models.PROTECT, null=True, blank=True, related_name="region_medlemskap", verbose_name=_("region")
    )
    giltig_fran = models.DateField(_("giltig från"), null=True, blank=True)
    giltig_till = models.DateField(_("giltig till"), null=True, blank=True)
    omfattning = models.CharField(
        _("omfattning"),
        max_length=200,
        blank=True,
        help_text=_(
            "Tomt = hela kommunen. Annars de delar (t.ex. stadsdelar) som medlemskapet gäller; en kommun kan då ingå "
            "i flera förbund samtidigt med olika delar (Göteborg 2013)."
        ),
    )

    objects = MedlemskapQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["forbund_id", "kommun_id", "region_id", "giltig_fran"]  # ids: no joins, FOR UPDATE works
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kommun__isnull=False) & Q(region__isnull=True))
                | (Q(kommun__isnull=True) & Q(region__isnull=False)),
                name="medlemskap_kommun_eller_region",
            ),
            models.CheckConstraint(
                condition=Q(giltig_till__isnull=True)
                | Q(giltig_fran__isnull=True)
                | Q(giltig_till__gte=models.F("giltig_fran")),
                name="medlemskap_till_efter_fran",
            ),
        ]
        indexes = [
            models.Index(fields=["kommun", "giltig_fran", "giltig_till"]),
            models.Index(fields=["forbund", "giltig_fran", "giltig_till"]),
        ]

    def __str__(self):
        return f"{self.medlem_namn} i {self.forbund} ({self.period})"

    @property
    def medlem_namn(self) -> str:
        if self.region_id:
            return self.region.region_namn
        return f"{self.kommun.namn} ({self.omfattning})" if self.ar_del else self.kommun.namn

    @property
    def period(self) -> str:
        fran = self.giltig_fran.isoformat() if self.giltig_fran else "…"
        till = self.giltig_till.isoformat() if self.giltig_till else ""
        return f"{fran}–{till}"

    def clean(self):
        if self.giltig_fran and self.giltig_till and self.giltig_till < self.giltig_fran:
            raise ValidationError({"giltig_till": _("Slutdatum kan inte vara före startdatum.")})
        if self.kommun_id:
            # Also checked by the services; here so that the admin site's forms keep the rule too.
            for other in (
                Medlemskap.objects.filter(kommun_id=self.kommun_id).exclude(pk=self.pk).select_related("forbund")
            ):
                if other.overlaps(self.giltig_fran, self.giltig_till) and not other.may_overlap(self):
                    raise ValidationError(
                        _(
                            "%(kommun)s är redan medlem i %(forbund)s under %(period)s; en kommun kan bara ingå i ett förbund åt gången."
                        )
                        % {"kommun": self.kommun.namn, "forbund": other.forbund.namn, "period": other.period}
                    )

    @property
    def ar_del(self) -> bool:
        """The membership covers only part of the kommun (omfattning names the parts)."""
        return bool(self.omfattning.strip())

    def may_overlap(self, other: "Medlemskap") -> bool:
        """Two memberships of one kommun may share days only if both cover parts of it, in different förbund.

        This is the only exception to "one förbund per kommun and day" (Göteborg was in four förbund in 2013).
        """
        return self.ar_del and other.ar_del and self.forbund_id != other.forbund_id

    def overlaps(self, fran: datetime.date | None, till: datetime.date | None) -> bool:
        return Period(self.giltig_fran, self.giltig_till).overlaps(Period(fran, till))


class Roll(models.TextChoices):
    FORBUNDSADMINISTRATOR = "forbundsadministrator", _("Förbundsadministratör")
    DELTAGARANSVARIG = "deltagaransvarig", _("Deltagaransvarig")
    NATIONELL_HANDLAGGARE = "nationell_handlaggare", _("Nationell handläggare")
    ADMINISTRATOR = "administrator", _("Administratör")
    # Försäkringskassan's reviewers: read everything, review, approve, return and reopen förbund-years; change no figures.
    GRANSKARE = "granskare", _("Granskare")


FORBUND_ROLLER = {Roll.FORBUNDSADMINISTRATOR, Roll.DELTAGARANSVARIG}
NATIONELLA_ROLLER = {Roll.NATIONELL_HANDLAGGARE, Roll.ADMINISTRATOR, Roll.GRANSKARE}


class Behorighet(models.Model):
    """A role held by a user: per förbund (administratör, deltagaransvarig) or national (forbund empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="behorigheter", verbose_name=_("användare")
    )
    roll = models.CharField(_("roll"), max_length=32, choices=Roll.choices)
    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, null=True, blank=True, related_name="behorigheter", verbose_name=_("förbund")
    )
    beviljad = models.DateTimeField(_("beviljad"), auto_now_add=True)
    beviljad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beviljad av"),
    )

    # Who granted or revoked what, and when: access used to be a paper trail.
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "roll"]
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        constraints = [
            models.UniqueConstraint(fields=["user", "roll", "forbund"], name="behorighet_unik"),
            models.UniqueConstraint(
                fields=["user", "roll"], condition=Q(forbund__isnull=True), name="behorighet_unik_nationell"
            ),
            models.CheckConstraint(
                condition=(Q(roll__in=sorted(r.value for r in FORBUND_ROLLER)) & Q(forbund__isnull=False))
                | (Q(roll__in=sorted(r.value for r in NATIONELLA_ROLLER)) & Q(forbund__isnull=True)),
                name="behorighet_forbund_efter_roll",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_roll_display()}" + (f" ({self.forbund})" if self.forbund_id else "")

    def clean(self):
        if self.roll in FORBUND_ROLLER and not self.forbund_id:
            raise ValidationError({"forbund": _("Rollen gäller ett förbund: välj förbund.")})
        if self.roll in NATIONELLA_ROLLER and self.forbund_id:
            raise ValidationError({"forbund": _("Rollen är nationell: lämna förbund tomt.")})
