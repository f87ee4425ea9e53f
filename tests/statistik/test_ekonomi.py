"""The dashboard's economy figures equal the economy app's own (ekonomi.selectors), for every selection."""

import pytest

from ekonomi import selectors as ekonomi_selectors
from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from finsam.statistik.selectors import Urval, ar_statistik, eget_kapital_per_ar, ekonomi_per_ar
from forbund.models import Lan
from tests.factories import kommun, lan


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
    Arsekonomi.objects.create(forbund=gamla, ar=2023, eget_kapital_ingaende=200_000)
    Arsekonomi.objects.create(forbund=gamla, ar=2024, administration_utfall=10_000)
    bidrag(gamla, 2023, 100_000, "25", ["2584"])
    bidrag(gamla, 2024, 50_000)
    Arsekonomi.objects.create(forbund=nya, ar=2024, eget_kapital_ingaende=0, administration_budget=5_000)
    bidrag(nya, 2024, 60_000, "25", ["2584"])
    Arsekonomi.objects.create(forbund=varmland, ar=2024, administration_utfall=1_000)
    bidrag(varmland, 2024, 300_000, "17", ["1760"])
    Statsbidrag.objects.create(ar=2024, tilldelat=339_000_000)
    return handdata


KEYS = [
    "medlemsbidrag",
    "administration",
    "eget_kapital_utgaende",
    "arets_resultat",
    "intakter",
    "kostnader",
    "budget_esf",
    "utfall_esf",
    "statsbidrag",
    "budget_individinriktade",
    "budget_strukturovergripande",
    "utfall_individinriktade",
    "utfall_strukturovergripande",
    "kostnader_utan_statliga_medel",
]


@pytest.mark.parametrize("ar", [2023, 2024])
@pytest.mark.parametrize("selection", ["national", "lan25", "lan10", "gamla"])
def test_the_economy_matches_the_economy_app(ekonomidata, ar, selection):
    urval = {
        "national": Urval(ar=ar),
        "lan25": Urval(ar=ar, lan=Lan.objects.get(kod="25")),
        "lan10": Urval(ar=ar, lan=Lan.objects.get(kod="10")),
        "gamla": Urval(ar=ar, forbund=ekonomidata["gamla"]),
    }[selection]
    scope = urval.forbund_qs()
    theirs = ekonomi_selectors.ekonomi_statistik(
        ar=ar, forbund_ids=None if scope is None else list(scope.values_list("pk", flat=True))
    )
    ours = ar_statistik(urval)["ekonomi"]
    for key in KEYS:
        assert ours[key] == theirs[key], key


def test_hand_computed_eget_kapital(ekonomidata):
    per_ar = ekonomi_per_ar(Urval(ar=2024), 2022)
    # Blekinge 2024: 900 000 + (400 000 + 200 000 + 2 × 100 000 + 5 000) − (65 000 + insats utfall 20 000).
    blekinge_2024 = 900_000 + 805_000 - 85_000
    # Gamla 2024: 2023 utgående 200 000 + (100 000 + 50 000 + 25 000) − 90 000 insats utfall = 285 000;
    # then 285 000 + 50 000 − (10 000 + 40 000) = 285 000. Nya: 0 + 60 000 + 30 000 + 15 000 − 9 000 = 96 000.
    assert per_ar[2024]["eget_kapital_utgaende"] == blekinge_2024 + 285_000 + 96_000
    assert per_ar[2023]["eget_kapital_utgaende"] == 900_000 + 285_000
    assert per_ar[2024]["medlemsbidrag"] == {
        "stat": 810_000,
        "regioner": 380_000,
        "kommuner": 290_000,
        "totalt": 1_480_000,
    }
    theirs = ekonomi_selectors.eget_kapital_per_ar(ar_fran=2022, ar_till=2024)
    assert [(r["ar"], r["arets_resultat"], r["eget_kapital_utgaende"]) for r in eget_kapital_per_ar(per_ar)] == [
        (r["ar"], r["arets_resultat"], r["eget_kapital_utgaende"]) for r in theirs
    ]


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
    ours = eget_kapital_per_ar(ekonomi_per_ar(urval, 2018))
    scope = urval.forbund_qs()
    theirs = ekonomi_selectors.eget_kapital_per_ar(
        ar_fran=2018, ar_till=2024, forbund_ids=None if scope is None else list(scope.values_list("pk", flat=True))
    )
    assert [(r["ar"], r["arets_resultat"], r["eget_kapital_utgaende"]) for r in ours] == [
        (r["ar"], r["arets_resultat"], r["eget_kapital_utgaende"]) for r in theirs
    ]
    if lan_kod is None:
        assert {r["ar"]: r["eget_kapital_utgaende"] for r in ours}[2020] == 700_000
        # Blekinge's 2022 builds on the fastställd 2021 (695 000), not on the registered ingående.
        assert {r["ar"]: r["eget_kapital_utgaende"] for r in ours}[2021] == 695_000 + 150_000
