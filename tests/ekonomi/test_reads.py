import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ekonomi.selectors import (
    Fordelning,
    eget_kapital_per_ar,
    ekonomi_statistik,
    forbund_ar_tabell,
    forbund_ekonomi,
    registreringsstatus,
)
from ekonomi.services import arsekonomi_update, medlemsbidrag_set, statsbidrag_set
from insatser.models import Typ
from tests.factories import ForbundFactory, InsatsArFactory, InsatsFactory, MedlemskapFactory, kommun, lan

pytestmark = pytest.mark.django_db

MEDLEMMAR_2024 = {
    ("stat", ""): 4_000_000,
    ("region", "17"): 1_200_000,
    ("region", "14"): 800_000,
    ("kommun", "1784"): 800_000,
    ("kommun", "1730"): 500_000,
    ("kommun", "1460"): 400_000,
    ("kommun", "1492"): 300_000,
}


def test_the_member_list_of_a_year_includes_a_kommun_that_joined_during_it(tvalans):
    namn_2024 = [m.namn for m in forbund_ekonomi(tvalans, 2024).medlemmar]
    namn_2023 = [m.namn for m in forbund_ekonomi(tvalans, 2023).medlemmar]
    assert "Åmål" in namn_2024 and "Åmål" not in namn_2023
    amal = next(m for m in forbund_ekonomi(tvalans, 2024).medlemmar if m.namn == "Åmål")
    assert amal.period == "2024-07-01–2024-12-31"


def test_both_regions_of_a_forbund_spanning_two_lan_are_members(tvalans):
    medlemmar = forbund_ekonomi(tvalans, 2024).medlemmar
    assert [m.medlemstyp for m in medlemmar[:3]] == ["stat", "region", "region"]
    assert {m.kod for m in medlemmar if m.medlemstyp == "region"} == {"14", "17"}


def test_the_50_25_25_check_sums_several_regions_and_kommuner(tvalans):
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp=MEDLEMMAR_2024)
    f = forbund_ekonomi(tvalans, 2024).fa.fordelning
    assert (f.stat, f.regioner, f.kommuner, f.totalt) == (4_000_000, 2_000_000, 2_000_000, 8_000_000)
    assert not f.avviker
    assert [d.avvikelse for d in f.delar] == [0, 0, 0]


def test_a_deviation_is_shown_in_kronor_and_percent_of_the_expected_amount(tvalans):
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp={**MEDLEMMAR_2024, ("kommun", "1492"): 100_000})
    f = forbund_ekonomi(tvalans, 2024).fa.fordelning
    # Total 7 800 000: expected 3 900 000 / 1 950 000 / 1 950 000.
    stat, regioner, kommuner = f.delar
    assert (stat.forvantat, regioner.forvantat, kommuner.forvantat) == (3_900_000, 1_950_000, 1_950_000)
    assert (stat.avvikelse, regioner.avvikelse, kommuner.avvikelse) == (100_000, 50_000, -150_000)
    assert kommuner.avvikelse_procent == Decimal("-7.7")
    assert stat.avvikelse_procent == Decimal("2.6")
    assert f.andel("stat") == Decimal("51.3")
    assert f.avviker


def test_rounding_of_an_odd_total_is_not_a_deviation():
    assert not Fordelning(stat=500_001, regioner=250_000, kommuner=250_000).avviker
    assert Fordelning(stat=500_000, regioner=250_000, kommuner=249_000).avviker


