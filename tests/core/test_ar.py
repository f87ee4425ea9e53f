"""The year bounds (core.granser): one home, and every page, filter and API says the same years."""

import datetime

from core.granser import AR_MAX, AR_MIN, FORSTA_FORBUNDSAR, innevarande_ar, rapportar, sista_registreringsar
from insatser.rules import allowed_years


def test_the_last_years_are_this_year_to_show_and_next_year_to_register():
    ar = datetime.date.today().year
    assert (rapportar(), innevarande_ar(), sista_registreringsar()) == (ar - 1, ar, ar + 1)
    assert AR_MIN <= FORSTA_FORBUNDSAR <= innevarande_ar() <= AR_MAX


def test_an_insats_without_end_may_have_figures_up_to_the_last_registration_year():
    start = datetime.date(innevarande_ar() - 2, 5, 1)
    assert list(allowed_years(start, None)) == list(range(start.year, sista_registreringsar() + 1))
    assert list(allowed_years(start, datetime.date(innevarande_ar() - 1, 1, 1))) == [start.year, start.year + 1]
    later = datetime.date(innevarande_ar() + 5, 1, 1)  # planned to start after next year: its own year only
    assert list(allowed_years(later, None)) == [later.year]


def test_the_open_api_refuses_a_year_outside_the_bounds_in_words(client, db):
    response = client.get(f"/api/oppen/v1/forbund?ar={AR_MIN - 1}")
    assert response.status_code == 400
    assert f"Ange år från {AR_MIN} till {AR_MAX}." in response.content.decode()


def test_a_year_in_an_address_is_read_one_way_everywhere():
    from core.granser import las_ar

    assert las_ar(" 2024 ") == 2024
    for text in ("", None, "abc", "²⁰²⁴", "2024.0", "-2024", "9" * 100, "1989", "2101"):
        assert las_ar(text) is None, text
    assert las_ar("2003", FORSTA_FORBUNDSAR) is None and las_ar("2004", FORSTA_FORBUNDSAR) == 2004


def test_an_extract_or_a_release_of_a_year_no_forbund_could_have_is_refused_in_words(db, django_user_model):
    import pytest
    from django.core.exceptions import ValidationError

    from publicering.services import publicering_skapa
    from rapportering.uttag import uttag_ta

    user = django_user_model.objects.create_user("fk")
    for ar in (FORSTA_FORBUNDSAR - 1, innevarande_ar() + 1, 2500):
        for skapa in (uttag_ta, publicering_skapa):
            with pytest.raises(ValidationError) as fel:
                skapa(ar=ar, user=user)
            assert fel.value.messages == [f"Välj ett år mellan {FORSTA_FORBUNDSAR} och {innevarande_ar()}."]
