"""What a new user's review of the national dashboard found: each problem as the user met it."""

import datetime
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ekonomi.models import Medlemsbidrag
from statistik.urval import forsta_ar
from tests.factories import kommun, lan

IAR = datetime.date.today().year
KOMPLETT = "Registret har förbundens fullständiga struktur först från och med 1 januari 2023"


@pytest.fixture
def nationell(client, people):
    client.force_login(people.handlaggare)
    return client


def _cell(html: str, rad: str) -> str:
    """The first value after a row heading, as plain digits."""
    match = re.search(rf'<th scope="row">{re.escape(rad)}</th><td class="num">([^<]*)</td>', html)
    assert match, rad
    return re.sub(r"\D", "", match.group(1))


# ---------------------------------------------------------------- 1. Medlemsbidrag totalt


def test_medlemsbidrag_totalt_is_stat_plus_regioner_plus_kommuner_on_the_page_csv_and_xlsx(nationell, handdata):
    blekinge = handdata["blekinge"]
    Medlemsbidrag.objects.create(forbund=blekinge, ar=2024, medlemstyp="stat", belopp=400_000)
    Medlemsbidrag.objects.create(forbund=blekinge, ar=2024, medlemstyp="region", region=lan("10"), belopp=200_000)
    for kod in ("1080", "1082"):
        Medlemsbidrag.objects.create(forbund=blekinge, ar=2024, medlemstyp="kommun", kommun=kommun(kod), belopp=100_000)

    html = nationell.get("/statistik/?ar=2024").content.decode()
    delar = [_cell(html, f"Medlemsbidrag från {k}") for k in ("staten", "regionerna", "kommunerna")]
    assert delar == ["400000", "200000", "200000"]
    assert _cell(html, "Medlemsbidrag totalt") == "800000"
    assert '<th scope="row">Medlemsbidrag totalt</th><td class="num">800\xa0000</td>' in html  # 800 000 kr

    csv = nationell.get("/statistik/tabell/ekonomi.csv?ar=2024").content.decode("utf-8-sig")
    rader = {line.split(";")[0]: line.split(";")[1] for line in csv.splitlines()}
    assert rader["Medlemsbidrag totalt"] == "800000"
    assert sum(int(rader[f"Medlemsbidrag från {k}"]) for k in ("staten", "regionerna", "kommunerna")) == 800_000

    wb = load_workbook(io.BytesIO(nationell.get("/statistik/statistik.xlsx?ar=2024").content))
    blad = {row[0]: row[1] for row in wb["Ekonomi"].iter_rows(values_only=True)}
    assert blad["Medlemsbidrag totalt"] == 800_000
    assert nationell.get("/api/v1/statistik/2024/").json()["ekonomi"]["medlemsbidrag"]["totalt"] == 800_000


# ---------------------------------------------------------------- 2. Years before the registry is complete


@pytest.mark.parametrize("sida", ["/statistik/", "/statistik/forbund/", "/statistik/registrering/"])
def test_a_year_before_the_complete_registry_is_flagged_on_every_page(nationell, handdata, sida):
    html = nationell.get(f"{sida}?ar=2021").content.decode()
    assert KOMPLETT in html
    assert "Observera" in html
    assert KOMPLETT not in nationell.get(f"{sida}?ar=2024").content.decode()


def test_the_dashboard_warns_when_only_the_year_compared_with_is_incomplete(nationell, handdata):
    html = nationell.get("/statistik/?ar=2023").content.decode()
    assert "Jämförelseåret 2022 ligger före 1 januari 2023" in html
    assert KOMPLETT not in html
    # The förbund list compares with nothing: no warning for 2023.
    assert "Observera" not in nationell.get("/statistik/forbund/?ar=2023").content.decode()
    assert "Observera" not in nationell.get("/statistik/?ar=2024").content.decode()


def test_the_api_and_the_command_say_when_the_registry_is_incomplete(nationell, handdata):
    api = nationell.get("/api/v1/statistik/2021/").json()
    assert len(api["varningar"]) == 1 and api["varningar"][0].startswith(KOMPLETT)
    assert nationell.get("/api/v1/statistik/2024/").json()["varningar"] == []
    out = io.StringIO()
    call_command("export_statistik", "--ar", "2021", stdout=out)
    assert json.loads(out.getvalue())["varningar"] == api["varningar"]


