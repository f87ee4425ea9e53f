"""Forms only translate input: amounts typed with spaces as thousands separators become whole kronor."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.granser import BIGINT_MAX, BIGINT_MIN, INTEGER_MAX
from ekonomi.models import Medlemstyp
from ekonomi.selectors import ForbundEkonomi
from ekonomi.templatetags.ekonomi_tags import format_kr, format_tal


class BeloppInput(forms.TextInput):
    """A text box (not type=number, which refuses spaces) that shows the amount with thousands separators."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "class": "belopp", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return format_tal(value)
        return super().format_value(value)


class BeloppField(forms.IntegerField):
    """Whole kronor; accepts "1 234 567", "1 234 567 kr" and a minus sign (− or -) when negative amounts are allowed."""

    widget = BeloppInput
    default_error_messages = {
        "invalid": _("Skriv beloppet i hela kronor med siffror, t.ex. 1 250 000."),
        "min_value": _("Beloppet kan inte vara negativt."),
        "max_value": _("Beloppet är för stort: högst %(limit_value)s kr."),
    }

    def __init__(self, *, negativt: bool = False, **kwargs):
        kwargs.setdefault("required", False)
        # The column's range (bigint): PostgreSQL refuses more, so it is a form error here.
        kwargs.setdefault("min_value", BIGINT_MIN if negativt else 0)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(**kwargs)
        if negativt:
            self.error_messages["min_value"] = _("Beloppet är för litet: minst %(limit_value)s kr.")

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]|kr$", "", value.strip().lower()).replace("\u2212", "-")
        return super().to_python(value)


class AriaFormMixin:
    """Tie each field's error message to the field for screen readers (aria-describedby)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field = self.fields[name]
                ids = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if field.help_text else [])
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class EkonomiForm(AriaFormMixin, forms.Form):
    """A förbund's economy for a year: one field per member (from the registry) plus the year's other figures."""

    esf_intakter = BeloppField(label=_("ESF-medel"))
    ovriga_intakter = BeloppField(label=_("Övriga intäkter"))
    ovriga_intakter_anteckning = forms.CharField(
        label=_("Vad är de övriga intäkterna?"),
        required=False,
        max_length=500,
        help_text=_("Krävs när det finns övriga intäkter."),
    )
    administration_budget = BeloppField(label=_("Administration, budget"))
    administration_utfall = BeloppField(label=_("Administration, utfall"))
    eget_kapital_ingaende = BeloppField(
        label=_("Ingående eget kapital"),
        negativt=True,
        help_text=_("Behövs bara för det första år som registreras; annars används föregående års utgående."),
    )
    faststallt_arets_resultat = BeloppField(label=_("Årets resultat enligt fastställd årsredovisning"), negativt=True)
    faststallt_eget_kapital_utgaende = BeloppField(
        label=_("Utgående eget kapital enligt fastställd årsredovisning"), negativt=True
    )

    # Optimistic locking: the förbund-year's version the user opened (0 = no economy registered yet).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=INTEGER_MAX)
    # When the form was opened: after a conflict, the history since then is what the other person changed.
    oppnad = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ekonomi: ForbundEkonomi, **kwargs):
        self.ekonomi = ekonomi
        ae = ekonomi.fa.arsekonomi
        initial = {name: getattr(ae, name) for name in self.base_fields if name != "oppnad"} if ae else {"version": 0}
        initial["oppnad"] = timezone.now().isoformat()
        for m in ekonomi.medlemmar:
            initial[m.falt] = m.belopp
        super().__init__(*args, initial=initial, **kwargs)
        medlem_falt = {}
        for m in ekonomi.medlemmar:
            if m.medlemstyp == Medlemstyp.STAT:
                label = _("Staten (Försäkringskassan)")
            else:
                label = m.namn
            help_text = ""
            if m.period:
                help_text = _("Medlem under del av året: %(period)s.") % {"period": m.period}
            if not m.i_registret:
                help_text = _("Inte medlem under året enligt registret: töm fältet för att ta bort bidraget.")
            medlem_falt[m.falt] = BeloppField(label=label, help_text=help_text)
        # Members first, in the registry's order, then the rest.
        self.fields = {**medlem_falt, **self.fields}
        self.medlem_falt = list(medlem_falt)
        if ekonomi.foregaende is not None and ekonomi.foregaende.arsekonomi is not None:
            self.fields["eget_kapital_ingaende"].help_text = _(
                "Används inte: ingående eget kapital är föregående års utgående (%(belopp)s)."
            ) % {"belopp": format_kr(ekonomi.foregaende.utgaende)}

    def medlem_fields(self):
        return [self[name] for name in self.medlem_falt]

    def intakt_fields(self):
        return [self[n] for n in ("esf_intakter", "ovriga_intakter", "ovriga_intakter_anteckning")]

    def administration_fields(self):
        return [self[n] for n in ("administration_budget", "administration_utfall")]

    def eget_kapital_fields(self):
        return [
            self[n] for n in ("eget_kapital_ingaende", "faststallt_arets_resultat", "faststallt_eget_kapital_utgaende")
        ]

    def clean(self):
        data = super().clean()
        if data.get("ovriga_intakter") and not (data.get("ovriga_intakter_anteckning") or "").strip():
            self.add_error(
                "ovriga_intakter_anteckning",
                _("Skriv vad de övriga intäkterna är (t.ex. bidrag från annan part)."),
            )
        return data

    def medlemsbidrag(self) -> dict:
        return {self._key(name): self.cleaned_data.get(name) for name in self.medlem_falt}

    def arsekonomi(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.base_fields if name not in ("version", "oppnad")}

    def edited_version(self) -> int:
        """The version the user edited from; a form posted without one counts as edited from "nothing"."""
        return self.cleaned_data.get("version") or 0

    @staticmethod
    def _key(name: str) -> tuple[str, str]:
        if name == Medlemstyp.STAT:
            return (Medlemstyp.STAT.value, "")
        typ, kod = name.split("_", 1)
        return (typ, kod)


class StatsbidragForm(AriaFormMixin, forms.Form):
    tilldelat = BeloppField(
        label=_("Tilldelade statliga medel för året"),
        required=True,
        help_text=_("I hela kronor, t.ex. 339 000 000."),
    )
