"""The rules (one module for form, API, import and checks) and the national table, on hand-computed data."""

import datetime

import pytest

from insatser.models import Inriktning
from tests.factories import ForbundFactory, InsatsFactory
from tests.utfall.conftest import GILTIGT
from utfall import statistik
from utfall.koder import (
    ALDERSBAND,
    AVSLUTADE,
    BAND_I_GRUPP,
    NYCKLAR,
    PABORJADE,
    UTFALL_KATEGORI,
    aldersgrupp_for,
)
from utfall.models import Utfall, Utfallsantal
from utfall.rules import alla_fel, deltagare_varningar, summa_fel


def test_the_age_groups_are_derived_from_the_bands():
    assert [b.kod for b in ALDERSBAND] == ["16_29", "30_44", "45_59", "60_plus"]
    assert BAND_I_GRUPP == {"under_30": ("16_29",), "30_plus": ("30_44", "45_59", "60_plus")}
    assert [aldersgrupp_for(b) for b in ALDERSBAND] == ["under_30", "30_plus", "30_plus", "30_plus"]
    # 2 categories × 2 kön × 4 bands + 10 outcomes × 2 kön × 2 groups
    assert len(NYCKLAR) == 16 + 40


def test_a_consistent_grid_has_no_errors():
    assert alla_fel(GILTIGT) == []


def test_outcomes_must_add_up_to_the_finished_per_kon_and_age_group():
    varden = dict(GILTIGT)
    varden[(UTFALL_KATEGORI, "studier", "kvinnor", "under_30")] = 2
    fel = summa_fel(varden)
    assert [(k, g) for k, g, _t in fel] == [("kvinnor", "under_30")]
    assert "summerar till 4, men 3 har avslutat" in fel[0][2]


def test_outcomes_in_the_wrong_age_group_are_an_error_in_both_groups():
    varden = dict(GILTIGT)
    del varden[(UTFALL_KATEGORI, "aktivt_arbetssokande", "man", "30_plus")]
    varden[(UTFALL_KATEGORI, "aktivt_arbetssokande", "man", "under_30")] = 1
    assert {(k, g) for k, g, _t in summa_fel(varden)} == {("man", "under_30"), ("man", "30_plus")}


def test_not_registered_is_not_zero():
    # Nothing registered: no error. Finished 0 and no outcomes: nothing to account for.
    assert summa_fel({}) == []
    assert summa_fel({(AVSLUTADE, "", "man", "16_29"): 0}) == []
    # Finished but no outcome registered: an error; an explicit 0 outcome is a value and must add up.
    assert len(summa_fel({(AVSLUTADE, "", "man", "16_29"): 2})) == 1
    fel = summa_fel({(AVSLUTADE, "", "man", "16_29"): 2, (UTFALL_KATEGORI, "annat", "man", "under_30"): 0})
    assert "summerar till 0, men 2" in fel[0][2]


def test_negative_and_unknown_values_are_refused():
    fel = alla_fel({(PABORJADE, "", "man", "16_29"): -1, ("x", "", "man", "16_29"): 1})
    assert ("Får inte vara negativt.") in [t for _n, t in fel]
    assert any("Okänd uppgift" in t for _n, t in fel)


def test_more_started_or_finished_than_participants_is_a_warning_per_kon():
    varden = {(PABORJADE, "", "kvinnor", "16_29"): 6, (PABORJADE, "", "kvinnor", "30_44"): 5}
    varningar = deltagare_varningar(varden, deltagare_kvinnor=10, deltagare_man=None)
    assert varningar == ["11 kvinnor påbörjade, men bara 10 kvinnor är registrerade som deltagare året."]
    # Participants not registered: nothing to compare with.
    assert deltagare_varningar(varden, deltagare_kvinnor=None, deltagare_man=None) == []


def test_shares_are_rounded_half_up_then_subtracted():
    assert statistik.andel_hel_procent(1, 8) == 13  # 12.5 → 13
    assert statistik.andel_hel_procent(0, 0) is None
    assert statistik.andel_hel_procent(1, 3) == 33


def _grid(insats, ar, celler):
    utfall = Utfall.objects.create(insats=insats, ar=ar)
    for (kod, kon, grupp), antal in celler.items():
        Utfallsantal.objects.create(
            utfall=utfall, kategori=UTFALL_KATEGORI, kod=kod, kon=kon, aldersgrupp=grupp, antal=antal
        )