def test_insatskostnader_are_read_from_the_insatser_split_by_type_and_esf(tvalans):
    ind = InsatsFactory(forbund=tvalans, typ=Typ.INDIVIDINRIKTAD)
    ind_esf = InsatsFactory(forbund=tvalans, typ=Typ.INDIVIDINRIKTAD, esf=True)
    struk = InsatsFactory(forbund=tvalans, typ=Typ.STRUKTUROVERGRIPANDE)
    InsatsArFactory(insats=ind, ar=2024, budget=1_000_000, utfall=900_000)
    InsatsArFactory(insats=ind_esf, ar=2024, budget=300_000, utfall=None)
    InsatsArFactory(insats=struk, ar=2024, budget=200_000, utfall=250_000)
    InsatsArFactory(insats=struk, ar=2023, budget=999, utfall=999)  # another year
    InsatsArFactory(insats=InsatsFactory(), ar=2024, budget=5, utfall=5)  # another förbund
    fa = forbund_ekonomi(tvalans, 2024).fa
    assert fa.insats_budget("individinriktad") == 1_300_000
    assert fa.insats_budget("individinriktad", esf=True) == 300_000
    assert fa.insats_budget("individinriktad", esf=False) == 1_000_000
    assert fa.insats_utfall("strukturovergripande") == 250_000
    assert fa.insats_utfall() == 1_150_000


def test_eget_kapital_rolls_forward_across_years(tvalans):
    medlemsbidrag_set(forbund=tvalans, ar=2022, belopp={("stat", ""): 1_000_000})
    arsekonomi_update(forbund=tvalans, ar=2022, eget_kapital_ingaende=500_000, administration_utfall=200_000)
    # 2022: 500 000 + (1 000 000 − 200 000) = 1 300 000
    arsekonomi_update(forbund=tvalans, ar=2023, administration_utfall=400_000)
    # 2023: 1 300 000 − 400 000 = 900 000, but the fastställd årsredovisning says 880 000.
    arsekonomi_update(forbund=tvalans, ar=2023, faststallt_eget_kapital_utgaende=880_000)
    insats = InsatsFactory(forbund=tvalans, startdatum=datetime.date(2024, 1, 1))
    InsatsArFactory(insats=insats, ar=2024, budget=100_000, utfall=80_000)
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp={("stat", ""): 200_000})
    arsekonomi_update(forbund=tvalans, ar=2024, administration_utfall=0)  # costs registered: 0 kr administration
    tabell = forbund_ar_tabell(ar_till=2024, forbund_ids=[tvalans.pk])
    y22, y23, y24 = (tabell[(tvalans.pk, ar)] for ar in (2022, 2023, 2024))
    assert (y22.ingaende, y22.ingaende_kalla, y22.utgaende) == (500_000, "registrerat", 1_300_000)
    assert (y23.ingaende, y23.utgaende_beraknat, y23.utgaende, y23.differens_utgaende) == (
        1_300_000,
        900_000,
        880_000,
        -20_000,
    )
    assert y23.har_differens
    # 2024 builds on the fastställd figure: 880 000 + 200 000 − 80 000.
    assert (y24.ingaende, y24.ingaende_kalla, y24.utgaende) == (880_000, "foregaende", 1_000_000)


def test_a_gap_year_needs_a_registered_ingaende(tvalans):
    arsekonomi_update(forbund=tvalans, ar=2020, eget_kapital_ingaende=100)
    arsekonomi_update(forbund=tvalans, ar=2022)
    tabell = forbund_ar_tabell(ar_till=2022, forbund_ids=[tvalans.pk])
    assert tabell[(tvalans.pk, 2022)].ingaende_kalla == "saknas"
    assert tabell[(tvalans.pk, 2022)].utgaende is None


