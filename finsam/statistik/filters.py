"""The dashboard's selection: year, län and förbund (django-filter), turned into an Urval."""

import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from finsam.statistik.selectors import Urval
from forbund.models import Forbund, Lan

FORSTA_AR = 2004  # Finsamlagen came into force on 1 January 2004.


def standard_ar() -> int:
    """The report is written in January for the year before."""
    return datetime.date.today().year - 1


def ar_choices():
    return [(str(ar), str(ar)) for ar in range(datetime.date.today().year + 1, FORSTA_AR - 1, -1)]


class StatistikFilter(django_filters.FilterSet):
    ar = django_filters.ChoiceFilter(label=_("År"), choices=ar_choices, empty_label=None, method="_urval_only")
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
            data["ar"] = str(standard_ar())
        super().__init__(data, *args, **kwargs)
        self.form.fields["ar"].error_messages["invalid_choice"] = _("Välj ett år mellan %(fran)s och %(till)s.") % {
            "fran": FORSTA_AR,
            "till": datetime.date.today().year + 1,
        }
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
        return Urval(ar=int(data["ar"]), lan=data.get("lan"), forbund=data.get("forbund"))
