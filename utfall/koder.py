"""The age bands, report age groups, outcomes and kön of the outcome counts: declared once, used everywhere.

Codes are ASCII (no å/ä/ö); labels are Swedish through gettext. The two report age groups (under 30, 30 and over)
are derived from the bands, so a band list changed here changes the groups with it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Aldersband:
    kod: str
    namn: str
    fran: int
    till: int | None  # None: and older


# The SUS tables' bands (2021 report): −29 (from 16, the youngest Finsam participants), 30–44, 45–59, 60−.
ALDERSBAND = (
    Aldersband("16_29", _("16–29 år"), 16, 29),
    Aldersband("30_44", _("30–44 år"), 30, 44),
    Aldersband("45_59", _("45–59 år"), 45, 59),
    Aldersband("60_plus", _("60 år och äldre"), 60, None),
)

# The report's two age groups, and which bands make each one.
GRANS_UNGA = 30
UNDER_30, FRAN_30 = "under_30", "30_plus"
ALDERSGRUPPER = ((UNDER_30, _("Under 30 år")), (FRAN_30, _("30 år och äldre")))


def aldersgrupp_for(band: Aldersband) -> str:
    return UNDER_30 if band.till is not None and band.till < GRANS_UNGA else FRAN_30


BAND_I_GRUPP = {g: tuple(b.kod for b in ALDERSBAND if aldersgrupp_for(b) == g) for g, _namn in ALDERSGRUPPER}

KON = (("kvinnor", _("Kvinnor")), ("man", _("Män")))

# Outcomes after a finished insats: one per person, counts only.
UTFALL = (
    ("arbete_utan_stod", _("Arbete utan stöd")),
    ("arbete_med_stod", _("Arbete med stöd (subventionerad anställning)")),
    ("eget_foretag", _("Eget företag")),
    ("studier", _("Studier")),
    ("aktivt_arbetssokande", _("Aktivt arbetssökande")),
    ("fortsatt_rehabilitering", _("Fortsatt rehabilitering eller annan insats")),
    ("sjukdom", _("Sjukdom")),
    ("foraldraledighet", _("Föräldraledighet")),
    ("flyttat", _("Flyttat")),
    ("annat", _("Annat eller okänt")),
)
# "I arbete eller studier" in the reports' Tabell 5.
ARBETE_ELLER_STUDIER = ("arbete_utan_stod", "arbete_med_stod", "eget_foretag", "studier")
AKTIVT_ARBETSSOKANDE = "aktivt_arbetssokande"

PABORJADE, AVSLUTADE, UTFALL_KATEGORI = "paborjade", "avslutade", "utfall"
KATEGORIER = (
    (PABORJADE, _("Påbörjade under året")),
    (AVSLUTADE, _("Avslutade under året")),
    (UTFALL_KATEGORI, _("Utfall för avslutade")),
)

BAND_KODER = tuple(b.kod for b in ALDERSBAND)
GRUPP_KODER = tuple(g for g, _namn in ALDERSGRUPPER)
KON_KODER = tuple(k for k, _namn in KON)
UTFALL_KODER = tuple(k for k, _namn in UTFALL)

# A cell of the grid: (kategori, kod, kon, aldersgrupp). kod is the outcome for kategori utfall, empty otherwise;
# aldersgrupp is an age band for påbörjade/avslutade and a report age group for utfall.
Nyckel = tuple[str, str, str, str]


def alla_nycklar() -> list[Nyckel]:
    """Every cell, in the grid's order."""
    nycklar: list[Nyckel] = []
    for kategori in (PABORJADE, AVSLUTADE):
        nycklar += [(kategori, "", kon, band) for kon in KON_KODER for band in BAND_KODER]
    nycklar += [
        (UTFALL_KATEGORI, kod, kon, grupp) for kod in UTFALL_KODER for kon in KON_KODER for grupp in GRUPP_KODER
    ]
    return nycklar


NYCKLAR = frozenset(alla_nycklar())


def falt_namn(nyckel: Nyckel) -> str:
    """The form field (and HTML id) of a cell: paborjade__kvinnor__16_29, utfall__studier__man__under_30."""
    kategori, kod, kon, grupp = nyckel
    return "__".join(p for p in (kategori, kod, kon, grupp) if p)


def etikett(nyckel: Nyckel) -> str:
    """A cell in words, for messages and history: "Avslutade under året, kvinnor, 30–44 år"."""
    kategori, kod, kon, grupp = nyckel
    delar = [str(dict(KATEGORIER)[kategori])]
    if kod:
        delar.append(str(dict(UTFALL)[kod]).lower())
    delar.append(str(dict(KON)[kon]).lower())
    namn = {b.kod: b.namn for b in ALDERSBAND} | dict(ALDERSGRUPPER)
    delar.append(str(namn[grupp]).lower())
    return ", ".join(delar)
