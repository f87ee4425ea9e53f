"""The revision form: translates the browser's input to revision_save's arguments (rules in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.granser import INTEGER_MAX
from insatser.forms import DATUM_HJALP, IsoDatumField, swedish_messages
from revision.models import ANMARKNINGAR, Ansvarsfrihet


class RevisionForm(forms.Form):
    berattelse_mottagen = IsoDatumField(label=_("Revisionsberättelsen kom in"), required=False, help_text=DATUM_HJALP)
    ansvarsfrihet = forms.ChoiceField(
        label=_("Ansvarsfrihet för styrelsen"), choices=Ansvarsfrihet.choices, widget=forms.RadioSelect
    )
    ansvarsfrihet_datum = IsoDatumField(
        label=_("Datum för beslutet om ansvarsfrihet"),
        required=False,
        help_text=_("ÅÅÅÅ-MM-DD. Lämna tomt så länge beslutet inte är fattat."),
    )
    anteckning = forms.CharField(
        label=_("Kort om anmärkningarna"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad revisorerna påpekade, i några ord. Skriv inga personuppgifter."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=INTEGER_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for falt, namn in ANMARKNINGAR:
            self.fields[falt] = forms.BooleanField(label=namn, required=False)
        swedish_messages(self)

    def anmarkningsfalt(self):
        return [self[falt] for falt, _n in ANMARKNINGAR]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data

    @staticmethod
    def initial_from(revision) -> dict:
        if revision is None:
            return {"ansvarsfrihet": Ansvarsfrihet.EJ_BESLUTAD, "version": 0}
        return {
            "berattelse_mottagen": revision.berattelse_mottagen,
            "ansvarsfrihet": revision.ansvarsfrihet,
            "ansvarsfrihet_datum": revision.ansvarsfrihet_datum,
            "anteckning": revision.anteckning,
            **{falt: getattr(revision, falt) for falt, _n in ANMARKNINGAR},
            "version": revision.version,
        }
