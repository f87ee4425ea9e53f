"""The rules of the outcome counts, as plain functions: the form, the API, the import and the reporting round's
checks all call these, so a rule cannot differ between them. They take values, not requests, and do no queries.

Not registered is not zero: a cell that is None is left out of sums, and a side with no registered cell is None.
"""

import datetime

from django.utils.translation import gettext as _

from core.granser import FORSTA_AR_UPPFOLJNING_FINSAM, INTEGER_MAX
from core.tabell import summa
from utfall.koder import (
    ALDERSGRUPPER,
    AVSLUTADE,
    BAND_I_GRUPP,
    BAND_KODER,
    KON,
    NYCKLAR,
    PABORJADE,
    UTFALL_KATEGORI,
    UTFALL_KODER,
    Nyckel,
    etikett,
)

Varden = dict[Nyckel, int | None]
# (cell or None for the whole grid, message)
Fel = list[tuple[Nyckel | None, str]]


def avslutade(varden: Varden, kon: str, grupp: str) -> int | None:
    """Finished in a report age group: the sum of its bands."""
    return summa(varden.get((AVSLUTADE, "", kon, band)) for band in BAND_I_GRUPP[grupp])


def utfall_summa(varden: Varden, kon: str, grupp: str) -> int | None:
    return summa(varden.get((UTFALL_KATEGORI, kod, kon, grupp)) for kod in UTFALL_KODER)


def kategori_summa(varden: Varden, kategori: str, kon: str) -> int | None:
    return summa(varden.get((kategori, "", kon, band)) for band in BAND_KODER)


def varde_fel(varden: Varden) -> Fel:
    """Each value is a whole, non-negative number within the column, for a known cell."""
    fel: Fel = []
    for nyckel, value in varden.items():
        if nyckel not in NYCKLAR:
            fel.append((None, _("Okänd uppgift: %(nyckel)s.") % {"nyckel": "/".join(p for p in nyckel if p)}))
        elif value is None:
            continue
        elif isinstance(value, bool) or not isinstance(value, int):
            fel.append((nyckel, _("Skriv ett heltal.")))
        elif value < 0:
            fel.append((nyckel, _("Får inte vara negativt.")))
        elif value > INTEGER_MAX:
            fel.append((nyckel, _("Talet är för stort: högst %(max)s.") % {"max": INTEGER_MAX}))
    return fel


def summa_fel(varden: Varden) -> list[tuple[str, str, str]]:
    """The outcomes must add up to the finished, per kön and report age group: (kon, grupp, message) per mismatch.

    Finished but no outcome registered, or outcomes without finished, is a mismatch too, except when the registered
    side is 0 (nobody finished, nothing to account for)."""
    fel = []
    for kon, kon_namn in KON:
        for grupp, grupp_namn in ALDERSGRUPPER:
            fardiga, utfall = avslutade(varden, kon, grupp), utfall_summa(varden, kon, grupp)
            if (fardiga or 0) == (utfall or 0):
                continue
            text = {"kon": str(kon_namn).lower(), "grupp": str(grupp_namn).lower(), "a": fardiga, "u": utfall}
            if utfall is None:
                meddelande = _(
                    "%(a)s %(kon)s %(grupp)s har avslutat insatsen, men inget utfall är registrerat för dem."
                )
            elif fardiga is None:
                meddelande = _("Utfall är registrerat för %(u)s %(kon)s %(grupp)s, men inga avslutade i de åldrarna.")
            else:
                meddelande = _(
                    "Utfallen för %(kon)s %(grupp)s summerar till %(u)s, men %(a)s har avslutat insatsen. "
                    "Varje avslutad deltagare har ett utfall."
                )
            fel.append((kon, grupp, meddelande % text))
    return fel


def jamfors_med_deltagare(startdatum: datetime.date | None) -> bool:
    """Whether an insats is newer than the rule that its participants are counted per year (Uppföljning Finsam, from
    2023): only then are its started and finished compared with the year's participants. An older insats may have
    its participants registered as SUS did, from start to finish, which the year's counts cannot be compared with."""
    return startdatum is None or startdatum.year >= FORSTA_AR_UPPFOLJNING_FINSAM


def deltagare_varningar(
    varden: Varden,
    *,
    deltagare_kvinnor: int | None,
    deltagare_man: int | None,
    startdatum: datetime.date | None = None,
) -> list[str]:
    """Started and finished, per kön, are not more than the year's registered participants (a warning, explained in
    the reporting round: the participant count may be registered later, or counted another way), for an insats newer
    than the rule (jamfors_med_deltagare). Unregistered counts: no warning."""
    varningar = []
    if not jamfors_med_deltagare(startdatum):
        return varningar
    deltagare = {"kvinnor": deltagare_kvinnor, "man": deltagare_man}
    for kon, kon_namn in KON:
        if deltagare[kon] is None:
            continue
        for kategori, text in ((PABORJADE, _("påbörjade")), (AVSLUTADE, _("avslutade"))):
            antal = kategori_summa(varden, kategori, kon)
            if antal is not None and antal > deltagare[kon]:
                varningar.append(
                    _("%(antal)s %(kon)s %(vad)s, men bara %(deltagare)s %(kon)s är registrerade som deltagare året.")
                    % {"antal": antal, "kon": str(kon_namn).lower(), "vad": text, "deltagare": deltagare[kon]}
                )
    return varningar


def alla_fel(varden: Varden) -> Fel:
    """Every error that blocks a save: values, then sums (named at the first outcome cell of the group)."""
    fel = varde_fel(varden)
    if fel:
        return fel
    return [((UTFALL_KATEGORI, UTFALL_KODER[0], kon, grupp), text) for kon, grupp, text in summa_fel(varden)]


def fel_text(nyckel: Nyckel | None, meddelande: str) -> str:
    """An error with its cell named, for the API and the import."""
    return f"{etikett(nyckel)}: {meddelande}" if nyckel else meddelande
