"""The indicators a release publishes: what each counts, whether by kön, and whether it counts people.

Per inriktning there is one indicator each (`deltagare_<typ>_<kod>`), nationally only, linked to its typ's total.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from insatser.models import Inriktning, Typ
from utfall.koder import UTFALL

FORBUND, LAN, RIKET = "forbund", "lan", "riket"
RIKET_KOD = "SE"
K, M, T = "K", "M", "T"
OKANT_LAN = "00"  # a förbund without any member in the registry


@dataclass(frozen=True)
class Indikator:
    id: str
    titel: str
    beskrivning: str
    enhet: str
    per_kon: bool
    personer: bool

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "titel": str(self.titel),
            "beskrivning": str(self.beskrivning),
            "enhet": str(self.enhet),
            "per_kon": self.per_kon,
            "personer": self.personer,
        }


DELTAGARE_I = "deltagare_individinriktade"
DELTAGARE_S = "deltagare_strukturovergripande"
# SUS (up to 2022): participation in volyminsatser, a count of people without kön, per förbund, län and riket.
DELTAGARE_VOLYM = "deltagare_volyminsatser"
# Outcome counts (utfall/): started and finished per förbund, län and riket; each outcome nationally, linked to the
# finished (outcome → finished); "work or studies" nationally, linked to its four outcomes.
PABORJADE = "paborjade_individinriktade"
AVSLUTADE = "avslutade_individinriktade"
ARBETE_ELLER_STUDIER_ID = "avslutade_arbete_eller_studier"

GRUND = [
    Indikator(
        DELTAGARE_I,
        _("Deltagare i individinriktade insatser"),
        _("Registrerade deltagare under året (inte unika personer), kvinnor och män."),
        _("personer"),
        True,
        True,
    ),
    Indikator(
        DELTAGARE_S,
        _("Deltagare i strukturövergripande insatser"),
        _("Registrerade deltagare under året i strukturövergripande insatser med deltagaruppföljning."),
        _("personer"),
        False,
        True,
    ),
    Indikator(
        DELTAGARE_VOLYM,
        _("Deltagande i volyminsatser (SUS)"),
        _(
            "Deltagande i individinriktade volyminsatser, registrerat som ett antal utan kön (bara SUS, till och med "
            "2022). Ingår inte i deltagarna per kön."
        ),
        _("personer"),
        False,
        True,
    ),
    Indikator("insatser", _("Insatser"), _("Insatser som pågick någon dag under året."), _("antal"), False, False),
    Indikator(
        "insatser_individinriktade",
        _("Individinriktade insatser"),
        _("Individinriktade insatser som pågick någon dag under året."),
        _("antal"),
        False,
        False,
    ),
    Indikator(
        "insatser_strukturovergripande",
        _("Strukturövergripande insatser"),
        _("Strukturövergripande insatser som pågick någon dag under året."),
        _("antal"),
        False,
        False,
    ),
    Indikator("budget", _("Budget för insatser"), _("Insatsernas budget för året."), _("kr"), False, False),
    Indikator("utfall", _("Utfall för insatser"), _("Insatsernas utfall (kostnad) för året."), _("kr"), False, False),
]

UTFALL_GRUND = [
    Indikator(
        PABORJADE,
        _("Påbörjade i individinriktade insatser"),
        _("Deltagare som påbörjade en individinriktad insats under året (inte unika personer), kvinnor och män."),
        _("personer"),
        True,
        True,
    ),
    Indikator(
        AVSLUTADE,
        _("Avslutade i individinriktade insatser"),
        _(
            "Deltagare som avslutade en individinriktad insats under året, kvinnor och män. Bara insatser vars utfall "
            "summerar till de avslutade räknas."
        ),
        _("personer"),
        True,
        True,
    ),
    Indikator(
        ARBETE_ELLER_STUDIER_ID,
        _("Avslutade till arbete eller studier"),
        _(
            "Avslutade deltagare vars utfall var arbete utan stöd, arbete med stöd, eget företag eller studier (hela "
            "landet)."
        ),
        _("personer"),
        True,
        True,
    ),
]


def utfall_id(kod: str) -> str:
    """The indicator of one outcome after a finished insats (nationally, linked to AVSLUTADE)."""
    return f"{AVSLUTADE}_{kod}"


def utfallsindikatorer() -> list[Indikator]:
    return [
        *UTFALL_GRUND,
        *(
            Indikator(
                utfall_id(kod),
                _("Utfall efter insats: %(namn)s") % {"namn": namn},
                _("Avslutade deltagare i individinriktade insatser med utfallet %(namn)s (hela landet).")
                % {"namn": str(namn).lower()},
                _("personer"),
                True,
                True,
            )
            for kod, namn in UTFALL
        ),
    ]


# The figures of a förbund that are about the organisation (never hidden), by indicator.
ORGANISATION = ("insatser", "insatser_individinriktade", "insatser_strukturovergripande", "budget", "utfall")


def inriktning_id(typ: str, kod: str) -> str:
    return f"{DELTAGARE_I if typ == Typ.INDIVIDINRIKTAD else DELTAGARE_S}_{kod}"


def alla() -> list[Indikator]:
    """Every indicator, the ones per inriktning after the totals (1 query)."""
    per_inriktning = [
        Indikator(
            inriktning_id(i.typ, i.kod),
            _("Deltagare: %(namn)s") % {"namn": i.namn},
            _("Registrerade deltagare under året i insatser med inriktningen %(namn)s (hela landet).")
            % {"namn": i.namn},
            _("personer"),
            i.typ == Typ.INDIVIDINRIKTAD,
            True,
        )
        for i in Inriktning.objects.order_by("typ", "ordning", "kod")
    ]
    return [*GRUND, *per_inriktning, *utfallsindikatorer()]
