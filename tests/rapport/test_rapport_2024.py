"""The 2024 report (seed 001) written by the system: its Tabell 1 and 2 and standard sentences from the dataset
that tests/statistik/test_rapport_2024.py made to match the report's counts."""

import pytest

from rapport.selectors import rapport_underlag
from rapport.utkast import skapa_utkast
from tests.rapport.hjalp import kolumn, oppna, tabell, text
from tests.statistik.test_rapport_2024 import rapport_2024  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def utkast_2024(rapport_2024):  # noqa: F811
    return oppna(skapa_utkast(rapport_underlag(2024)))


def test_tabell_1_is_the_report_s(utkast_2024):
    rader = tabell(utkast_2024, "Tabell 1.")
    assert rader[0][1:] == [
        "Arbetslivsinriktad rehabilitering",
        "Förberedande insats",
        "Identifiera individens behov",
        "Förebyggande insats",
        "Totalt",
    ]
    assert rader[1][1:] == ["167", "87", "26", "10", "290"]
    # The report prints 57 % and 10 % (summing to 100); 167 and 26 of 290 are 57,6 % and 9,0 %, so 58 % and 9 %.
    assert rader[2][1:] == ["58 %", "30 %", "9 %", "3 %", "100 %"]
    assert kolumn(rader, "Arbetslivsinriktad rehabilitering")["Antal deltagare"] == "13\xa0650"


def test_tabell_2_is_the_report_s(utkast_2024):
    rader = tabell(utkast_2024, "Tabell 2.")
    assert rader[0][1:] == ["Utveckla samverkan", "Kompetenshöjande insats", "Behovsanalys", "Totalt"]
    assert rader[1][1:] == ["144", "127", "30", "301"]
    assert rader[2][1:] == ["48 %", "42 %", "10 %", "100 %"]


def test_the_report_s_standard_sentences_are_written_from_the_figures(utkast_2024):
    t = text(utkast_2024)
    assert (
        "Under 2024 har samordningsförbunden finansierat totalt 591 insatser, 49 procent var individinriktade och "
        "51 procent var strukturövergripande." in t
    )
    assert (
        "Av alla samordningsförbund är det 61 förbund av 69 som har finansierat individinriktade insatser under "
        "2024. Sammanlagt har förbunden finansierat 290 individinriktade insatser och totalt är 23\xa0849 deltagare "
        "registrerade i insatserna." in t
    )
    assert "Av deltagarna i de individinriktade insatserna är 57 procent kvinnor och 43 procent män." in t
    assert "Av de individinriktade insatserna vänder sig 58 procent inte till någon specifik målgrupp." in t
    assert "var det 136 insatser som påbörjades under året" in t and "har 70 insatser avslutats" in t
    assert "Vid utgången av 2024 fanns det 69 samordningsförbund som innefattade 274 av Sveriges 290 kommuner." in t
