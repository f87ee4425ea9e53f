"""The year's changes to the structure, from the registry's dated rows, as the reports' footnotes list them."""

import datetime

import pytest
from django.test import Client

from forbund.models import ForbundNamn
from forbund.strukturhandelser import strukturhandelser
from rapport.selectors import rapport_underlag
from rapport.utkast import skapa_utkast
from tests.factories import ForbundFactory, MedlemskapFactory, UserFactory, kommun
from tests.rapport.hjalp import oppna, text

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def registret():
    # Alfa and Beta merge into Gamma on 1 July 2031; Delta is formed on 1 March with Ödeshög; Boxholm moves from
    # Epsilon to Delta on 1 September; Kinda leaves Epsilon at the end of October; Epsilon is renamed on 1 May.
    alfa = ForbundFactory(namn="Alfa", slug="alfa", bildat=D(2020, 1, 1), upphort=D(2031, 6, 30))
    beta = ForbundFactory(namn="Beta", slug="beta", bildat=D(2020, 1, 1), upphort=D(2031, 6, 30))
    gamma = ForbundFactory(namn="Gamma", slug="gamma", bildat=D(2031, 7, 1))
    alfa.efterfoljare = beta.efterfoljare = gamma
    alfa.save()
    beta.save()
    delta = ForbundFactory(namn="Delta", slug="delta", bildat=D(2031, 3, 1))
    epsilon = ForbundFactory(namn="Epsilon nu", slug="epsilon", bildat=D(2020, 1, 1))
    ForbundNamn.objects.create(
        forbund=epsilon, namn="Epsilon förr", giltig_fran=D(2020, 1, 1), giltig_till=D(2031, 4, 30)
    )
    MedlemskapFactory(forbund=alfa, kommun=kommun("0180"), giltig_fran=D(2030, 1, 1), giltig_till=D(2031, 6, 30))
    MedlemskapFactory(forbund=gamma, kommun=kommun("0180"), giltig_fran=D(2031, 7, 1), giltig_till=None)
    MedlemskapFactory(forbund=delta, kommun=kommun("0509"), giltig_fran=D(2031, 3, 1), giltig_till=None)
    MedlemskapFactory(forbund=epsilon, kommun=kommun("0560"), giltig_fran=D(2030, 1, 1), giltig_till=D(2031, 8, 31))
    MedlemskapFactory(forbund=delta, kommun=kommun("0560"), giltig_fran=D(2031, 9, 1), giltig_till=None)
    MedlemskapFactory(forbund=epsilon, kommun=kommun("0513"), giltig_fran=D(2030, 1, 1), giltig_till=D(2031, 10, 31))


def test_each_change_of_the_year_once_and_members_of_a_merger_not_one_by_one(registret):
    assert [(h.datum, h.text) for h in strukturhandelser(2031)] == [
        (D(2031, 3, 1), "Delta bildades."),
        (D(2031, 5, 1), "Epsilon förr bytte namn till Epsilon nu."),
        (D(2031, 7, 1), "Gamma bildades genom att Alfa och Beta gick samman."),
        (D(2031, 9, 1), "Boxholm gick från Epsilon nu till Delta."),
        (D(2031, 11, 1), "Kinda lämnade Epsilon nu."),
    ]
    assert strukturhandelser(2032) == []


def test_the_registry_page_and_the_draft_list_them(registret):
    c = Client()
    c.force_login(UserFactory(username="vem-som-helst"))
    page = c.get("/register/kommuner/", {"datum": "2031-12-31"}).content.decode()
    assert "Gamma bildades genom att Alfa och Beta gick samman." in page
    doc = oppna(skapa_utkast(rapport_underlag(2031)))
    assert "2031-09-01: Boxholm gick från Epsilon nu till Delta." in text(doc)
