"""The report's standard sentences: figures in Swedish, and the comparison with the year before.

The word (ökning, minskning, oförändrad) is chosen from the change *as written*: a change that rounds to 0 is
"oförändrad", never "en ökning med 0". Every sentence of the draft that compares goes through jamforelse_mening.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import tal as core_tal
from core.avrundning import avrunda
from rapport.dold import PRICKAR, ar_dold

# How a change is written: the unit after the number (singular, plural) and the number of decimals.
ENHETER = {
    "procentenheter": (lambda n: ngettext("procentenhet", "procentenheter", n), 0),
    "procentenheter_exakta": (lambda n: ngettext("procentenhet", "procentenheter", n), 1),
    "insatser": (lambda n: ngettext("insats", "insatser", n), 0),
    "deltagare": (lambda n: ngettext("deltagare", "deltagare", n), 0),
    "forbund": (lambda n: ngettext("förbund", "förbund", n), 0),
    "kommuner": (lambda n: ngettext("kommun", "kommuner", n), 0),
    "mkr": (lambda n: _("miljoner kronor"), 0),
    "procent": (lambda n: _("procent"), 0),
}


def tal(value, decimaler: int = 0) -> str:
    """A number the Swedish way: 23 849, 338,18; "–" when unknown."""
    if ar_dold(value):
        return PRICKAR
    return core_tal.tal(value, decimaler)


def avrundad_andring(andring, enhet: str):
    """The change rounded as it will be written (whole numbers, or one decimal for exact percentage points)."""
    if andring is None:
        return None
    decimaler = ENHETER[enhet][1]
    return avrunda(andring, decimaler)


def jamforelse(andring, enhet: str) -> str:
    """The words for a change: "en ökning med 2 procentenheter", "en minskning med 3 insatser", "oförändrad"."""
    value = avrundad_andring(andring, enhet)
    if value is None:
        raise ValueError("no change to describe")
    if value == 0:
        return _("oförändrad")
    namn, decimaler = ENHETER[enhet]
    belopp = abs(value)
    text = {"belopp": tal(belopp, decimaler), "enhet": namn(belopp if decimaler == 0 else 2)}
    if value > 0:
        return _("en ökning med %(belopp)s %(enhet)s") % text
    return _("en minskning med %(belopp)s %(enhet)s") % text


def jamforelse_mening(andring, *, enhet: str, fore_ar: int, storhet: str | None = None) -> str:
    """One sentence comparing with the year before, about storhet when given ("andelen kvinnor"):

    "För andelen kvinnor är det en ökning med 2 procentenheter jämfört med 2023.", "För antalet förbund är nivån
    oförändrad jämfört med 2023.", or without storhet "Jämfört med 2023 är det en minskning med 3 insatser.".
    andring None: there is no comparable figure (an inriktning of another classification, nothing registered).
    """
    ar = {"ar": fore_ar, "storhet": storhet or ""}
    if ar_dold(andring):  # computed from a hidden count: saying how much it changed would give it away
        if storhet:
            return _("För %(storhet)s visas ingen jämförelse med %(ar)s, för att skydda enskilda.") % ar
        return _("Jämförelsen med %(ar)s visas inte, för att skydda enskilda.") % ar
    if andring is None:
        if storhet:
            return _("För %(storhet)s finns ingen jämförbar uppgift för %(ar)s.") % ar
        return _("Det finns ingen jämförbar uppgift för %(ar)s.") % ar
    if avrundad_andring(andring, enhet) == 0:
        if storhet:
            return _("För %(storhet)s är nivån oförändrad jämfört med %(ar)s.") % ar
        return _("Nivån är oförändrad jämfört med %(ar)s.") % ar
    if storhet:
        return _("För %(storhet)s är det %(jamforelse)s jämfört med %(ar)s.") % {
            **ar,
            "jamforelse": jamforelse(andring, enhet),
        }
    return _("Jämfört med %(ar)s är det %(jamforelse)s.") % {**ar, "jamforelse": jamforelse(andring, enhet)}
