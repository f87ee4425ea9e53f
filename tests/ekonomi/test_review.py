"""What a new user noticed on the economy pages: state funds that only count förbund that got them, "–" (never 0)
for what is not registered, grammar, the year lists and pickers, one minus sign."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from core.granser import sista_registreringsar
from ekonomi.selectors import ekonomi_statistik, forbund_ekonomi
from ekonomi.services import arsekonomi_update, medlemsbidrag_set, statsbidrag_set
from forbund.models import Forbund, Roll
from forbund.selectors import forbund_existing_q
from insatser.models import Typ
from tests.factories import (
    BehorighetFactory,
    ForbundFactory,
    InsatsArFactory,
    InsatsFactory,
    MedlemskapFactory,
    UserFactory,
    kommun,
    lan,
)

pytestmark = pytest.mark.django_db

NASTA_AR = datetime.date.today().year + 1


# A zero amount on its own ("0 kr"), not the end of "5 000 000 kr".
NOLL_KR = re.compile(r"(?<!\d)(?<!\d )0 kr")


def antal_2024() -> int:
    """Förbund that existed in 2024 (the reference data has förbund of its own): the "av N" of national sums."""
    return Forbund.objects.filter(forbund_existing_q(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))).count()


@pytest.fixture
def tva_forbund(db):
    """Med: state funds 1 000 000 and costs 1 200 000. Utan: costs 5 000 000, no medlemsbidrag at all."""
    med = ForbundFactory(namn="Samordningsförbundet Med", slug="med")
    MedlemskapFactory(forbund=med, kommun=kommun("1080"), giltig_fran=datetime.date(2015, 1, 1))
    MedlemskapFactory(forbund=med, region=lan("10"), giltig_fran=datetime.date(2015, 1, 1))
    utan = ForbundFactory(namn="Samordningsförbundet Utan", slug="utan")
    MedlemskapFactory(forbund=utan, kommun=kommun("1784"), giltig_fran=datetime.date(2015, 1, 1))
    statsbidrag_set(ar=2024, tilldelat=339_000_000)
    medlemsbidrag_set(
        forbund=med, ar=2024, belopp={("stat", ""): 1_000_000, ("region", "10"): 500_000, ("kommun", "1080"): 500_000}
    )
    arsekonomi_update(forbund=med, ar=2024, administration_utfall=200_000, eget_kapital_ingaende=0)
    InsatsArFactory(insats=InsatsFactory(forbund=med, typ=Typ.INDIVIDINRIKTAD), ar=2024, budget=1, utfall=1_000_000)
    InsatsArFactory(insats=InsatsFactory(forbund=utan, typ=Typ.INDIVIDINRIKTAD), ar=2024, budget=1, utfall=5_000_000)
    return med, utan


@pytest.fixture
def handlaggare(client):
    user = UserFactory(username="nationell")
    BehorighetFactory(user=user, roll=Roll.NATIONELL_HANDLAGGARE)
    client.force_login(user)
    return client


@pytest.fixture
def chef_med(tva_forbund, client):
    user = UserFactory(username="medchef")
    BehorighetFactory(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=tva_forbund[0])
    client.force_login(user)
    return client


def text(response) -> str:
    """The page's visible text with whitespace collapsed (non-breaking spaces become spaces)."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ")).strip()


# ----------------------------------------------------------------------------------------------- 1. statens medel


def test_state_funds_used_count_only_forbund_that_received_state_funds(tva_forbund):
    med, utan = tva_forbund
    s = ekonomi_statistik(ar=2024)
    # Only Med: half of its 1 200 000 in costs. Utan's 5 000 000 would make oförbrukat −2 100 000.
    assert s["statsbidrag"] == {
        "tilldelat": 339_000_000,
        "utbetalt": 1_000_000,
        "forbrukat": 600_000,
        "oforbrukat": 400_000,
    }
    assert s["antal_forbund_med_statliga_medel"] == 1
    assert s["kostnader_utan_statliga_medel"] == 5_000_000
    assert s["antal_forbund_utan_statliga_medel"] == 1
    # Utan has registered no economy (no administration utfall): its costs are incomplete, so the cost sum holds
    # Med's only; its insatser's utfall are still in the insatser's sum.
    assert (s["kostnader"], s["antal_forbund_med_kostnader"]) == (1_200_000, 1)
    assert s["utfall_individinriktade"] == 6_000_000
    assert forbund_ekonomi(utan, 2024).fa.stat_forbrukat is None