@pytest.mark.django_db
def test_the_national_table_per_inriktning_and_kon_with_percentage_points():
    forbund = ForbundFactory()
    arbetsliv = InsatsFactory(forbund=forbund, startdatum="2023-01-01")
    forberedande = InsatsFactory(
        forbund=forbund, startdatum="2023-01-01", inriktning=Inriktning.objects.get(kod="forberedande")
    )
    # 2023: arbetslivsinriktad, women under 30: 1 of 4 in work (25 %).
    _grid(arbetsliv, 2023, {("arbete_utan_stod", "kvinnor", "under_30"): 1, ("sjukdom", "kvinnor", "under_30"): 3})
    # 2024: arbetslivsinriktad: women under 30: 2 of 3 (67 %), men 30+: 1 of 2 (50 %);
    #       förberedande: men 30+: 0 of 1, 1 actively job-seeking.
    _grid(
        arbetsliv,
        2024,
        {
            ("studier", "kvinnor", "under_30"): 1,
            ("eget_foretag", "kvinnor", "under_30"): 1,
            ("flyttat", "kvinnor", "under_30"): 1,
            ("arbete_med_stod", "man", "30_plus"): 1,
            ("annat", "man", "30_plus"): 1,
        },
    )
    _grid(forberedande, 2024, {("aktivt_arbetssokande", "man", "30_plus"): 1})
    rader = {r.kod: r for r in statistik.andel_tabell(ar=2024)}
    assert list(rader) == ["arbetslivsinriktad", "forberedande", "riket"]
    # columns: kvinnor, män, under 30, 30+, totalt
    a = rader["arbetslivsinriktad"].celler
    assert [c.andel for c in a] == [67, 50, 67, 50, 60]
    assert [c.forandring for c in a] == [42, None, 42, None, 35]  # 67−25, 60−25
    assert [c.avslutade for c in a] == [3, 2, 3, 2, 5]
    f = rader["forberedande"].celler
    assert [c.andel for c in f] == [None, 0, None, 0, 0]
    riket = rader["riket"].celler
    # män: 1 of 3 = 33 %; totalt: 3 of 6 = 50 %; 30+: 1 of 3
    assert [c.andel for c in riket] == [67, 33, 67, 33, 50]
    assert riket[4].forandring == 25
    trend = statistik.trend()
    assert [t.ar for t in trend] == [2023, 2024]
    assert trend[1].arbete_eller_studier == [67, 33, 50]
    assert trend[1].aktivt_arbetssokande == [0, 33, 17]
    assert trend[1].avslutade == 6


@pytest.mark.django_db
def test_rounded_shares_are_subtracted_unless_exact_points_are_configured(settings):
    forbund = ForbundFactory()
    insats = InsatsFactory(forbund=forbund, startdatum="2023-01-01")
    # 2023: 404 of 1000 (40,4 % → 40); 2024: 423 of 1000 (42,3 % → 42): +2 as the report counts, +1,9 exactly.
    _grid(insats, 2023, {("studier", "kvinnor", "under_30"): 404, ("annat", "kvinnor", "under_30"): 596})
    _grid(insats, 2024, {("studier", "kvinnor", "under_30"): 423, ("annat", "kvinnor", "under_30"): 577})
    riket = statistik.andel_tabell(ar=2024)[-1].celler
    assert (riket[0].andel, riket[0].forandring) == (42, 2)
    settings.PROCENTENHETER = "exakta"
    assert statistik.andel_tabell(ar=2024)[-1].celler[0].forandring == pytest.approx(1.9)


def test_an_insats_older_than_the_yearly_participant_count_is_not_compared():
    """Before 2023 (SUS) an insats's participants could be registered from start to finish, not per year."""
    varden = {(AVSLUTADE, "", "man", "30_44"): 9}
    ny = deltagare_varningar(varden, deltagare_kvinnor=None, deltagare_man=4, startdatum=datetime.date(2023, 1, 1))
    assert ny == ["9 män avslutade, men bara 4 män är registrerade som deltagare året."]
    gammal = deltagare_varningar(varden, deltagare_kvinnor=None, deltagare_man=4, startdatum=datetime.date(2021, 5, 1))
    assert gammal == []
