"""The dashboard's economy figures equal the economy app's own (ekonomi.selectors), for every selection."""

import datetime

import pytest

from ekonomi import selectors as ekonomi_selectors
from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from ekonomi.services import arsekonomi_update, medlemsbidrag_set
from forbund.models import Lan
from statistik.arsstatistik import ar_statistik
from statistik.ekonomisummor import eget_kapital_per_ar, ekonomi_per_ar
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
@pytest.mark.parametrize(
    "selection,med_bara_bidrag",
    [(s, False) for s in ("national", "lan25", "lan10", "gamla")]
    + [(s, True) for s in ("national", "lan10", "lan01", "bara")],
)
def test_the_economy_matches_the_economy_app(ekonomidata, request, ar, selection, med_bara_bidrag):
    if med_bara_bidrag:
        ekonomidata["bara"] = request.getfixturevalue("bara_bidrag")
    urval = {
        "national": Urval(ar=ar),
        "lan25": Urval(ar=ar, lan=Lan.objects.get(kod="25")),
        "lan10": Urval(ar=ar, lan=Lan.objects.get(kod="10")),
        "gamla": Urval(ar=ar, forbund=ekonomidata["gamla"]),
        "lan01": Urval(ar=ar, lan=Lan.objects.get(kod="01")),
        "bara": Urval(ar=ar, forbund=ekonomidata.get("bara")),
    }[selection]
    scope = urval.forbund_qs()
    theirs = ekonomi_selectors.ekonomi_statistik(
        ar=ar, forbund_ids=None if scope is None else list(scope.values_list("pk", flat=True))
    )
    ours = ar_statistik(urval)["ekonomi"]
    for key in KEYS:
        assert ours[key] == theirs[key], key
    assert ours["forbund_med_arsekonomi"] == theirs["antal_forbund_med_resultat"]


@pytest.mark.parametrize("selection", ["national", "bara"])
def test_a_forbund_with_only_medlemsbidrag_is_not_counted_as_registered(bara_bidrag, selection):
    """Its income is not its result: the national result and eget kapital leave it out and count it as missing."""
    bara = bara_bidrag
    urval = Urval(ar=2024) if selection == "national" else Urval(ar=2024, forbund=bara)
    per_ar = ekonomi_per_ar(urval, 2022)
    tabell = {r["ar"]: r for r in eget_kapital_per_ar(per_ar)}
    if selection == "bara":
        assert (tabell[2022]["arets_resultat"], tabell[2022]["eget_kapital_utgaende"]) == (100_000, 200_000)
        for ar in (2023, 2024):
            assert (tabell[ar]["arets_resultat"], tabell[ar]["eget_kapital_utgaende"], tabell[ar]["antal_forbund"]) == (
                0,
                0,
                0,
            )
        # Its income is still in the income sums.
        assert per_ar[2024]["intakter"] == 3_000_000
    else:
        # The same national figures as without Bara bidrag's 2023 and 2024 (see test_hand_computed_eget_kapital).
        assert tabell[2024]["eget_kapital_utgaende"] == 900_000 + 805_000 - 85_000 + 285_000 + 96_000
        assert tabell[2023]["eget_kapital_utgaende"] == 900_000 + 285_000
        assert tabell[2023]["antal_forbund"] == 2  # Blekinge and Gamla, not Bara bidrag
    theirs = ekonomi_selectors.eget_kapital_per_ar(
        ar_fran=2022, ar_till=2024, forbund_ids=None if selection == "national" else [bara.pk]
    )
    assert [(r["ar"], r["arets_resultat"], r["eget_kapital_utgaende"], r["antal_forbund"]) for r in theirs] == [
        (r["ar"], r["arets_resultat"], r["eget_kapital_utgaende"], r["antal_forbund"]) for r in tabell.values()
    ]


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
