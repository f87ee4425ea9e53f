from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forbund.models import FORBUND_ROLLER, Forbund, Roll
from insatser.models import Insats


class SokForm(forms.Form):
    q = forms.CharField(label=_("Sök namn, e-post eller förbund"), required=False, max_length=100)


class RollForm(forms.Form):
    """A role, and the förbund when the role is a förbund's."""

    roll = forms.ChoiceField(label=_("Roll"))
    forbund = forms.ModelChoiceField(
        label=_("Förbund"),
        queryset=Forbund.objects.order_by("namn"),
        required=False,
        empty_label=_("– Välj förbund (för förbundets roller) –"),
        help_text=_("Förbundsadministratör och deltagaransvarig gäller ett förbund; övriga roller är nationella."),
    )

    def __init__(self, *args, superuser: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a superuser grants the administratör role (docs/adr/0004).
        self.fields["roll"].choices = [(v, n) for v, n in Roll.choices if superuser or v != Roll.ADMINISTRATOR]

    def clean(self):
        data = super().clean()
        roll, forbund = data.get("roll"), data.get("forbund")
        if roll in FORBUND_ROLLER and forbund is None:
            self.add_error("forbund", _("Rollen gäller ett förbund: välj förbund."))
        elif roll and roll not in FORBUND_ROLLER and forbund is not None:
            self.add_error("forbund", _("Rollen är nationell: lämna förbund tomt."))
        return data


class InbjudanForm(RollForm):
    """A new account: the person gets a one-time link by e-mail and chooses the password themselves."""

    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-postadress"), help_text=_("Inbjudan med länken skickas hit."))

    field_order = ["username", "first_name", "last_name", "email", "roll", "forbund"]


class DeltagaransvarigForm(forms.Form):
    """Appoint a deltagaransvarig: an existing account found by its e-mail address, or a new one invited."""

    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Har personen redan ett konto får det rollen; annars skapas ett och en inbjudan skickas."),
    )
    first_name = forms.CharField(label=_("Förnamn (nytt konto)"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn (nytt konto)"), max_length=150, required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        users = list(get_user_model().objects.filter(email__iexact=email)[:2])
        if len(users) > 1:
            raise ValidationError(
                _("Flera konton har den e-postadressen. Be Försäkringskassans administratör om hjälp.")
            )
        self.befintlig = users[0] if users else None
        return email


class InsatserForm(forms.Form):
    insatser = forms.ModelMultipleChoiceField(
        label=_("Insatser"),
        queryset=Insats.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Den deltagaransvariga får registrera antal deltagare för de valda insatserna, inget annat."),
    )

    def __init__(self, *args, forbund: Forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insatser"].queryset = Insats.objects.filter(forbund=forbund).order_by("namn")
