"""Fixtures for the outcome counts: an individinriktad insats assigned to the deltagaransvarig, with 2024's
participants registered (10 kvinnor, 8 män), and a deltagaransvarig in the förbund assigned to nothing."""

import datetime
from dataclasses import dataclass

import pytest

from forbund.models import Roll
from insatser.models import Malgrupp
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory
from utfall.koder import AVSLUTADE, PABORJADE, UTFALL_KATEGORI


@dataclass
class Setup:
    people: object
    insats: object
    ej_ansvarig: object

    @property
    def forbund(self):
        return self.people.forbund


@pytest.fixture
def setup(people):
    insats = InsatsFactory(
        forbund=people.forbund,
        namn="Steget vidare",
        startdatum=datetime.date(2024, 1, 1),
        slutdatum=datetime.date(2025, 12, 31),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    insats.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=insats, ar=2024, deltagare_kvinnor=10, deltagare_man=8)
    ej = UserFactory(username="ej-ansvarig")
    BehorighetFactory(user=ej, roll=Roll.DELTAGARANSVARIG, forbund=people.forbund)
    return Setup(people=people, insats=insats, ej_ansvarig=ej)


# A consistent grid: 3 women under 30 and 1 man 30–44 finished, each with an outcome.
GILTIGT = {
    (PABORJADE, "", "kvinnor", "16_29"): 5,
    (PABORJADE, "", "man", "30_44"): 2,
    (AVSLUTADE, "", "kvinnor", "16_29"): 3,
    (AVSLUTADE, "", "man", "30_44"): 1,
    (UTFALL_KATEGORI, "arbete_utan_stod", "kvinnor", "under_30"): 1,
    (UTFALL_KATEGORI, "studier", "kvinnor", "under_30"): 1,
    (UTFALL_KATEGORI, "sjukdom", "kvinnor", "under_30"): 1,
    (UTFALL_KATEGORI, "aktivt_arbetssokande", "man", "30_plus"): 1,
}
