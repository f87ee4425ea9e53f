"""A few outcome counts for the demo förbund's individinriktade insatser (seed_demo)."""

from simple_history.utils import bulk_create_with_history

from core import dataversion
from insatser.models import Typ
from utfall.koder import AVSLUTADE, PABORJADE, UTFALL_KATEGORI
from utfall.models import Utfall, Utfallsantal

# (kategori, kod, kon, aldersgrupp, antal): consistent (outcomes add up to the finished per kön and age group).
RADER = [
    (PABORJADE, "", "kvinnor", "16_29", 4),
    (PABORJADE, "", "kvinnor", "30_44", 3),
    (PABORJADE, "", "man", "16_29", 3),
    (PABORJADE, "", "man", "45_59", 1),
    (AVSLUTADE, "", "kvinnor", "16_29", 2),
    (AVSLUTADE, "", "kvinnor", "30_44", 2),
    (AVSLUTADE, "", "man", "16_29", 2),
    (AVSLUTADE, "", "man", "60_plus", 1),
    (UTFALL_KATEGORI, "arbete_utan_stod", "kvinnor", "under_30", 1),
    (UTFALL_KATEGORI, "studier", "kvinnor", "under_30", 1),
    (UTFALL_KATEGORI, "aktivt_arbetssokande", "kvinnor", "30_plus", 1),
    (UTFALL_KATEGORI, "fortsatt_rehabilitering", "kvinnor", "30_plus", 1),
    (UTFALL_KATEGORI, "arbete_med_stod", "man", "under_30", 1),
    (UTFALL_KATEGORI, "sjukdom", "man", "under_30", 1),
    (UTFALL_KATEGORI, "annat", "man", "30_plus", 1),
]


def seed(context) -> None:
    for forbund in context.forbund.values():
        for insats in forbund.insatser.filter(typ=Typ.INDIVIDINRIKTAD).order_by("namn")[:2]:
            for arsrad in insats.arsuppgifter.filter(deltagare_kvinnor__gte=4, deltagare_man__gte=4)[:2]:
                utfall, created = Utfall.objects.get_or_create(insats=insats, ar=arsrad.ar)
                if not created:
                    continue
                dataversion.bump()  # bulk_create sends no signals
                bulk_create_with_history(
                    [
                        Utfallsantal(utfall=utfall, kategori=k, kod=kod, kon=kon, aldersgrupp=g, antal=n)
                        for k, kod, kon, g, n in RADER
                    ],
                    Utfallsantal,
                )
