from django import forms
from django.utils.translation import gettext_lazy as _


class EkonomiImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_(
            "En rad per belopp. Kolumner: forbund, ar, post, belopp, kommunkod, region, anteckning "
            "(se docs/ekonomi.md)."
        ),
    )