def test_the_national_page_explains_state_funds_and_lists_costs_without_them(tva_forbund, handlaggare):
    page = text(handlaggare.get("/ekonomi/2024/"))
    assert "Förbrukade (statens hälft av kostnaderna i förbund med registrerade statliga medel) 600 000 kr" in page
    assert "Oförbrukade (utbetalda minus förbrukade) 400 000 kr" in page
    assert f"Uppgifter från 1 av {antal_2024()} förbund: de som har statens medlemsbidrag registrerat för året." in page
    assert "1 förbund har kostnader men inga statliga medel registrerade för året (5 000 000 kr i kostnader)" in page
    assert "Räknas bara för förbund som har statens medlemsbidrag registrerat för året." in page  # Så räknas det
    # Utan's row: no medlemsbidrag, no state funds used, but its costs.
    rad = re.search(r"Samordningsförbundet Utan \(ej registrerat\)(.*?)(Alla förbund|Samordningsförbundet)", page)
    assert rad.group(1).split() == ["–", "–", "5", "000", "000", "kr", "–", "–", "–"]


# ----------------------------------------------------------------------------------------------- 2. not registered


def test_tabell_3_shows_unregistered_years_as_not_registered(tva_forbund, handlaggare):
    page = text(handlaggare.get("/ekonomi/eget-kapital/?fran=2022&till=2024"))
    assert "2022 – – ej registrerat" in page
    assert "2023 – – ej registrerat" in page
    # Med 2024: 0 + 2 000 000 − 1 200 000.
    assert f"2024 800 000 kr 800 000 kr 1 av {antal_2024()} förbund" in page
    assert not NOLL_KR.search(page.split("Så räknas det")[0])


def test_the_kostnadsrapport_shows_unregistered_figures_as_a_dash_and_empty_cells(tva_forbund, client):
    med, utan = tva_forbund
    user = UserFactory(username="utanchef")
    BehorighetFactory(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=utan)
    client.force_login(user)
    page = text(client.get("/forbund/utan/ekonomi/2024/kostnadsrapport/"))
    assert "Administration – –" in page
    assert "Summa intäkter –" in page
    assert "Individinriktade insatser ordinarie 1 5 000 000" in page
    assert "Strukturövergripande insatser ordinarie – –" in page
    year = text(client.get("/forbund/utan/ekonomi/2024/"))
    assert "Administration – –" in year
    assert not NOLL_KR.search(year.split("Så räknas det")[0])
    csv = client.get("/forbund/utan/ekonomi/2024/kostnadsrapport/?format=csv").content.decode("utf-8-sig")
    assert "Administration;;\r\n" in csv
    assert "Arvika;\r\n" in csv
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/forbund/utan/ekonomi/2024/kostnadsrapport/?format=xlsx").content)
    )
    assert ("Administration", None, None) in list(book.worksheets[2].values)


def test_national_sums_say_how_many_forbund_registered(tva_forbund, handlaggare):
    page = text(handlaggare.get("/ekonomi/2024/"))
    assert f"1 av {antal_2024()} förbund har registrerat ekonomin för 2024." in page
    assert f"Alla förbund (1 av {antal_2024()} har registrerat ekonomin)" in page
    csv = handlaggare.get("/ekonomi/2024/?format=csv").content.decode("utf-8-sig")
    assert "Samordningsförbundet Utan;;;;;1;5000000;;;;;;nej\r\n" in csv


def test_the_national_pages_are_current_after_every_change(tva_forbund, handlaggare):
    """The national economy and eget kapital per förbund are cached under the data version: a change shows at once."""
    _med, utan = tva_forbund
    page = text(handlaggare.get("/ekonomi/2024/"))
    assert f"1 av {antal_2024()} förbund har registrerat ekonomin för 2024." in page
    assert "Samordningsförbundet Utan (ej registrerat)" in page  # the list of förbund, cached as HTML
    assert "Samordningsförbundet Utan" not in text(handlaggare.get("/ekonomi/eget-kapital/?fran=2024&till=2024"))
    arsekonomi_update(forbund=utan, ar=2024, administration_utfall=100_000, eget_kapital_ingaende=2_000_000)
    page = text(handlaggare.get("/ekonomi/2024/"))
    assert f"2 av {antal_2024()} förbund har registrerat ekonomin för 2024." in page
    assert "Samordningsförbundet Utan (ej registrerat)" not in page
    assert "Samordningsförbundet Utan" in text(handlaggare.get("/ekonomi/eget-kapital/?fran=2024&till=2024"))


