"""API representations. Serializers only translate; the rules are checked by the services."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.granser import AR_MAX, AR_MIN, BIGINT_MAX, INTEGER_MAX
from forbund.models import Kommun, Lan, Roll
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ
from insatser.rules import AR_FALT

KOD_MAX = Inriktning._meta.get_field("kod").max_length  # the longest code of any reference list


class Antal(serializers.IntegerField):
    """A count or an amount, never negative and within its column (integer for counts; kronor are bigint)."""

    def __init__(self, max_value=INTEGER_MAX, **kwargs):
        super().__init__(required=False, allow_null=True, min_value=0, max_value=max_value, **kwargs)


class InsatsArSerializer(serializers.ModelSerializer):
    ar = serializers.IntegerField(min_value=AR_MIN, max_value=AR_MAX)
    budget = Antal(max_value=BIGINT_MAX, help_text=_("Hela kronor."))
    utfall = Antal(max_value=BIGINT_MAX, help_text=_("Hela kronor."))
    budgeterat_antal_deltagare = Antal()
    deltagare_kvinnor = Antal(help_text=_("Individinriktade insatser."))
    deltagare_man = Antal(help_text=_("Individinriktade insatser."))
    deltagare_totalt = Antal(
        help_text=_("Strukturövergripande insatser med deltagaruppföljning, och volyminsatser (SUS, utan kön).")
    )

    class Meta:
        model = InsatsAr
        fields = ["ar", *AR_FALT]


class KodField(serializers.SlugRelatedField):
    """A code from a reference list (inriktning, målgrupp, kommun, län). An unknown code is named, cut short: the
    message must not echo a megabyte back."""

    default_error_messages = {"does_not_exist": _("Okänd kod: %(value)s.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="kod", **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and len(data) > KOD_MAX:
            self.fail("does_not_exist", value=data[:KOD_MAX] + "…")
        return super().to_internal_value(data)


class DeltagaransvarigField(serializers.SlugRelatedField):
    """A username among the förbund's deltagaransvariga (context `forbund`). An unknown username and a user without
    the role get the same message, so the API does not tell which usernames exist."""

    default_error_messages = {
        "does_not_exist": _("Okänd användare eller användaren är inte deltagaransvarig i förbundet."),
        "invalid": _("Okänd användare eller användaren är inte deltagaransvarig i förbundet."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", queryset=get_user_model().objects.none(), **kwargs)

    def get_queryset(self):
        forbund = self.context.get("forbund")
        users = get_user_model().objects.all()
        if forbund is None:
            return users.none()
        return users.filter(behorigheter__forbund=forbund, behorigheter__roll=Roll.DELTAGARANSVARIG).distinct()


class InsatsSerializer(serializers.ModelSerializer):
    forbund = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    typ = serializers.ChoiceField(choices=Typ.choices)
    inriktning = KodField(
        queryset=Inriktning.objects.all(),
        help_text=_("Den inriktning som gäller när insatsen slutar (från 2023 en inriktning ur Uppföljning Finsam)."),
    )
    tidigare_inriktning = KodField(
        queryset=Inriktning.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "SUS-inriktningen för åren till och med 2022, för en insats som började senast 2022 och pågår efter det."
        ),
    )
    malgrupper = KodField(queryset=Malgrupp.objects.all(), many=True, required=False)
    utforare_kommuner = KodField(queryset=Kommun.objects.all(), many=True, required=False)
    utforare_regioner = KodField(queryset=Lan.objects.all(), many=True, required=False)
    deltagaransvariga = DeltagaransvarigField(many=True, required=False)
    arsuppgifter = InsatsArSerializer(many=True, required=False)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=INTEGER_MAX,
        help_text=_(
            "Versionen du utgår från. Krävs vid ändring: en äldre version avvisas (409) i stället för att skriva över."
        ),
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Insats
        fields = [
            "id",
            "url",
            "forbund",
            "namn",
            "beskrivning",
            "typ",
            "inriktning",
            "tidigare_inriktning",
            "malgrupper",
            "startdatum",
            "slutdatum",
            "esf",
            "deltagaruppfoljning",
            "volyminsats",
            "utforare_fk",
            "utforare_af",
            "utforare_kommuner",
            "utforare_regioner",
            "deltagaransvariga",
            "arsuppgifter",
            "version",
            "skapad",
            "andrad",
        ]
        read_only_fields = ["id", "forbund", "skapad", "andrad"]
        # Uniqueness is checked by the service, with the same message as in the form and the import.
        validators = []

    def to_representation(self, instance):
        """A deltagaransvarig (context med_ekonomi=False) gets no money figures and not the other deltagaransvariga,
        as on the pages."""
        data = super().to_representation(instance)
        if not self.context.get("med_ekonomi", True):
            data.pop("deltagaransvariga", None)
            for ar in data.get("arsuppgifter") or []:
                for falt in ("budget", "utfall", "budgeterat_antal_deltagare"):
                    ar.pop(falt, None)
        return data

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class InsatsAndringSerializer(InsatsSerializer):
    """The body of PUT and PATCH (for the schema): as InsatsSerializer, and `version` must be sent."""

    kravs_vid_andring = ("version",)
