"""The registry "as of a date": förbund, their kommuner and län, and kommuner without förbund."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from forbund.models import Forbund, ForbundNamn, Medlemskap
from forbund.selectors import kommun_forbund_on, medlemmar_during, struktur_on
from forbund.services import medlemskap_create, medlemskap_end
from tests.factories import ForbundFactory, kommun, lan

pytestmark = pytest.mark.django_db
D = datetime.date
EKERO, SOLNA, YDRE = "0125", "0184", "0512"


@pytest.fixture
def merger():
    """Two förbund merge into a new one on 2025-01-01; Ekerö and Solna follow, Ydre (Östergötland) joins later."""
    gamla_a = ForbundFactory(namn="Gamla A", slug="gamla-a", bildat=D(2020, 1, 1), upphort=D(2024, 12, 31))
    gamla_b = ForbundFactory(namn="Gamla B", slug="gamla-b", bildat=D(2020, 1, 1), upphort=D(2024, 12, 31))
    nya = ForbundFactory(namn="Nya", slug="nya", bildat=D(2025, 1, 1))
    Forbund.objects.filter(pk__in=[gamla_a.pk, gamla_b.pk]).update(efterfoljare=nya)
    medlemskap_create(forbund=gamla_a, kommun=kommun(EKERO), giltig_fran=D(2020, 1, 1), giltig_till=D(2024, 12, 31))
    medlemskap_create(forbund=gamla_b, kommun=kommun(SOLNA), giltig_fran=D(2020, 1, 1), giltig_till=D(2024, 12, 31))
    medlemskap_create(forbund=nya, kommun=kommun(EKERO), giltig_fran=D(2025, 1, 1))
    medlemskap_create(forbund=nya, kommun=kommun(SOLNA), giltig_fran=D(2025, 1, 1))
    medlemskap_create(forbund=nya, kommun=kommun(YDRE), giltig_fran=D(2025, 7, 1))
    return gamla_a, gamla_b, nya


def by_slug(datum):
    return {fs.forbund.slug: fs for fs in struktur_on(datum).forbund}


def test_before_a_merger_the_old_forbund_exist(merger):
    s = by_slug(D(2024, 12, 31))
    assert "gamla-a" in s and "gamla-b" in s and "nya" not in s
    assert [k.kod for k in s["gamla-a"].kommuner] == [EKERO]


def test_after_a_merger_only_the_new_forbund_exists(merger):
    s = by_slug(D(2025, 1, 1))
    assert "gamla-a" not in s and "nya" in s
    assert sorted(k.kod for k in s["nya"].kommuner) == [EKERO, SOLNA]
    assert list(merger[2].foregangare.order_by("slug").values_list("slug", flat=True)) == ["gamla-a", "gamla-b"]


def test_a_kommun_that_joins_mid_year_is_there_from_its_date(merger):
    assert by_slug(D(2025, 6, 30))["nya"].lan_koder == ["01"]
    after = by_slug(D(2025, 7, 1))["nya"]
    assert YDRE in {k.kod for k in after.kommuner}
    assert after.lan_koder == ["01", "05"]  # now touches two län
    members = medlemmar_during(merger[2], D(2025, 1, 1), D(2025, 12, 31))
    assert YDRE in {m.kommun_id for m in members}


def test_kommuner_without_forbund_follow_the_date(merger):
    utan_2019 = {k.kod for k in struktur_on(D(2019, 12, 31)).kommuner_utan_forbund}
    utan_2025 = {k.kod for k in struktur_on(D(2025, 7, 1)).kommuner_utan_forbund}
    assert {EKERO, SOLNA, YDRE} <= utan_2019
    assert not {EKERO, SOLNA, YDRE} & utan_2025


def test_a_renamed_forbund_shows_the_name_it_had_on_the_date(merger):
    ForbundNamn.objects.create(forbund=merger[2], namn="Nya (arbetsnamn)", giltig_fran=None, giltig_till=D(2025, 3, 31))
    assert by_slug(D(2025, 3, 31))["nya"].namn == "Nya (arbetsnamn)"
    assert by_slug(D(2025, 4, 1))["nya"].namn == "Nya"


def test_a_kommun_cannot_be_in_two_forbund_on_the_same_day(merger):
    andra = ForbundFactory(slug="andra")
    with pytest.raises(ValidationError, match="redan medlem i Nya"):
        medlemskap_create(forbund=andra, kommun=kommun(EKERO), giltig_fran=D(2026, 1, 1))
    # It can once the old membership has ended.
    old = Medlemskap.objects.get(forbund=merger[2], kommun_id=EKERO)
    medlemskap_end(medlemskap=old, giltig_till=D(2025, 12, 31))
    medlemskap_create(forbund=andra, kommun=kommun(EKERO), giltig_fran=D(2026, 1, 1))
    assert kommun_forbund_on(EKERO, D(2026, 1, 1)) == andra


def test_an_end_before_the_start_is_refused(merger):
    with pytest.raises(ValidationError):
        medlemskap_create(forbund=merger[2], region=lan("01"), giltig_fran=D(2025, 1, 1), giltig_till=D(2024, 1, 1))
    old = Medlemskap.objects.get(forbund=merger[2], kommun_id=YDRE)
    with pytest.raises(ValidationError):
        medlemskap_end(medlemskap=old, giltig_till=D(2025, 6, 30))


def test_the_database_refuses_a_membership_of_both_kommun_and_region(merger):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Medlemskap.objects.create(forbund=merger[2], kommun=kommun(EKERO), region=lan("01"), giltig_fran=D(2030, 1, 1))


def test_struktur_uses_a_fixed_number_of_queries(merger, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        s = struktur_on(D(2024, 12, 31))
        s.as_dict()


def test_names_are_listed_in_swedish_alphabetical_order():
    from core.text import sv_key

    assert sorted(["Östra", "Ängelholm", "Åre", "alfa", "Zeta"], key=sv_key) == [
        "alfa",
        "Zeta",
        "Åre",
        "Ängelholm",
        "Östra",
    ]
    lan_14 = next(fs for lan_, fs, _ in struktur_on(D(2024, 12, 31)).per_lan() if lan_.kod == "14")
    names = [f.namn for f in lan_14]
    assert names == sorted(names, key=sv_key)
