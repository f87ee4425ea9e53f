"""The state's funds of a year (§5.1): the national share and Försäkringskassan's payments to each förbund. Only the
administratör writes; other national staff get 403, everyone else 404. Views only translate (rules in
ekonomi.statsmedel)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors
from core.granser import FORSTA_FORBUNDSAR, sista_registreringsar
from ekonomi.forms import AriaFormMixin, BeloppField
from ekonomi.services import statsmedel_set
from ekonomi.statsmedel import statsmedel, utbetalningar_for
from forbund.access import ADMINISTRATOR, nationell_access
from forbund.selectors import forbund_under_aret


class StatsmedelForm(AriaFormMixin, forms.Form):
    nationell_andel = BeloppField(
        label=gettext_lazy("Nationell andel"), help_text=gettext_lazy("Högst 3 000 000 kr, i hela kronor.")
    )
    nationell_forbrukad = BeloppField(label=gettext_lazy("Förbrukat av den nationella andelen"))
    nationell_anvandning = forms.CharField(
        label=gettext_lazy("Vad den nationella andelen användes till"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = list(forbund)
        for f in self.forbund:
            self.fields[f"utbetalt_{f.pk}"] = BeloppField(label=f.namn)

    def utbetalningsfalt(self):
        return [self[f"utbetalt_{f.pk}"] for f in self.forbund]

    def utbetalningar(self) -> dict[int, int | None]:
        return {f.pk: self.cleaned_data.get(f"utbetalt_{f.pk}") for f in self.forbund}


@nationell_access(ADMINISTRATOR)
def statsmedel_edit(request, ar):
    if not FORSTA_FORBUNDSAR <= ar <= sista_registreringsar():
        raise Http404
    forbund = forbund_under_aret(ar).order_by("namn")
    sm = statsmedel(ar)
    initial = {
        "nationell_andel": sm["nationell_andel"],
        "nationell_forbrukad": sm["nationell_forbrukad"],
        "nationell_anvandning": sm["nationell_anvandning"],
        **{f"utbetalt_{pk}": belopp for pk, belopp in utbetalningar_for(ar).items()},
    }
    form = StatsmedelForm(request.POST or None, initial=initial, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            statsmedel_set(
                ar=ar,
                nationell_andel=form.cleaned_data["nationell_andel"],
                nationell_forbrukad=form.cleaned_data["nationell_forbrukad"],
                nationell_anvandning=form.cleaned_data["nationell_anvandning"].strip(),
                utbetalningar=form.utbetalningar(),
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Statens medel för %(ar)s är sparade.") % {"ar": ar})
            return redirect("ekonomi-nationell:ar", ar=ar)
    return render(
        request,
        "ekonomi/statsmedel_form.html",
        {"form": form, "ar": ar, "sm": sm},
        status=400 if form.is_bound and form.errors else 200,
    )