@pytest.fixture
def nation(tvalans):
    """Three förbund with figures for 2023 and 2024; one more without any."""
    andra = ForbundFactory()
    MedlemskapFactory(forbund=andra, kommun=kommun("1080"))
    MedlemskapFactory(forbund=andra, region=lan("10"))
    ForbundFactory()  # nothing registered
    statsbidrag_set(ar=2024, tilldelat=339_000_000)
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp=MEDLEMMAR_2024)
    medlemsbidrag_set(
        forbund=andra, ar=2024, belopp={("stat", ""): 2_000_000, ("region", "10"): 500_000, ("kommun", "1080"): 400_000}
    )
    arsekonomi_update(forbund=tvalans, ar=2023, eget_kapital_ingaende=0, faststallt_arets_resultat=-50_000)
    arsekonomi_update(forbund=tvalans, ar=2023, faststallt_eget_kapital_utgaende=1_000_000)
    arsekonomi_update(forbund=tvalans, ar=2024, administration_budget=900_000, administration_utfall=800_000)
    arsekonomi_update(forbund=andra, ar=2024, eget_kapital_ingaende=300_000, administration_utfall=100_000)
    i1 = InsatsFactory(forbund=tvalans, typ=Typ.INDIVIDINRIKTAD)
    i2 = InsatsFactory(forbund=andra, typ=Typ.STRUKTUROVERGRIPANDE)
    i3 = InsatsFactory(forbund=andra, typ=Typ.INDIVIDINRIKTAD, esf=True)
    InsatsArFactory(insats=i1, ar=2024, budget=6_000_000, utfall=5_000_000)
    InsatsArFactory(insats=i2, ar=2024, budget=1_500_000, utfall=1_000_000)
    InsatsArFactory(insats=i3, ar=2024, budget=500_000, utfall=600_000)
    return tvalans, andra


def test_the_national_sums(nation):
    tvalans, andra = nation
    s = ekonomi_statistik(ar=2024)
    assert s["medlemsbidrag"] == {"stat": 6_000_000, "regioner": 2_500_000, "kommuner": 2_400_000, "totalt": 10_900_000}
    assert (s["budget_individinriktade"], s["budget_strukturovergripande"]) == (6_500_000, 1_500_000)
    assert (s["utfall_individinriktade"], s["utfall_strukturovergripande"]) == (5_600_000, 1_000_000)
    assert s["budget_andel_individinriktade"] == 81.3
    assert s["budget_esf"] == 500_000
    assert s["administration"] == {"budget": 900_000, "utfall": 900_000}
    # Kostnader: 5 000 000 + 800 000 (tvalans) and 1 600 000 + 100 000 (andra).
    assert s["kostnader"] == 7_500_000
    assert s["statsbidrag"] == {
        "tilldelat": 339_000_000,
        "utbetalt": 6_000_000,
        "forbrukat": 3_750_000,
        "oforbrukat": 2_250_000,
    }
    # Eget kapital: tvalans 1 000 000 + 8 000 000 − 5 800 000; andra 300 000 + 2 900 000 − 1 700 000.
    assert s["eget_kapital_utgaende"] == 3_200_000 + 1_500_000
    assert s["arets_resultat"] == 2_200_000 + 1_200_000
    assert s["forbund_avvikande_fordelning"] == [andra.pk]
    assert ekonomi_statistik(ar=2024, forbund_ids=[andra.pk])["medlemsbidrag"]["totalt"] == 2_900_000


def test_tabell_3_sums_resultat_and_utgaende_per_year(nation):
    rader = eget_kapital_per_ar(ar_fran=2022, ar_till=2024)
    assert rader == [
        # Not registered is not zero: no förbund with a known result in 2022.
        {"ar": 2022, "arets_resultat": None, "eget_kapital_utgaende": None, "antal_forbund": 0},
        {"ar": 2023, "arets_resultat": -50_000, "eget_kapital_utgaende": 1_000_000, "antal_forbund": 1},
        {"ar": 2024, "arets_resultat": 3_400_000, "eget_kapital_utgaende": 4_700_000, "antal_forbund": 2},
    ]


def test_registreringsstatus(nation):
    tvalans, andra = nation
    status = registreringsstatus(ar=2023, forbund_ids=[tvalans.pk, andra.pk])
    assert status[tvalans.pk] == {"medlemsbidrag": False, "eget_kapital": True, "administration": False}
    assert status[andra.pk] == {"medlemsbidrag": False, "eget_kapital": False, "administration": False}
    status = registreringsstatus(ar=2024, forbund_ids=None)
    assert status[andra.pk] == {"medlemsbidrag": True, "eget_kapital": False, "administration": True}