# ----------------------------------------------------------------------------------------------- 3. grammar


def test_the_cost_rows_are_in_plural(tva_forbund, chef_med):
    page = text(chef_med.get("/forbund/med/ekonomi/2024/"))
    assert "Individinriktade insatser ordinarie" in page
    assert "Strukturövergripande insatser ordinarie" in page
    assert "Individinriktad insatser" not in page


# ----------------------------------------------------------------------------------------------- 4. year list


def test_the_index_lists_only_years_with_a_registered_economy(tva_forbund, chef_med):
    med, _utan = tva_forbund
    InsatsArFactory(insats=InsatsFactory(forbund=med), ar=2025, budget=1, utfall=1)  # insats figures only
    response = chef_med.get("/forbund/med/ekonomi/")
    page = response.content.decode()
    registrerade = re.search(r'id="registrerade-ar".*?</ul>', page, flags=re.S).group(0)
    assert ">2024</a>" in registrerade and "2025" not in registrerade
    assert "Registrera ett nytt år" in page
    nya = re.search(r'<select id="id_nytt_ar".*?</select>', page, flags=re.S).group(0)
    assert f">{NASTA_AR}</option>" in nya and f">{NASTA_AR + 1}</option>" not in nya and ">2024<" not in nya
    assert chef_med.get(f"/forbund/med/ekonomi/?nytt_ar={NASTA_AR}").url == f"/forbund/med/ekonomi/{NASTA_AR}/andra/"


def test_readers_are_not_offered_to_register_a_year(tva_forbund, handlaggare):
    assert "Registrera ett nytt år" not in handlaggare.get("/forbund/med/ekonomi/").content.decode()


# ----------------------------------------------------------------------------------------------- 5. minus sign


def test_negative_amounts_use_one_minus_sign_everywhere(tva_forbund, chef_med):
    med, _utan = tva_forbund
    arsekonomi_update(forbund=med, ar=2024, eget_kapital_ingaende=-3_000_000)
    for url in ("/forbund/med/ekonomi/2024/", "/forbund/med/ekonomi/2024/kostnadsrapport/"):
        page = text(chef_med.get(url))
        assert "\u22123 000 000" in page  # ingående eget kapital
        assert "\u22122 200 000" in page  # utgående: −3 000 000 + 800 000
        assert not re.search(r"-\d", page), url
    form = chef_med.get("/forbund/med/ekonomi/2024/andra/").content.decode()
    assert 'value="\u22123\xa0000\xa0000"' in form


# ----------------------------------------------------------------------------------------------- 6. layout


def test_every_table_is_in_a_labelled_focusable_scroll_container(tva_forbund, handlaggare):
    for url in (
        "/forbund/med/ekonomi/2024/",
        "/forbund/med/ekonomi/2024/kostnadsrapport/",
        "/forbund/med/ekonomi/2024/historik/",
        "/ekonomi/2024/",
        "/ekonomi/eget-kapital/?fran=2022&till=2024",
    ):
        page = handlaggare.get(url).content.decode()
        tables = page.count("<table")
        assert tables and page.count('<div class="table-scroll" tabindex="0" role="region" aria-label="') == tables, url
        assert 'aria-label=""' not in page


# ----------------------------------------------------------------------------------------------- 7. years


def test_no_year_after_next_year_is_offered_or_registered(tva_forbund, chef_med):
    assert sista_registreringsar() == NASTA_AR
    page = chef_med.get("/forbund/med/ekonomi/").content.decode()
    assert f'max="{NASTA_AR}"' in page and 'max="2100"' not in page
    assert chef_med.get(f"/forbund/med/ekonomi/{NASTA_AR}/andra/").status_code == 200
    assert chef_med.get(f"/forbund/med/ekonomi/{NASTA_AR + 1}/").status_code == 404
    assert chef_med.get(f"/forbund/med/ekonomi/{NASTA_AR + 1}/andra/").status_code == 404
    response = chef_med.get(f"/forbund/med/ekonomi/?ar={NASTA_AR + 5}")
    assert response.status_code == 400
    assert f"Välj ett år mellan 2004 och {NASTA_AR}." in response.content.decode()
    next_year = chef_med.get(f"/forbund/med/ekonomi/{NASTA_AR}/").content.decode()
    assert "Nästa år" not in next_year
    with pytest.raises(ValidationError):
        arsekonomi_update(forbund=tva_forbund[0], ar=NASTA_AR + 1, administration_budget=1)
