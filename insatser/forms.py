"""Forms translate the browser's input to service arguments; the rules live in rules.py and services.py."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.granser import AR_MAX, AR_MIN, BIGINT_MAX, INTEGER_MAX, datum_utanfor
from forbund.models import Forbund, Kommun, Lan, Roll
from insatser.models import Inriktning, Malgrupp, Typ
from insatser.rules import DELTAGARE_FALT, giltighet

BELOPP_FEL = _("Skriv beloppet i hela kronor, utan decimaler (till exempel 125 000).")
ANTAL_FEL = _("Skriv antalet som ett heltal (till exempel 12).")


class HeltalField(forms.IntegerField):
    """Whole numbers as people type them: spaces as thousand separators are fine ("12 500").

    `invalid` is the field's own message with an example that fits it: kronor for money, a count for participants.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, *, invalid: str, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        # The column's range (PostgreSQL refuses more): counts are integer columns; kronor (bigint) say so.
        kwargs.setdefault("max_value", INTEGER_MAX)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = invalid

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        return super().to_python(value)


def swedish_messages(form: forms.Form) -> None:
    """Our own Swedish messages, so the form reads the same whatever language the browser asks for."""
    for field in form.fields.values():
        field.error_messages["required"] = _("Fältet måste fyllas i.")
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = _("Skriv datumet som ÅÅÅÅ-MM-DD.")
        if isinstance(field, (forms.ChoiceField, forms.ModelMultipleChoiceField)):
            field.error_messages["invalid_choice"] = _("Välj ett av alternativen.")
        if isinstance(field, HeltalField):
            field.error_messages["min_value"] = _("Får inte vara negativt.")
            field.error_messages["max_value"] = _("Talet är för stort: högst %(limit_value)s.")


def inriktning_choices(inriktningar):
    """Grouped by typ and classification, so the list itself tells which inriktningar belong to which typ and when
    they may be used: "Individinriktad (Uppföljning Finsam, från 2023)", "Individinriktad (SUS, till och med 2022)"."""
    groups: dict[str, list] = {}
    for i in inriktningar:
        label = _("%(typ)s (%(giltighet)s)") % {"typ": Typ(i.typ).label, "giltighet": giltighet(i)}
        groups.setdefault(label, []).append((i.kod, i.namn))
    return [("", _("Välj inriktning"))] + list(groups.items())


DATUM_HJALP = _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-01-01.")