def test_the_trend_leaves_out_forbund_and_kommuner_before_the_complete_registry(nationell, handdata):
    csv = nationell.get("/statistik/tabell/utveckling.csv?ar=2024").content.decode("utf-8-sig")
    rader = {line.split(";")[0]: line.split(";")[1:3] for line in csv.splitlines()[1:]}
    assert rader["2022"] == ["", ""]  # not counted: the registry cannot tell
    for ar in (2023, 2024):  # as the year's own figures
        forbund = nationell.get(f"/api/v1/statistik/{ar}/").json()["forbund"]
        assert rader[str(ar)] == [str(forbund["antal"]), str(forbund["kommuner_i_forbund"])]
    html = nationell.get("/statistik/?ar=2024").content.decode()
    assert "Förbund och medlemskommuner per år, 2023–2024" in html
    assert "Förbund och kommuner visas inte (–) för år före 1 januari 2023" in html


def test_no_year_before_the_earliest_data_or_registry_date_is_offered(nationell, handdata):
    html = nationell.get("/statistik/?ar=2024").content.decode()
    ar = re.findall(r'<option value="(\d{4})"', html[html.index('name="ar"') : html.index("</select>")])
    # The earliest date in the data: the registry holds the 2013 structure (seed 003), so at the latest 2013.
    forsta = forsta_ar()
    assert forsta <= 2013
    assert ar == [str(a) for a in range(IAR, forsta - 1, -1)]
    response = nationell.get(f"/statistik/?ar={forsta - 1}")
    assert response.status_code == 400
    assert f"Välj ett år mellan {forsta} och {IAR}." in response.content.decode()


# ---------------------------------------------------------------- 3. Future years


def test_years_after_this_one_are_refused_and_this_year_is_preliminary(nationell, handdata):
    response = nationell.get(f"/statistik/?ar={IAR + 1}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Året {IAR + 1} har inte börjat än." in html
    assert "Tabell 1." not in html
    api = nationell.get(f"/api/v1/statistik/{IAR + 1}/")
    assert api.status_code == 400
    assert api.json() == {
        "fel": {"ar": [f"Året {IAR + 1} har inte börjat än. Välj ett år mellan {forsta_ar()} och {IAR}."]}
    }
    with pytest.raises(CommandError, match=f"Året {IAR + 1} har inte börjat än"):
        call_command("export_statistik", "--ar", str(IAR + 1))

    html = nationell.get(f"/statistik/?ar={IAR}").content.decode()
    assert f"{IAR} pågår: siffrorna är preliminära" in html
    assert f"{IAR} pågår" in nationell.get(f"/api/v1/statistik/{IAR}/").json()["varningar"][-1]


# ---------------------------------------------------------------- 4. A förbund outside the chosen län


def test_a_forbund_outside_the_chosen_lan_is_an_error_not_zeros(nationell, handdata):
    response = nationell.get("/statistik/?ar=2024&lan=10&forbund=samordningsforbundet-halland")
    assert response.status_code == 400
    html = response.content.decode()
    fel = "Samordningsförbundet Halland hade inga medlemmar i Blekinge län 2024."
    assert html.count(fel) == 2  # in the error summary and at the field
    assert 'aria-invalid="true"' in html
    assert "Urval:" not in html and "Tabell 1." not in html
    # The choice is kept, so the user sees what to change.
    assert '<option value="samordningsforbundet-halland" selected>' in html
    api = nationell.get("/api/v1/statistik/2024/?lan=10&forbund=samordningsforbundet-halland")
    assert api.status_code == 400 and fel in api.json()["fel"]["forbund"][0]
    with pytest.raises(CommandError, match="hade inga medlemmar i Blekinge län"):
        call_command("export_statistik", "--ar", "2024", "--lan", "10", "--forbund", "samordningsforbundet-halland")


def test_a_forbund_that_did_not_exist_that_year_is_an_error(nationell, handdata):
    response = nationell.get("/statistik/?ar=2023&forbund=nya")
    assert response.status_code == 400
    assert "Samordningsförbundet Nya fanns inte 2023." in response.content.decode()
    assert nationell.get("/statistik/?ar=2024&forbund=nya").status_code == 200


def test_the_forbund_list_holds_the_forbund_of_the_chosen_lan_and_year(nationell, handdata):
    html = nationell.get("/statistik/?ar=2024&lan=10").content.decode()
    select = html[html.index('name="forbund"') :]
    select = select[: select.index("</select>")]
    assert re.findall(r'<option value="([^"]+)"', select) == ["samordningsforbundet-i-blekinge"]
    assert "Listan visar förbunden med medlemmar i Blekinge län 2024." in html
    # Norrbotten 2024: Gamla (until 30 June) and Nya are both in the list; in 2023 Nya did not exist yet.
    norrbotten_2024 = nationell.get("/statistik/?ar=2024&lan=25").content.decode()
    norrbotten_2023 = nationell.get("/statistik/?ar=2023&lan=25").content.decode()
    assert '<option value="gamla">' in norrbotten_2024 and '<option value="nya">' in norrbotten_2024
    assert '<option value="gamla">' in norrbotten_2023 and '<option value="nya">' not in norrbotten_2023