def test_the_contract_functions_run_a_fixed_number_of_queries(nation):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            ekonomi_statistik(ar=2024)
            eget_kapital_per_ar(ar_fran=2016, ar_till=2024)
            registreringsstatus(ar=2024, forbund_ids=None)
        return len(ctx)

    before = count()
    for _ in range(5):
        f = ForbundFactory()
        MedlemskapFactory(forbund=f, region=lan("01"))
        medlemsbidrag_set(forbund=f, ar=2024, belopp={("stat", ""): 10, ("region", "01"): 10})
        arsekonomi_update(forbund=f, ar=2023, eget_kapital_ingaende=5)
        InsatsArFactory(insats=InsatsFactory(forbund=f), ar=2024, budget=1, utfall=1)
    # 4 queries for the förbund-years (ekonomi.forbundar) and 1 for Statsbidrag, twice, and registreringsstatus.
    assert count() == before <= 11


def test_a_year_with_only_medlemsbidrag_has_no_result_and_is_left_out_of_the_sums(tvalans):
    """Costs not registered are not 0 kr: no result, no utgående, not in the national sums or Tabell 3."""
    medlemsbidrag_set(forbund=tvalans, ar=2022, belopp={("stat", ""): 1_000_000})
    arsekonomi_update(forbund=tvalans, ar=2022, eget_kapital_ingaende=500_000, administration_utfall=200_000)
    # 2023: only the contributions are registered (the service creates the year's economy row).
    medlemsbidrag_set(forbund=tvalans, ar=2023, belopp={("stat", ""): 2_000_000})
    insats = InsatsFactory(forbund=tvalans, startdatum=datetime.date(2023, 1, 1))
    InsatsArFactory(insats=insats, ar=2023, budget=100_000, utfall=80_000)
    # 2024: costs registered again, but no ingående can be built on 2023.
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp={("stat", ""): 300_000})
    arsekonomi_update(forbund=tvalans, ar=2024, administration_utfall=100_000)
    tabell = forbund_ar_tabell(ar_till=2024, forbund_ids=[tvalans.pk])
    y22, y23, y24 = (tabell[(tvalans.pk, ar)] for ar in (2022, 2023, 2024))
    assert y22.utgaende == 1_300_000
    assert y23.registrerad and not y23.kostnader_kompletta
    assert (y23.arets_resultat_beraknat, y23.arets_resultat, y23.utgaende_beraknat, y23.utgaende) == (
        None,
        None,
        None,
        None,
    )
    assert y23.differens_resultat is None and not y23.har_differens
    # 2024 does not invent an ingående from 2023's missing figures, and its result waits for the insats's utfall.
    assert (y24.ingaende, y24.ingaende_kalla, y24.arets_resultat, y24.utgaende) == (None, "saknas", None, None)
    assert y24.insatser_utan_utfall == 1
    InsatsArFactory(insats=insats, ar=2024, budget=100_000, utfall=0)
    y24 = forbund_ar_tabell(ar_till=2024, forbund_ids=[tvalans.pk])[(tvalans.pk, 2024)]
    assert (y24.ingaende, y24.ingaende_kalla, y24.arets_resultat, y24.utgaende) == (None, "saknas", 200_000, None)
    s23 = ekonomi_statistik(ar=2023, forbund_ids=[tvalans.pk])
    assert (s23["arets_resultat"], s23["eget_kapital_utgaende"], s23["antal_forbund_med_resultat"]) == (None, None, 0)
    assert s23["antal_forbund_registrerade"] == 1
    per_ar = {r["ar"]: r for r in eget_kapital_per_ar(ar_fran=2022, ar_till=2024, forbund_ids=[tvalans.pk])}
    assert (per_ar[2022]["arets_resultat"], per_ar[2022]["antal_forbund"]) == (800_000, 1)
    assert (per_ar[2023]["arets_resultat"], per_ar[2023]["eget_kapital_utgaende"], per_ar[2023]["antal_forbund"]) == (
        None,
        None,
        0,
    )
    assert (per_ar[2024]["arets_resultat"], per_ar[2024]["antal_forbund"]) == (200_000, 1)
