"""A förbund spanning two län (Värmland and Västra Götaland) with two regions and four kommuner, one of which
joins in the middle of 2024."""

import datetime

import pytest

from tests.factories import ForbundFactory, MedlemskapFactory, kommun, lan


@pytest.fixture
def tvalans(db):
    forbund = ForbundFactory(namn="Samordningsförbundet Tvålän", slug="tvalan")
    for kod in ("1784", "1730", "1460"):
        MedlemskapFactory(forbund=forbund, kommun=kommun(kod), giltig_fran=datetime.date(2015, 1, 1))
    # Åmål joins on 1 July 2024.
    MedlemskapFactory(forbund=forbund, kommun=kommun("1492"), giltig_fran=datetime.date(2024, 7, 1))
    for kod in ("17", "14"):
        MedlemskapFactory(forbund=forbund, region=lan(kod), giltig_fran=datetime.date(2015, 1, 1))
    return forbund
