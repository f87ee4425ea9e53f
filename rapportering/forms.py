import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class KommentarForm(forms.Form):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class AtersandForm(forms.Form):
    skal = forms.CharField(
        label=_("Varför återsänds året?"),
        help_text=_("Förbundet ser texten och vet då vad som ska rättas."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class UndantagForm(forms.Form):
    skal = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    till = forms.DateField(
        label=_("Öppet till och med"),
        help_text=_("ÅÅÅÅ-MM-DD"),
        widget=forms.DateInput(attrs={"inputmode": "numeric", "placeholder": "ÅÅÅÅ-MM-DD", "autocomplete": "off"}),
    )

    def clean_till(self):
        till = self.cleaned_data["till"]
        if till < datetime.date.today():
            raise forms.ValidationError(_("Välj ett datum från och med i dag."))
        return till
