"""Issue 13: Tabell 3 runs over the years with fastställda årsredovisningar (the 2024 report's 2016–2023), one
definition (ekonomi.summor.tabell3_ar) for the dashboard, the report draft, the economy page and the API."""

import datetime

import pytest

from ekonomi.selectors import tabell3, tabell3_ar
from ekonomi.services import arsekonomi_update
from rapport.ekonomi_avsnitt import tabell3_rader
from rapport.selectors import rapport_underlag
from tests.factories import ForbundFactory, MedlemskapFactory, kommun

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def arsredovisningar():
    """Norra has fastställda figures for 2016–2023, Södra for 2020–2023 (and 2024, the report's own year); Södra
    also has a computed (not fastställt) result for 2015, before any fastställd årsredovisning."""
    norra = ForbundFactory(namn="Samordningsförbundet Norra", slug="norra", bildat=D(2010, 1, 1))
    sodra = ForbundFactory(namn="Samordningsförbundet Södra", slug="sodra", bildat=D(2010, 1, 1))
    MedlemskapFactory(forbund=norra, kommun=kommun("2584"), giltig_fran=D(2010, 1, 1))
    MedlemskapFactory(forbund=sodra, kommun=kommun("1280"), giltig_fran=D(2010, 1, 1))
    for ar in range(2016, 2024):
        arsekonomi_update(
            forbund=norra, ar=ar, faststallt_arets_resultat=1_000_000, faststallt_eget_kapital_utgaende=ar * 1000
        )
    for ar in range(2020, 2025):
        arsekonomi_update(
            forbund=sodra, ar=ar, faststallt_arets_resultat=-500_000, faststallt_eget_kapital_utgaende=2_000_000
        )
    # 2015: costs complete and 0 kr, so a result is known (computed), but no fastställd årsredovisning.
    arsekonomi_update(forbund=sodra, ar=2015, eget_kapital_ingaende=0, administration_utfall=0)
    return norra, sodra


@pytest.fixture
def nationell(client, people):
    client.force_login(people.handlaggare)
    return client


def test_fastställda_2016_2023_give_exactly_2016_2023_for_2024(arsredovisningar):
    assert tabell3_ar(2024) == list(range(2016, 2024))
    rader = tabell3(2024)
    assert [r["ar"] for r in rader] == list(range(2016, 2024))
    # "Förbund med uppgifter": Norra alone until 2019, both from 2020.
    assert {r["ar"]: r["antal_forbund"] for r in rader} == {
        **{ar: 1 for ar in range(2016, 2020)},
        **{ar: 2 for ar in range(2020, 2024)},
    }
    per_ar = {r["ar"]: r for r in rader}
    assert per_ar[2016]["arets_resultat"] == 1_000_000
    assert per_ar[2023]["arets_resultat"] == 500_000
    assert per_ar[2023]["eget_kapital_utgaende"] == 2023 * 1000 + 2_000_000


def test_a_year_without_any_fastställd_figure_at_the_start_is_not_shown(arsredovisningar):
    # 2015 has a computed result but no fastställd årsredovisning; 2024 is the report's own year.
    assert 2015 not in tabell3_ar(2024) and 2024 not in tabell3_ar(2024)
    assert tabell3_ar(2025) == list(range(2016, 2025))
    assert tabell3_ar(2016) == []


def test_the_dashboard_the_draft_and_the_api_show_the_same_years(arsredovisningar, nationell):
    rader = tabell3(2024)
    # The report draft.
    underlag = rapport_underlag(2024)
    assert underlag.eget_kapital == rader
    assert tabell3_rader(underlag)[0][1:] == [str(ar) for ar in range(2016, 2024)]
    assert tabell3_rader(underlag)[3][1:] == ["1"] * 4 + ["2"] * 4
    # The dashboard's table (CSV).
    lines = nationell.get("/statistik/tabell/eget_kapital.csv?ar=2024").content.decode("utf-8-sig").splitlines()
    assert lines[0] == "År;Årets resultat;Utgående eget kapital;Förbund med uppgifter"
    assert [line.split(";")[0] for line in lines[1:]] == [str(ar) for ar in range(2016, 2024)]
    assert [line.split(";")[3] for line in lines[1:]] == ["1"] * 4 + ["2"] * 4
    # The economy API for the report's year.
    svar = nationell.get("/api/v1/ekonomi/eget-kapital/?ar=2024")
    assert svar.status_code == 200 and svar.json() == rader
    assert nationell.get("/api/v1/ekonomi/eget-kapital/?ar=x").status_code == 400
    # The first year a förbund can have is a year (core.granser.las_ar), the one before it is not.
    assert [nationell.get(f"/api/v1/ekonomi/eget-kapital/?ar={ar}").status_code for ar in (2003, 2004)] == [400, 200]
