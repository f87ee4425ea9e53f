from django import forms
from django.utils.translation import gettext_lazy as _


class InsatsImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_(
            "En rad per insats och år. Kolumner: forbund, namn, typ, inriktning, tidigare_inriktning, malgrupper, "
            "startdatum, slutdatum, esf, deltagaruppfoljning, volyminsats, ar, budget, utfall, "
            "budgeterat_antal_deltagare, deltagare_kvinnor, deltagare_man, deltagare_totalt. Historiska uppgifter ur "
            "SUS (till och med 2022) importeras med SUS-inriktningar och volyminsats ja för deltagande utan kön."
        ),
    )
