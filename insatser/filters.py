"""The insats list's filters, shared by the page, the export and the API."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import FilterSet

from core.granser import AR_MAX, AR_MIN, ar_utanfor_lazy
from core.period import Period
from insatser.models import Inriktning, Insats, Malgrupp, Typ, running_during


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


class ArFilter(django_filters.NumberFilter):
    """A year: a whole number between AR_MIN and AR_MAX, with messages that say so (not "Ange ett tal")."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        # A text box, so a wrong value stays visible next to its message (a number box would show it empty).
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 6}))
        kwargs.setdefault("min_value", AR_MIN)
        kwargs.setdefault("max_value", AR_MAX)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Skriv året med fyra siffror, till exempel 2025."),
                "min_value": ar_utanfor_lazy(),
                "max_value": ar_utanfor_lazy(),
            },
        )
        super().__init__(*args, **kwargs)


# The sort orders offered, in Swedish; the first is the default (no ordning given sorts by name too).
ORDNING_VAL = [
    ("namn", _("Namn A–Ö")),
    ("-namn", _("Namn Ö–A")),
    ("-startdatum", _("Startdatum, nyast först")),
    ("startdatum", _("Startdatum, äldst först")),
    ("-slutdatum", _("Slutdatum, senast först")),
    ("slutdatum", _("Slutdatum, tidigast först")),
    ("typ", _("Typ, individinriktade först")),
    ("-typ", _("Typ, strukturövergripande först")),
    ("inriktning", _("Inriktning")),
]


class InsatsFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="filter_q", help_text=_("Namn eller beskrivning."))
    ar = ArFilter(label=_("År"), method="filter_ar", help_text=_("Insatser som pågick året."))
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
    klassning = django_filters.ChoiceFilter(
        label=_("Inriktning att byta"),
        choices=[("ny_inriktning", _("Insatser som behöver en inriktning ur Uppföljning Finsam"))],
        method="filter_klassning",
        empty_label=_("Alla"),
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
        choices=ORDNING_VAL,
        empty_label=None,
    )

    class Meta:
        model = Insats
        fields = ["q", "ar", "typ", "inriktning", "malgrupp", "status", "klassning"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("typ", "inriktning", "malgrupp", "status", "klassning", "ordning"):
            self.form.fields[name].error_messages["invalid_choice"] = _(
                "Okänt värde. Välj ett av alternativen i listan."
            )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(namn__icontains=value) | Q(beskrivning__icontains=value))

    def filter_ar(self, queryset, name, value):
        return queryset.running_in(int(value))

    def filter_klassning(self, queryset, name, value):
        return queryset.behover_ny_inriktning()

    def filter_status(self, queryset, name, value):
        # Not ended by today, as Insats.ar_pagaende.
        running = running_during(Period(datetime.date.today(), None))
        return queryset.filter(running) if value == Status.PAGAENDE else queryset.exclude(running)
