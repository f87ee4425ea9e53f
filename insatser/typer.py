"""The insatser's classifications that are values, not rows: the two kinds of insats and the målgrupp that means
"no specific one". Both the models and the rules (insatser.rules) build on them, so neither needs the other's."""

from django.db import models
from django.utils.translation import gettext_lazy as _

INGEN_SPECIFIK_MALGRUPP = "ingen_specifik"  # the målgrupp that cannot be chosen together with another


class Typ(models.TextChoices):
    INDIVIDINRIKTAD = "individinriktad", _("Individinriktad")
    STRUKTUROVERGRIPANDE = "strukturovergripande", _("Strukturövergripande")
