"""The insats list's filters, shared by the page, the export and the API."""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import FilterSet

from insatser.models import Inriktning, Insats, Malgrupp, Typ


class Status:
    PAGAENDE = "pagaende"
    AVSLUTAD = "avslutad"
    CHOICES = [(PAGAENDE, _("Pågående")), (AVSLUTAD, _("Avslutad"))]


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ties are broken by name, so the order is the same on every database and every page."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "namn", "pk")
        return qs


class InsatsFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="filter_q", help_text=_("Namn eller beskrivning."))
    ar = django_filters.NumberFilter(label=_("År"), method="filter_ar", help_text=_("Insatser som pågick året."))
    typ = django_filters.ChoiceFilter(label=_("Typ"), choices=Typ.choices, empty_label=_("Alla typer"))
    inriktning = django_filters.ModelChoiceFilter(
        label=_("Inriktning"), queryset=Inriktning.objects.all(), empty_label=_("Alla inriktningar")
    )
    malgrupp = django_filters.ModelChoiceFilter(
        label=_("Målgrupp"),
        field_name="malgrupper",
        queryset=Malgrupp.objects.all(),
        empty_label=_("Alla målgrupper"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.CHOICES, method="filter_status", empty_label=_("Alla")
    )
    ordning = StableOrderingFilter(
        label=_("Sortering"),
        fields=(
            ("namn", "namn"),
            ("startdatum", "startdatum"),
            ("slutdatum", "slutdatum"),
            ("typ", "typ"),
            ("inriktning__ordning", "inriktning"),
        ),
        field_labels={
            "namn": _("Namn"),
            "startdatum": _("Startdatum"),
            "slutdatum": _("Slutdatum"),
            "typ": _("Typ"),
            "inriktning__ordning": _("Inriktning"),
        },
        empty_label=_("Namn (standard)"),
    )

    class Meta:
        model = Insats
        fields = ["q", "ar", "typ", "inriktning", "malgrupp", "status"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(namn__icontains=value) | Q(beskrivning__icontains=value))

    def filter_ar(self, queryset, name, value):
        return queryset.running_in(int(value))

    def filter_status(self, queryset, name, value):
        today = datetime.date.today()
        running = Q(slutdatum__isnull=True) | Q(slutdatum__gte=today)
        return queryset.filter(running) if value == Status.PAGAENDE else queryset.exclude(running)
