"""The reporting round: a year's dates, each förbund's submission and review, lock exceptions, reminders, extracts.

A förbund-year (Arsrapport) goes inte inskickad → inskickad → (återsänd → inskickad)* → godkänd. Every step, comment
and lock exception is an event (Handelse) that both the förbund and Försäkringskassan's reviewers read.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forbund.models import Forbund


class Rapporteringsomgang(models.Model):
    """One year's reporting round. A year without a row uses the defaults (rapportering.selectors.omgang_for)."""

    ar = models.PositiveSmallIntegerField(_("år"), unique=True)
    oppnar = models.DateField(_("registreringen öppnar"))
    sista_dag = models.DateField(
        _("sista dag att skicka in"), help_text=_("Används för att bedöma om ett förbund rapporterat i tid.")
    )
    last_datum = models.DateField(_("låses"), help_text=_("Från detta datum är året låst för alla förbund."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-ar"]
        verbose_name = _("rapporteringsomgång")
        verbose_name_plural = _("rapporteringsomgångar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(oppnar__lte=models.F("sista_dag")) & models.Q(sista_dag__lte=models.F("last_datum")),
                name="omgang_datum_i_ordning",
            )
        ]

    def __str__(self):
        return str(self.ar)


class Status(models.TextChoices):
    EJ_INSKICKAD = "ej_inskickad", _("Inte inskickad")
    INSKICKAD = "inskickad", _("Inskickad")
    ATERSANDA = "atersand", _("Återsänd")
    GODKAND = "godkand", _("Godkänd")


class Arsrapport(models.Model):
    """A förbund's year as submitted and reviewed."""

    forbund = models.ForeignKey(Forbund, on_delete=models.PROTECT, related_name="arsrapporter")
    ar = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.EJ_INSKICKAD)
    referens = models.CharField(_("referensnummer"), max_length=40, blank=True)
    forst_inskickad = models.DateTimeField(_("först inskickad"), null=True, blank=True)
    inskickad = models.DateTimeField(_("senast inskickad"), null=True, blank=True)
    inskickad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    korrigerad = models.BooleanField(_("ändrad efter inskickning"), default=False)
    godkand = models.DateTimeField(_("godkänd"), null=True, blank=True)
    godkand_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inskickat_underlag = models.JSONField(
        _("inskickade uppgifter"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["ar", "forbund__namn"]
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        constraints = [models.UniqueConstraint(fields=["forbund", "ar"], name="arsrapport_unik")]

    def __str__(self):
        return f"{self.forbund} {self.ar}"


class Forklaring(models.Model):
    """The förbund's short explanation of a warning, carried to the reviewer. insats 0: the förbund as a whole."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveSmallIntegerField()
    kod = models.CharField(max_length=40)
    insats = models.PositiveIntegerField(default=0)
    text = models.TextField(_("förklaring"), max_length=2000)
    andrad = models.DateTimeField(auto_now=True)
    andrad_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["forbund", "ar", "kod", "insats"], name="forklaring_unik"),
        ]

    def __str__(self):
        return f"{self.forbund_id} {self.ar}"


class Handelsetyp(models.TextChoices):
    KOMMENTAR = "kommentar", _("Kommentar")
    INSKICKAD = "inskickad", _("Inskickad")
    KORRIGERAD = "korrigerad", _("Ändrad efter inskickning")
    ATERSANDA = "atersand", _("Återsänd")
    GODKAND = "godkand", _("Godkänd")
    UNDANTAG = "undantag", _("Undantag från låsning")


class Handelse(models.Model):
    """The thread of one förbund-year: comments and every step, visible to the förbund and the reviewers."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveSmallIntegerField()
    typ = models.CharField(max_length=16, choices=Handelsetyp.choices)
    text = models.TextField(blank=True, max_length=4000)
    tid = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["tid", "pk"]
        indexes = [models.Index(fields=["forbund", "ar"])]

    def __str__(self):
        return f"{self.forbund_id} {self.ar}"


class Lasundantag(models.Model):
    """A locked förbund-year reopened until a date, with the reason and who granted it."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+", verbose_name=_("förbund"))
    ar = models.PositiveSmallIntegerField(_("år"))
    skal = models.TextField(_("skäl"), max_length=2000)
    till = models.DateField(_("öppet till och med"))
    beviljad = models.DateTimeField(auto_now_add=True)
    beviljad_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-beviljad"]
        verbose_name = _("undantag från låsning")
        verbose_name_plural = _("undantag från låsning")

    def __str__(self):
        return f"{self.forbund_id} {self.ar}"


class Paminnelse(models.Model):
    """A reminder sent to a förbund that had not submitted, once per day relative to the deadline."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveSmallIntegerField()
    dagar = models.SmallIntegerField(help_text=_("Dagar relativt sista dag (−14, −3, +1)."))
    skickad = models.DateTimeField(auto_now_add=True)
    mottagare = models.TextField()

    class Meta:
        ordering = ["-skickad"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [models.UniqueConstraint(fields=["forbund", "ar", "dagar"], name="paminnelse_en_gang")]

    def __str__(self):
        return f"{self.forbund_id} {self.ar}"


class Uttag(models.Model):
    """A frozen extract of a year's statistics: taken once, never changed."""

    ar = models.PositiveSmallIntegerField(_("år"))
    tagen = models.DateTimeField(_("taget"), auto_now_add=True)
    tagen_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    statistik = models.JSONField(encoder=DjangoJSONEncoder)
    godkanda = models.JSONField(default=list, help_text=_("Förbund (slug) vars år var godkända vid uttaget."))
    alla_godkanda = models.BooleanField(default=False)

    class Meta:
        ordering = ["-tagen", "-pk"]
        verbose_name = _("uttag")
        verbose_name_plural = _("uttag")

    def __str__(self):
        return f"{self.ar} #{self.pk}"

    @property
    def faststalld(self) -> bool:
        return self.alla_godkanda
