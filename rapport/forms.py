from django import forms
from django.utils.translation import gettext_lazy as _

from rapport.mall import MAX_STORLEK


class RapportMallForm(forms.Form):
    namn = forms.CharField(label=_("Namn på mallen"), max_length=120)
    fil = forms.FileField(label=_("Word-mall (.docx)"), help_text=_("Högst 5 MB."))

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > MAX_STORLEK:
            raise forms.ValidationError(_("Mallen är större än 5 MB."))
        return fil
