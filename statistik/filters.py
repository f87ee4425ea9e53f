"""The dashboard's selection: year, län and förbund (django-filter), turned into an Urval."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.granser import FORSTA_FORBUNDSAR, innevarande_ar, rapportar
from forbund.models import Forbund, Lan
from forbund.selectors import forbund_existing_q
from statistik.urval import Urval, forsta_ar


class StatistikFilter(django_filters.FilterSet):
    ar = django_filters.ChoiceFilter(label=_("År"), choices=[], empty_label=None, method="_urval_only")
    lan = django_filters.ModelChoiceFilter(
        label=_("Län"), queryset=Lan.objects.all(), empty_label=_("Hela landet"), method="_urval_only"
    )
    forbund = django_filters.ModelChoiceFilter(
        label=_("Förbund"),
        queryset=Forbund.objects.order_by("namn"),
        to_field_name="slug",
        empty_label=_("Alla förbund"),
        method="_urval_only",
    )

    class Meta:
        model = Forbund
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("ar"):
            data["ar"] = str(rapportar())
        super().__init__(data, *args, **kwargs)
        # Years from the earliest with any data or registry date to the current one (read once per request).
        self.forsta, self.sista = max(FORSTA_FORBUNDSAR, forsta_ar()), innevarande_ar()
        falt = self.form.fields["ar"]
        falt.choices = [(str(ar), str(ar)) for ar in range(self.sista, self.forsta - 1, -1)]
        intervall = {"fran": self.forsta, "till": self.sista}
        vald = str(data.get("ar", ""))
        # isascii: "²".isdigit() is true but int() refuses it; a year has at most a few digits.
        if vald.isascii() and vald.isdigit() and len(vald) < 10 and int(vald) > self.sista:
            falt.error_messages["invalid_choice"] = _(
                "Året %(ar)s har inte börjat än. Välj ett år mellan %(fran)s och %(till)s."
            ) % {"ar": vald, **intervall}
        else:
            falt.error_messages["invalid_choice"] = _("Välj ett år mellan %(fran)s och %(till)s.") % intervall
        self.form.fields["lan"].error_messages["invalid_choice"] = _("Det finns inget län med den koden.")
        self.form.fields["forbund"].error_messages["invalid_choice"] = _("Det finns inget förbund med det kortnamnet.")

    def _urval_only(self, queryset, name, value):
        # The selection depends on the year's membership; selectors.Urval applies it.
        return queryset

    def urval(self) -> Urval | None:
        """The chosen selection, or None when the input is invalid (the form then carries the errors)."""
        if not self.is_valid():
            return None
        data = self.form.cleaned_data
        urval = Urval(ar=int(data["ar"]), lan=data.get("lan"), forbund=data.get("forbund"))
        if urval.forbund is not None and not self._forbund_i_urvalet(urval):
            # A förbund outside the chosen län (or not existing that year) would show zeros as if they were facts.
            f, ar = urval.forbund, urval.ar
            if urval.lan is not None:
                fel = _(
                    "%(forbund)s hade inga medlemmar i %(lan)s %(ar)s. Välj ett förbund i länet, eller Hela "
                    "landet för att se förbundet."
                ) % {"forbund": f.namn, "lan": urval.lan.namn, "ar": ar}
            else:
                fel = _("%(forbund)s fanns inte %(ar)s. Välj ett annat förbund eller ett annat år.") % {
                    "forbund": f.namn,
                    "ar": ar,
                }
            self.form.add_error("forbund", fel)
            return None
        return urval

    @staticmethod
    def _forbund_i_urvalet(urval: Urval) -> bool:
        """The chosen förbund existed some day of the year and, with a län, had a member in it (1 query)."""
        if urval.lan is not None:
            return urval.forbund_qs().exists()
        return Forbund.objects.filter(forbund_existing_q(urval.start, urval.slut), pk=urval.forbund.pk).exists()
