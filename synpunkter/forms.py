from django import forms
from django.utils.translation import gettext_lazy as _

from synpunkter.models import MAX_TECKEN


class SynpunktForm(forms.Form):
    meddelande = forms.CharField(
        label=_("Ditt meddelande"),
        max_length=MAX_TECKEN,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Beskriv vad som inte fungerar och på vilken sida. Högst 4 000 tecken."),
        error_messages={
            "required": _("Skriv ditt meddelande."),
            "max_length": _("Meddelandet får vara högst %(limit_value)d tecken (det har %(show_value)d)."),
        },
    )
    epost = forms.EmailField(
        label=_("Din e-postadress (frivillig)"),
        required=False,
        help_text=_("Fyll i den om du vill ha svar."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Skriv en e-postadress som namn@exempel.se.")},
    )
