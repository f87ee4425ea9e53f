"""The one "from–to, open-ended" period (core.period): in Python and as the queryset filter."""

import datetime

import pytest

from core.period import Period, active_during
from forbund.models import Forbund, Medlemskap
from insatser.models import Insats

D = datetime.date


def test_a_closed_period_contains_both_its_ends_and_nothing_outside():
    p = Period(D(2024, 3, 1), D(2024, 3, 31))
    assert p.contains(D(2024, 3, 1)) and p.contains(D(2024, 3, 31))
    assert not p.contains(D(2024, 2, 29)) and not p.contains(D(2024, 4, 1))


def test_open_ends_reach_to_always():
    assert Period(None, D(2000, 1, 1)).contains(D(1900, 1, 1))
    assert Period(D(2000, 1, 1), None).contains(D(2999, 12, 31))
    assert Period().contains(D(1, 1, 1)) and Period().contains(datetime.date.max)


def test_a_single_day_period_overlaps_and_is_covered_by_itself():
    dag = Period.day(D(2024, 2, 29))
    assert dag.contains(D(2024, 2, 29)) and not dag.contains(D(2024, 3, 1))
    assert dag.overlaps(dag) and dag.covers(dag)


def test_periods_sharing_only_one_day_overlap_and_adjacent_ones_do_not():
    a = Period(D(2020, 1, 1), D(2020, 6, 30))
    assert a.overlaps(Period(D(2020, 6, 30), None)) and Period(D(2020, 6, 30), None).overlaps(a)
    assert not a.overlaps(Period(D(2020, 7, 1), D(2020, 12, 31)))
    assert Period(None, D(2020, 1, 1)).overlaps(Period(D(2020, 1, 1), None))
    assert not Period(None, D(2019, 12, 31)).overlaps(Period(D(2020, 1, 1), None))


def test_covers_asks_for_every_day_of_the_other():
    ar = Period.year(2024)
    assert ar.covers(Period(D(2024, 1, 1), D(2024, 12, 31))) and ar.covers(Period.day(D(2024, 12, 31)))
    assert not ar.covers(Period(D(2024, 6, 1), None)) and not ar.covers(Period(D(2023, 12, 31), D(2024, 1, 2)))
    assert Period(D(2000, 1, 1), None).covers(Period(D(2024, 1, 1), None))
    assert not Period(D(2000, 1, 1), D(2100, 1, 1)).covers(Period(D(2024, 1, 1), None))


def test_a_leap_year_has_its_29_february_and_the_year_runs_to_31_december():
    assert Period.year(2024).contains(D(2024, 2, 29))
    assert Period.year(2023) == Period(D(2023, 1, 1), D(2023, 12, 31))
    assert Period.years_between(2020, 2024) == Period(D(2020, 1, 1), D(2024, 12, 31))


def test_years_are_those_the_period_touches_and_an_open_end_needs_a_limit():
    assert list(Period(D(2019, 12, 31), D(2021, 1, 1)).years()) == [2019, 2020, 2021]
    assert list(Period.day(D(2024, 2, 29)).years()) == [2024]
    assert list(Period(D(2022, 5, 1), None).years(sista=2024)) == [2022, 2023, 2024]
    assert list(Period(D(2010, 1, 1), D(2030, 1, 1)).years(forsta=2020, sista=2021)) == [2020, 2021]
    with pytest.raises(ValueError):
        Period(D(2022, 5, 1), None).years()
    with pytest.raises(ValueError):
        Period(None, D(2022, 5, 1)).years(sista=2030)


@pytest.mark.django_db
def test_the_queryset_filter_agrees_with_overlaps_on_every_edge():
    perioder = [
        (None, None),
        (None, D(2023, 12, 31)),
        (None, D(2024, 1, 1)),
        (D(2024, 12, 31), None),
        (D(2025, 1, 1), None),
        (D(2024, 2, 29), D(2024, 2, 29)),
        (D(2020, 1, 1), D(2030, 1, 1)),
    ]
    rader = {
        Forbund.objects.create(slug=f"period-{i}", namn=f"Period {i}", bildat=a, upphort=b): (a, b)
        for i, (a, b) in enumerate(perioder)
    }
    for fragad in (
        Period.year(2024),
        Period.day(D(2024, 2, 29)),
        Period(D(2024, 12, 31), None),
        Period(None, D(2024, 1, 1)),
    ):
        fran_db = set(
            Forbund.objects.filter(slug__startswith="period-").filter(active_during(fragad, "bildat", "upphort"))
        )
        i_python = {f for f, (a, b) in rader.items() if Period(a, b).overlaps(fragad)}
        assert fran_db == i_python, fragad


@pytest.mark.django_db
def test_a_column_that_is_never_empty_is_not_asked_for_null():
    q = active_during(Period.year(2024), "startdatum", "slutdatum", oppen_start=False)
    sql = str(Insats.objects.filter(q).query)
    assert '"startdatum" IS NULL' not in sql and '"slutdatum" IS NULL' in sql
    assert str(Medlemskap.objects.active_during(D(2024, 1, 1), D(2024, 12, 31)).query).count("IS NULL") == 2


def test_years_between_a_start_and_an_end_year_are_spread_one_way():
    from core.period import ar_mellan

    assert list(ar_mellan(2020, 2022)) == [2020, 2021, 2022]
    assert list(ar_mellan(2020, None, sista=2021)) == [2020, 2021]  # still running: up to the limit
    assert list(ar_mellan(2018, 2030, forsta=2022, sista=2024)) == [2022, 2023, 2024]
    assert list(ar_mellan(2025, None, sista=2024)) == []  # starts after the last year asked for
    assert Period(datetime.date(2020, 5, 1), None).years(sista=2021) == ar_mellan(2020, None, sista=2021)
    with pytest.raises(ValueError):
        ar_mellan(2020, None)