class IsoDatumInput(forms.DateInput):
    """A text box for ÅÅÅÅ-MM-DD whatever the browser's language (type=date shows mm/dd/yyyy in an English one)."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "placeholder": "ÅÅÅÅ-MM-DD",
                "pattern": r"\d{4}-\d{2}-\d{2}",
                "autocomplete": "off",
                "size": 12,
                **(attrs or {}),
            },
            format="%Y-%m-%d",
        )


class IsoDatumField(forms.DateField):
    """A date typed as ÅÅÅÅ-MM-DD (ISO 8601), the only format accepted, so 01/02/2025 is never misread."""

    widget = IsoDatumInput
    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        return super().to_python(value.strip() if isinstance(value, str) else value)

    def validate(self, value):
        super().validate(value)
        if value and (utanfor := datum_utanfor(value)):
            raise forms.ValidationError(utanfor, code="datum_utanfor")


class InriktningSelect(forms.Select):
    """Each option carries its validity (data-fran, data-till) and its words (data-giltighet: "Uppföljning Finsam,
    från 2023"), so insatser.js can offer only the inriktningar valid during the dates typed and say why a choice no
    longer fits instead of clearing it. The server checks the same rule."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.giltig: dict[str, tuple[str, str]] = {}
        self.giltighet: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        fran, till = self.giltig.get(str(value), ("", ""))
        if fran:
            option["attrs"]["data-fran"] = fran
        if till:
            option["attrs"]["data-till"] = till
        if str(value) in self.giltighet:
            option["attrs"]["data-giltighet"] = self.giltighet[str(value)]
        return option


class InsatsForm(forms.Form):
    namn = forms.CharField(label=_("Namn"), max_length=200, help_text=_("Unikt inom förbundet."))
    beskrivning = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad insatsen gör och för vem. Skriv inga personuppgifter."),
    )
    typ = forms.ChoiceField(
        label=_("Typ"),
        choices=Typ.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Individinriktad: för personer som behöver samordnat stöd. Strukturövergripande: för parternas personal "
            "(utbildning, dialog, behovsanalys). En insats med båda delarna registreras som två."
        ),
    )
    inriktning = forms.ChoiceField(
        label=_("Preciserad inriktning"),
        widget=InriktningSelect,
        help_text=_(
            "Inriktningen ska höra till insatsens typ och gälla när insatsen slutar: Uppföljning Finsams "
            "inriktningar från 2023, SUS inriktningar till och med 2022. Beskrivningarna finns under fältet."
        ),
    )
    tidigare_inriktning = forms.ChoiceField(
        label=_("Inriktning till och med 2022 (SUS)"),
        required=False,
        help_text=_(
            "Bara för en insats som började senast 2022 och pågår efter det: inriktningen den hade i SUS. "
            "Statistiken för åren till och med 2022 räknar den, åren från 2023 inriktningen ovan."
        ),
    )
    malgrupper = forms.MultipleChoiceField(
        label=_("Målgrupper"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Bara för individinriktade insatser: en eller flera. Välj ”Ingen specifik målgrupp” i stället för att "
            "kryssa i alla."
        ),
    )
    startdatum = IsoDatumField(label=_("Startdatum"), help_text=DATUM_HJALP)
    slutdatum = IsoDatumField(
        label=_("Slutdatum"),
        required=False,
        help_text=_("ÅÅÅÅ-MM-DD. Lämna tomt om insatsen pågår."),
    )
    esf = forms.BooleanField(
        label=_("ESF-finansierad"), required=False, help_text=_("Medfinansierad av Europeiska socialfonden.")
    )
    deltagaruppfoljning = forms.BooleanField(
        label=_("Deltagaruppföljning"),
        required=False,
        help_text=_("Bara för strukturövergripande insatser: kryssa i om deltagarna ska räknas."),
    )
    volyminsats = forms.BooleanField(
        label=_("Volyminsats (SUS)"),
        required=False,
        help_text=_(
            "Deltagandet registrerades som ett antal utan uppdelning på kön. Finns bara för individinriktade "
            "insatser som avslutades senast 2022."
        ),
    )
    utforare_fk = forms.BooleanField(label=_("Försäkringskassan"), required=False)
    utforare_af = forms.BooleanField(label=_("Arbetsförmedlingen"), required=False)
    utforare_regioner = forms.ModelMultipleChoiceField(
        label=_("Regioner"), queryset=Lan.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    utforare_kommuner = forms.ModelMultipleChoiceField(
        label=_("Kommuner"), queryset=Kommun.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    deltagaransvariga = forms.ModelMultipleChoiceField(
        label=_("Deltagaransvariga"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De får registrera antal deltagare för insatsen, inget annat."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=INTEGER_MAX)
    # Shown only when new dates leave registered years outside the period (views.insats_update sets the label).
    ta_bort_ar = forms.BooleanField(label=_("Ta bort uppgifterna"), required=False)
    ta_bort_vilka = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    UTFORARE = ("utforare_fk", "utforare_af", "utforare_regioner", "utforare_kommuner")

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.inriktningar = list(Inriktning.objects.all())
        self.fields["inriktning"].choices = inriktning_choices(self.inriktningar)
        self.fields["inriktning"].widget.giltig = {
            i.kod: (
                i.giltig_fran.isoformat() if i.giltig_fran else "",
                i.giltig_till.isoformat() if i.giltig_till else "",
            )
            for i in self.inriktningar
        }
        self.fields["inriktning"].widget.giltighet = {i.kod: giltighet(i) for i in self.inriktningar}
        self.fields["inriktning"].widget.attrs["data-passar-inte"] = _(
            "%(inriktning)s gäller inte under datumen du skrivit (%(giltighet)s). Välj en annan inriktning eller "
            "ändra datumen."
        )
        self.fields["tidigare_inriktning"].choices = [("", _("Ingen"))] + [
            (i.kod, f"{i.namn} ({Typ(i.typ).label.lower()})") for i in self.inriktningar if i.system == "sus"
        ]
        self.fields["malgrupper"].choices = list(Malgrupp.objects.values_list("kod", "namn"))
        # Members at any time: the service checks that they were members during the insats's period.
        self.fields["utforare_kommuner"].queryset = Kommun.objects.filter(medlemskap__forbund=forbund).distinct()
        self.fields["utforare_regioner"].queryset = Lan.objects.filter(region_medlemskap__forbund=forbund).distinct()
        self.fields["deltagaransvariga"].queryset = get_user_model().objects.filter(
            behorigheter__forbund=forbund, behorigheter__roll=Roll.DELTAGARANSVARIG
        )
        self.fields["deltagaransvariga"].label_from_instance = lambda u: u.get_full_name() or u.username
        swedish_messages(self)

    def ta_bort(self) -> list[int]:
        """The years the user confirmed removing (as shown to them), when the box is ticked."""
        if not self.cleaned_data.get("ta_bort_ar"):
            return []
        return [int(a) for a in (self.cleaned_data.get("ta_bort_vilka") or "").split(",") if a.strip().isdigit()]

    def clean_namn(self):
        return self.cleaned_data["namn"].strip()

    def clean_inriktning(self):
        kod = self.cleaned_data["inriktning"]
        for i in self.inriktningar:
            if i.kod == kod:
                return i
        raise ValidationError(_("Välj en inriktning i listan."))

    def clean_tidigare_inriktning(self):
        kod = self.cleaned_data["tidigare_inriktning"]
        return next((i for i in self.inriktningar if i.kod == kod), None) if kod else None

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        for falt in ("version", "ta_bort_ar", "ta_bort_vilka"):
            data.pop(falt, None)
        # Målgrupper belong to individinriktade insatser: ticked boxes left behind after switching typ are dropped.
        koder = set(data["malgrupper"]) if data["typ"] == Typ.INDIVIDINRIKTAD else set()
        data["malgrupper"] = [m for m in Malgrupp.objects.all() if m.kod in koder]
        return data

    @staticmethod
    def initial_from(insats) -> dict:
        inriktning, tidigare = insats.inriktning_id, insats.tidigare_inriktning_id
        till = insats.inriktning.giltig_till
        if tidigare is None and till and insats.startdatum <= till and (insats.slutdatum or datetime.date.max) > till:
            # Registered in SUS's time and running on: the SUS class is kept for its years up to 2022 and the user
            # chooses the current one (rules: the current class must apply at the insats's end).
            inriktning, tidigare = "", insats.inriktning_id
        return {
            "namn": insats.namn,
            "beskrivning": insats.beskrivning,
            "typ": insats.typ,
            "inriktning": inriktning,
            "tidigare_inriktning": tidigare or "",
            "malgrupper": [m.kod for m in insats.malgrupper.all()],
            "startdatum": insats.startdatum,
            "slutdatum": insats.slutdatum,
            "esf": insats.esf,
            "deltagaruppfoljning": insats.deltagaruppfoljning,
            "volyminsats": insats.volyminsats,
            "utforare_fk": insats.utforare_fk,
            "utforare_af": insats.utforare_af,
            "utforare_kommuner": list(insats.utforare_kommuner.all()),
            "utforare_regioner": list(insats.utforare_regioner.all()),
            "deltagaransvariga": list(insats.deltagaransvariga.all()),
            "version": insats.version,
        }


class InsatsArForm(forms.Form):
    """One year's figures. Only the fields that apply to the insats are shown; a deltagaransvarig sees counts only."""

    budget = HeltalField(label=_("Budget (kr)"), help_text=_("Hela kronor."), invalid=BELOPP_FEL, max_value=BIGINT_MAX)
    utfall = HeltalField(
        label=_("Utfall (kr)"),
        help_text=_("Hela kronor. Fylls i när året är slut."),
        invalid=BELOPP_FEL,
        max_value=BIGINT_MAX,
    )
    budgeterat_antal_deltagare = HeltalField(
        label=_("Budgeterat antal deltagare"),
        help_text=_("Hur många deltagare ni planerar för året."),
        invalid=ANTAL_FEL,
    )
    deltagare_kvinnor = HeltalField(
        label=_("Deltagare, kvinnor"), help_text=_("Antal registreringar, inga namn."), invalid=ANTAL_FEL
    )
    deltagare_man = HeltalField(
        label=_("Deltagare, män"), help_text=_("Antal registreringar, inga namn."), invalid=ANTAL_FEL
    )
    deltagare_totalt = HeltalField(
        label=_("Deltagare, totalt"), help_text=_("Antal registreringar, inga namn."), invalid=ANTAL_FEL
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INTEGER_MAX)
    # The year's own version (0: no figures yet): the form locks the year it writes, not the whole insats. A form
    # posted without it (opened before this field existed) is checked against the insats's version as before.
    ar_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=INTEGER_MAX)

    def __init__(self, *args, insats, only_deltagare: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        drop = set(DELTAGARE_FALT) - set(insats.deltagare_falt)
        if only_deltagare:
            drop |= {"budget", "utfall", "budgeterat_antal_deltagare"}
        for name in drop:
            del self.fields[name]
        swedish_messages(self)

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "ar_version")}


class VersionForm(forms.Form):
    """Confirmation forms (delete) carry the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INTEGER_MAX)


class ArValForm(forms.Form):
    ar = forms.IntegerField(label=_("År"), min_value=AR_MIN, max_value=AR_MAX)
