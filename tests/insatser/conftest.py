"""Fixtures for the insatser tests: an insats assigned to the deltagaransvarig, one that is not, and the roles."""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client

from forbund.models import Roll
from insatser.models import Malgrupp, Typ
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory

THIS_YEAR = datetime.date.today().year


@dataclass
class Setup:
    people: object
    insats: object  # assigned to people.deltagaransvarig
    other_insats: object  # in the same förbund, not assigned
    ej_ansvarig: object  # deltagaransvarig in the förbund, assigned to nothing

    @property
    def forbund(self):
        return self.people.forbund


@pytest.fixture
def setup(people):
    insats = InsatsFactory(
        forbund=people.forbund,
        namn="Steget vidare",
        startdatum=datetime.date(2024, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    insats.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=insats, ar=2024, budget=500_000, utfall=480_000, deltagare_kvinnor=10, deltagare_man=8)
    other = InsatsFactory(
        forbund=people.forbund,
        namn="Samverkansdagar",
        typ=Typ.STRUKTUROVERGRIPANDE,
        deltagaruppfoljning=True,
        startdatum=datetime.date(2024, 1, 1),
    )
    ej = UserFactory(username="ej-ansvarig")
    BehorighetFactory(user=ej, roll=Roll.DELTAGARANSVARIG, forbund=people.forbund)
    return Setup(people=people, insats=insats, other_insats=other, ej_ansvarig=ej)


ROLES = [
    "anonym",
    "forbundsadministrator",
    "annat_forbunds_administrator",
    "deltagaransvarig_tilldelad",
    "deltagaransvarig_ej_tilldelad",
    "nationell_handlaggare",
    "administrator",
    "utomstaende",
]


def user_for(setup: Setup, role: str):
    p = setup.people
    return {
        "anonym": None,
        "forbundsadministrator": p.forbundsadministrator,
        "annat_forbunds_administrator": p.other_forbundsadministrator,
        "deltagaransvarig_tilldelad": p.deltagaransvarig,
        "deltagaransvarig_ej_tilldelad": setup.ej_ansvarig,
        "nationell_handlaggare": p.handlaggare,
        "administrator": p.administrator,
        "utomstaende": p.stranger,
    }[role]


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def chef_client(setup):
    return client_for(setup.people.forbundsadministrator)
