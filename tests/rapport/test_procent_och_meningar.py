"""The percentage-point convention and the comparison sentences: the word always follows the sign as written."""

import itertools

import pytest

from core.avrundning import avrunda
from rapport.meningar import jamforelse, jamforelse_mening
from rapport.procent import AVRUNDADE, EXAKTA, hel_procent, procentenheter
from statistik.tabell import visa


def test_the_report_rounds_the_shares_first_then_subtracts():
    # 40,4 % → 42,3 %: the report writes +2 (42 − 40); the exact difference is +1,9.
    assert procentenheter(42.3, 40.4, AVRUNDADE) == 2
    assert procentenheter(42.3, 40.4, EXAKTA) == pytest.approx(1.9)


def test_the_setting_chooses_the_convention_and_the_report_s_is_the_default(settings):
    del settings.PROCENTENHETER
    assert procentenheter(42.3, 40.4) == 2
    settings.PROCENTENHETER = "exakta"
    assert procentenheter(42.3, 40.4) == pytest.approx(1.9)


def test_shares_round_half_up_and_unknown_shares_give_no_change():
    assert hel_procent(42.5) == 43 and hel_procent(57.49) == 57 and hel_procent(0.5) == 1
    assert procentenheter(None, 40.0) is None and procentenheter(40.0, None) is None


def test_the_dashboard_writes_whole_percentage_points_under_the_report_s_convention():
    assert visa(procentenheter(42.3, 40.4, AVRUNDADE), "pe") == "+2"
    assert visa(procentenheter(42.3, 40.4, EXAKTA), "pe") == "+1,9"
    assert visa(procentenheter(52.0, 54.4, AVRUNDADE), "pe_text") == "−2 procentenheter"


FORANDRINGAR = [-1000, -57, -3, -2, -1, -0.6, -0.5, -0.4, -0.04, 0, 0.0, 0.04, 0.4, 0.5, 0.6, 1, 2, 3, 20, 1000]


@pytest.mark.parametrize(
    ("andring", "enhet"), list(itertools.product(FORANDRINGAR, ["procentenheter", "procentenheter_exakta", "insatser"]))
)
def test_the_word_follows_the_sign_as_written(andring, enhet):
    mening = jamforelse_mening(andring, enhet=enhet, fore_ar=2023, storhet="andelen kvinnor")
    decimaler = 1 if enhet == "procentenheter_exakta" else 0
    skriven = avrunda(andring, decimaler)
    if skriven > 0:
        assert "ökning" in mening and "minskning" not in mening and "oförändrad" not in mening
    elif skriven < 0:
        assert "minskning" in mening and "ökning" not in mening.replace("minskning", "")
        assert "oförändrad" not in mening
    else:
        assert mening == "För andelen kvinnor är nivån oförändrad jämfört med 2023."
    assert "med 0 " not in mening and "med 0,0 " not in mening and "−" not in mening and "-" not in mening


def test_the_sentences_read_as_the_report_s():
    assert jamforelse_mening(2, enhet="procentenheter", fore_ar=2023) == (
        "Jämfört med 2023 är det en ökning med 2 procentenheter."
    )
    assert jamforelse_mening(-1, enhet="procentenheter", fore_ar=2023) == (
        "Jämfört med 2023 är det en minskning med 1 procentenhet."
    )
    assert jamforelse_mening(20, enhet="insatser", fore_ar=2023) == "Jämfört med 2023 är det en ökning med 20 insatser."
    assert jamforelse_mening(-1.94, enhet="procentenheter_exakta", fore_ar=2023) == (
        "Jämfört med 2023 är det en minskning med 1,9 procentenheter."
    )
    assert jamforelse_mening(None, enhet="insatser", fore_ar=2023) == "Det finns ingen jämförbar uppgift för 2023."
    assert jamforelse_mening(0, enhet="insatser", fore_ar=2023) == "Nivån är oförändrad jämfört med 2023."
    assert jamforelse_mening(3, enhet="procentenheter", fore_ar=2023, storhet="andelen kvinnor") == (
        "För andelen kvinnor är det en ökning med 3 procentenheter jämfört med 2023."
    )
    assert jamforelse_mening(None, enhet="forbund", fore_ar=2023, storhet="antalet förbund") == (
        "För antalet förbund finns ingen jämförbar uppgift för 2023."
    )


def test_the_2024_report_s_own_errors_are_written_right():
    # §3.3.3: 40 % → 42 % is an increase of two percentage points (the report said a decrease of three).
    assert jamforelse(procentenheter(42.0, 40.0, AVRUNDADE), "procentenheter") == "en ökning med 2 procentenheter"
    # §3.2.1: andel kvinnor 52 % → 54 % is an increase (the report said "minskat").
    assert "ökning" in jamforelse(procentenheter(54.0, 52.0, AVRUNDADE), "procentenheter")
