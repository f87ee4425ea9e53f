import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class DatumForm(forms.Form):
    datum = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Strukturen som den såg ut vid dagens slut."),
    )

    def clean_datum(self):
        return self.cleaned_data["datum"] or datetime.date.today()


class MedlemskapImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_("Kolumner: kommunkod (eller region), forbund, giltig_fran, giltig_till."),
    )
