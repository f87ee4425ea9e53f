"""The national economy: the one definition of a förbund-year (ekonomi.arsekonomi.ForbundAr) summed per year and
selection, hand-computed; a förbund-year whose costs are incomplete is counted as missing, never as 0."""

import datetime

import pytest

from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from ekonomi.services import arsekonomi_update, medlemsbidrag_set
from ekonomi.summor import eget_kapital_per_ar
from forbund.models import Lan
from insatser.models import Insats, InsatsAr
from statistik.ekonomisummor import eget_kapital_rader, ekonomi_per_ar
from statistik.urval import Urval
from tests.factories import ForbundFactory, MedlemskapFactory, kommun, lan


@pytest.fixture
def ekonomidata(handdata):
    blekinge, gamla, nya, varmland = (handdata[k] for k in ("blekinge", "gamla", "nya", "varmland"))

    def bidrag(f, ar, stat, region=None, kommuner=()):
        Medlemsbidrag.objects.create(forbund=f, ar=ar, medlemstyp="stat", belopp=stat)
        if region:
            Medlemsbidrag.objects.create(forbund=f, ar=ar, medlemstyp="region", region=lan(region), belopp=stat // 2)
        for kod in kommuner:
            Medlemsbidrag.objects.create(forbund=f, ar=ar, medlemstyp="kommun", kommun=kommun(kod), belopp=stat // 4)

    # Blekinge: ingående registered in 2022, fastställd årsredovisning for 2023, 2024 computed from it.
    Arsekonomi.objects.create(forbund=blekinge, ar=2022, eget_kapital_ingaende=1_000_000, administration_utfall=50_000)
    Arsekonomi.objects.create(
        forbund=blekinge,
        ar=2023,
        administration_budget=60_000,
        administration_utfall=55_000,
        faststallt_arets_resultat=-20_000,
        faststallt_eget_kapital_utgaende=900_000,
    )
    Arsekonomi.objects.create(
        forbund=blekinge, ar=2024, administration_budget=70_000, administration_utfall=65_000, esf_intakter=5_000
    )
    for ar in (2022, 2023, 2024):
        bidrag(blekinge, ar, 400_000, "10", ["1080", "1082"])
    # Gamla: economy in 2023 and (half a year) 2024; Nya from 2024; Värmland without ingående (utgående unknown).
    # Gamla and Nya register their administration's utfall as 0 kr: their costs are registered.
    Arsekonomi.objects.create(forbund=gamla, ar=2023, eget_kapital_ingaende=200_000, administration_utfall=0)
    Arsekonomi.objects.create(forbund=gamla, ar=2024, administration_utfall=10_000)
    bidrag(gamla, 2023, 100_000, "25", ["2584"])
    bidrag(gamla, 2024, 50_000)
    Arsekonomi.objects.create(
        forbund=nya, ar=2024, eget_kapital_ingaende=0, administration_budget=5_000, administration_utfall=0
    )
    bidrag(nya, 2024, 60_000, "25", ["2584"])
    Arsekonomi.objects.create(forbund=varmland, ar=2024, administration_utfall=1_000)
    bidrag(varmland, 2024, 300_000, "17", ["1760"])
    Statsbidrag.objects.create(ar=2024, tilldelat=339_000_000)
    return handdata


@pytest.fixture
def bara_bidrag(ekonomidata):
    """Bara bidrag (Stockholm): 2022 complete; 2023 and 2024 only medlemsbidrag, saved through the service as the
    form does (which creates the year's economy row). Its costs are not registered: no result, no utgående."""
    bara = ForbundFactory(namn="Samordningsförbundet Bara bidrag", slug="bara-bidrag", bildat=datetime.date(2020, 1, 1))
    MedlemskapFactory(forbund=bara, kommun=kommun("0180"), giltig_fran=datetime.date(2020, 1, 1))
    medlemsbidrag_set(forbund=bara, ar=2022, belopp={("stat", ""): 1_000_000})
    arsekonomi_update(forbund=bara, ar=2022, eget_kapital_ingaende=100_000, administration_utfall=900_000)
    for ar in (2023, 2024):
        medlemsbidrag_set(forbund=bara, ar=ar, belopp={("stat", ""): 2_000_000, ("kommun", "0180"): 1_000_000})
    return bara


def _utfall_in(blekinge, nya, varmland):
    """Register the utfall the hand data lacks for 2024 (0 kr), so every running insats's utfall is in."""
    for f in (blekinge, nya, varmland):
        for insats in Insats.objects.filter(forbund=f).running_in(2024):
            rad, _ = InsatsAr.objects.get_or_create(insats=insats, ar=2024, defaults={"utfall": 0})
            if rad.utfall is None:
                rad.utfall = 0
                rad.save()


def test_a_year_with_insatser_lacking_utfall_has_no_result(ekonomidata):
    """Blekinge, Nya and Värmland run insatser without 2024 utfall: only Gamla's 2024 result is known."""
    per_ar = ekonomi_per_ar(Urval(ar=2024), 2022)
    s = per_ar[2024]
    # Gamla: 2023 utgående 200 000 + (100 000 + 50 000 + 25 000) − 90 000 = 285 000; 2024: + 50 000 − 50 000.
    assert s["eget_kapital_utgaende"] == 285_000
    assert s["arets_resultat"] == 0
    assert s["antal_forbund_med_resultat"] == 1
    assert s["antal_forbund_ofullstandiga"] == 3
    assert s["kostnader"] == 50_000  # Gamla's complete costs only
    assert s["antal_forbund_med_kostnader"] == 1
    # Förbrukade medel only from Gamla (half of 50 000); the others' are missing, not 0.
    assert s["statsbidrag"]["forbrukat"] == 25_000
    assert s["statsbidrag"]["oforbrukat"] == 50_000 - 25_000
    assert s["antal_forbund_med_forbrukat"] == 1
    assert s["antal_forbund_med_statliga_medel"] == 4
    # Income does not wait for costs.
    assert s["medlemsbidrag"] == {"stat": 810_000, "regioner": 380_000, "kommuner": 290_000, "totalt": 1_480_000}
    assert per_ar[2023]["eget_kapital_utgaende"] == 900_000 + 285_000


def test_hand_computed_eget_kapital_once_every_utfall_is_in(ekonomidata):
    blekinge, nya, varmland = (ekonomidata[k] for k in ("blekinge", "nya", "varmland"))
    _utfall_in(blekinge, nya, varmland)
    per_ar = ekonomi_per_ar(Urval(ar=2024), 2022)
    # Blekinge 2024: 900 000 + (400 000 + 200 000 + 2 × 100 000 + 5 000) − (65 000 + insats utfall 20 000).
    blekinge_2024 = 900_000 + 805_000 - 85_000
    # Nya: 0 + 60 000 + 30 000 + 15 000 − 9 000 = 96 000. Värmland has no ingående: result known, utgående not.
    assert per_ar[2024]["eget_kapital_utgaende"] == blekinge_2024 + 285_000 + 96_000
    assert per_ar[2024]["antal_forbund_med_resultat"] == 4
    assert per_ar[2024]["antal_forbund_med_eget_kapital"] == 3
    assert per_ar[2024]["antal_forbund_ofullstandiga"] == 0
    rader = {r["ar"]: r for r in eget_kapital_rader(per_ar)}
    assert (rader[2023]["eget_kapital_utgaende"], rader[2023]["antal_forbund"]) == (900_000 + 285_000, 2)
    # The economy app's own Tabell 3 is the same function over the same sums.
    assert eget_kapital_per_ar(ar_fran=2022, ar_till=2024) == eget_kapital_rader(per_ar)


@pytest.mark.parametrize("lan_kod,forbund", [("25", {"gamla", "nya"}), ("10", {"blekinge"})])
def test_a_lan_sums_only_its_forbund(ekonomidata, lan_kod, forbund):
    _utfall_in(*(ekonomidata[k] for k in ("blekinge", "nya", "varmland")))
    s = ekonomi_per_ar(Urval(ar=2024, lan=Lan.objects.get(kod=lan_kod)), 2024)[2024]
    utgaende = {"gamla": 285_000, "nya": 96_000, "blekinge": 900_000 + 805_000 - 85_000}
    assert s["eget_kapital_utgaende"] == sum(utgaende[k] for k in forbund)
    assert s["antal_forbund"] == len(forbund)


@pytest.mark.parametrize("selection", ["national", "bara"])
def test_a_forbund_with_only_medlemsbidrag_is_not_counted_as_registered(bara_bidrag, selection):
    """Its income is not its result: the sums leave it out and count it as missing ("–", not 0)."""
    bara = bara_bidrag
    urval = Urval(ar=2024) if selection == "national" else Urval(ar=2024, forbund=bara)
    per_ar = ekonomi_per_ar(urval, 2022)
    tabell = {r["ar"]: r for r in eget_kapital_rader(per_ar)}
    if selection == "bara":
        assert (tabell[2022]["arets_resultat"], tabell[2022]["eget_kapital_utgaende"]) == (100_000, 200_000)
        for ar in (2023, 2024):
            assert (tabell[ar]["arets_resultat"], tabell[ar]["eget_kapital_utgaende"], tabell[ar]["antal_forbund"]) == (
                None,
                None,
                0,
            )
            assert per_ar[ar]["statsbidrag"]["forbrukat"] is None
            assert per_ar[ar]["administration"] == {"budget": None, "utfall": None}
        # Its income is still in the income sums.
        assert per_ar[2024]["intakter"] == 3_000_000
    else:
        assert tabell[2024]["eget_kapital_utgaende"] == 285_000
        assert tabell[2023]["eget_kapital_utgaende"] == 900_000 + 285_000
        assert tabell[2023]["antal_forbund"] == 2  # Blekinge and Gamla, not Bara bidrag


def test_a_year_nobody_registered_is_none_not_zero(db):
    s = ekonomi_per_ar(Urval(ar=2030), 2030)[2030]
    assert s["medlemsbidrag"] == {"stat": None, "regioner": None, "kommuner": None, "totalt": None}
    assert s["arets_resultat"] is s["eget_kapital_utgaende"] is s["kostnader"] is None
    assert s["statsbidrag"]["utbetalt"] is s["statsbidrag"]["forbrukat"] is None
    assert s["antal_forbund_registrerade"] == 0


@pytest.mark.parametrize("lan_kod", [None, "10", "25"])
def test_years_with_fastställda_arsredovisningar_are_summed_as_registered(ekonomidata, lan_kod):
    blekinge, gamla = ekonomidata["blekinge"], ekonomidata["gamla"]
    for f, ar, res, utg in [
        (blekinge, 2020, 10_000, 700_000),
        (blekinge, 2021, -5_000, 695_000),
        (gamla, 2021, 1_000, 150_000),
    ]:
        Arsekonomi.objects.create(forbund=f, ar=ar, faststallt_arets_resultat=res, faststallt_eget_kapital_utgaende=utg)
    urval = Urval(ar=2024, lan=Lan.objects.get(kod=lan_kod) if lan_kod else None)
    ours = {r["ar"]: r for r in eget_kapital_rader(ekonomi_per_ar(urval, 2018))}
    assert ours[2018]["eget_kapital_utgaende"] is None and ours[2018]["antal_forbund"] == 0
    if lan_kod in (None, "10"):
        assert ours[2020]["eget_kapital_utgaende"] == 700_000
    if lan_kod is None:
        assert ours[2021]["eget_kapital_utgaende"] == 695_000 + 150_000
        assert ours[2021]["arets_resultat"] == -5_000 + 1_000


def test_the_national_sums_read_a_fixed_number_of_queries(ekonomidata, django_assert_max_num_queries):
    from tests.statistik.conftest import scale_up

    with django_assert_max_num_queries(6):
        ekonomi_per_ar(Urval(ar=2024), 2015)
    scale_up(3)
    with django_assert_max_num_queries(6):
        ekonomi_per_ar(Urval(ar=2024), 2015)
