"""The pages, downloads, API and command as a user (or a script) meets them."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from statistik.urval import forsta_ar

URLS = [
    "/statistik/?ar=2024",
    "/statistik/forbund/?ar=2024",
    "/statistik/registrering/?ar=2024",
    "/statistik/tabell/tabell1.csv?ar=2024",
    "/statistik/statistik.xlsx?ar=2024",
    "/api/v1/statistik/2024/",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("handlaggare", 200),
        ("administrator", 200),
        ("forbundsadministrator", 404),
        ("deltagaransvarig", 404),
        ("stranger", 404),
    ],
)
def test_only_national_staff_see_the_statistics(client, people, url, who, status):
    client.force_login(getattr(people, who))
    assert client.get(url).status_code == status


@pytest.mark.parametrize("url", URLS)
def test_anonymous_users_must_log_in(client, db, url):
    response = client.get(url)
    if url.startswith("/api/"):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.fixture
def nationell(client, people):
    client.force_login(people.handlaggare)
    return client


def test_the_dashboard_shows_every_table_with_definitions_and_charts(nationell, handdata):
    html = nationell.get("/statistik/?ar=2024").content.decode()
    for rubrik in [
        "Samordningsförbund och kommuner",
        "Insatser och deltagare",
        "Tabell 1. Individinriktade insatser per inriktning",
        "Tabell 2. Strukturövergripande insatser per inriktning",
        "Individinriktade insatser per målgrupp",
        "Budgeterade insatskostnader och utfall per typ av insats",
        "Medlemsbidrag, administration och eget kapital",
        "Utveckling 2015–2024",
    ]:
        assert rubrik in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 5
    assert "En insats räknas för ett år om den pågick någon dag under året" in html
    assert '<th scope="row">Arbetslivsinriktad rehabilitering</th>' in html
    # Each chart has its data as a table: Tabell 1's chart lists the share per inriktning (2 of 5 = 40 %).
    chart = html[html.index("Diagrammets data: Andel individinriktade") :]
    chart = chart[: chart.index("</details>")]
    assert '<th scope="row">Arbetslivsinriktad rehabilitering</th><td class="num">40,0</td>' in chart
    # 2024 versus 2023: 8 insatser against 5, written as a change.
    assert '<th scope="row">Insatser totalt</th>' in html and "+3" in html


def test_invalid_input_is_explained_and_the_rest_of_the_choice_kept(nationell, db):
    response = nationell.get("/statistik/?ar=1990&lan=17")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Urvalet kunde inte visas" in html
    # No year before the earliest data or registry date (the registry's, from the reports) and none after this year.
    assert f"Välj ett år mellan {forsta_ar()} och {datetime.date.today().year}." in html
    assert '<option value="17" selected>' in html
    assert "Tabell 1." not in html


def test_an_unknown_lan_is_explained(nationell, db):
    html = nationell.get("/statistik/?ar=2024&lan=99").content.decode()
    assert "Det finns inget län med den koden." in html


def test_a_table_downloads_as_csv(nationell, handdata):
    response = nationell.get("/statistik/tabell/tabell1.csv?ar=2024")
    assert response["Content-Type"].startswith("text/csv")
    assert "finsam-tabell1-2024.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Inriktning;Antal insatser;Andel av insatserna (%)")
    assert lines[1].startswith("Arbetslivsinriktad rehabilitering;2;40,0;")
    assert lines[-1].startswith("Totalt;5;100,0;;68;")


def test_an_unknown_table_is_404(nationell, db):
    assert nationell.get("/statistik/tabell/finns-inte.csv?ar=2024").status_code == 404


def test_the_workbook_has_one_sheet_per_table_with_the_same_figures(nationell, handdata):
    from ekonomi.services import arsekonomi_update

    # A fastställd årsredovisning for 2023 gives the year a Tabell 3 (ekonomi.summor.tabell3_ar).
    arsekonomi_update(forbund=handdata["gamla"], ar=2023, faststallt_arets_resultat=0)
    response = nationell.get("/statistik/statistik.xlsx?ar=2024&lan=25")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[0] == "Om uttaget"
    assert wb.sheetnames[:10] == [
        "Om uttaget",
        "Förbund och kommuner",
        "Insatser och deltagare",
        "Tabell 1",
        "Tabell 2",
        "Målgrupper",
        "Budget per typ",
        "Ekonomi",
        "Tabell 3 Eget kapital",
        "Utveckling",
    ]
    assert wb.sheetnames[-2:] == ["Förbund", "Registreringsstatus"]
    om = {row[0]: row[1] for row in wb["Om uttaget"].iter_rows(values_only=True)}
    assert om["Län"] == "Norrbottens län"
    insatser = {row[0]: row[1] for row in wb["Insatser och deltagare"].iter_rows(values_only=True)}
    assert insatser["Insatser totalt"] == 3


def test_the_forbund_list_links_each_forbund(nationell, handdata):
    html = nationell.get("/statistik/forbund/?ar=2024&lan=25").content.decode()
    assert "Samordningsförbundet Gamla" in html and "Samordningsförbundet Nya" in html
    assert 'href="/forbund/gamla/"' in html
    # The link leads to the förbund's own pages, which national staff may read.
    assert nationell.get("/forbund/gamla/").status_code == 200


def test_registration_status_sorts_by_what_is_missing(nationell, handdata):
    response = nationell.get("/statistik/registrering/?ar=2024&sort=saknas&riktning=fallande")
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    # Förbund without any registration come first; the Blekinge förbund (which has insatser) comes later.
    assert html.index("Samordningsförbundet Halland") < html.index("Samordningsförbundet i Blekinge")
    csv = nationell.get("/statistik/tabell/registrering.csv?ar=2024&sort=namn").content.decode("utf-8-sig")
    rows = [line.split(";") for line in csv.splitlines()]
    gamla = next(r for r in rows if r[0] == "Samordningsförbundet Gamla")
    assert gamla[1:6] == ["1", "1", "1", "1", "Ja"]


def test_the_api_and_the_command_return_the_same_json(nationell, handdata):
    api = nationell.get("/api/v1/statistik/2024/?lan=25").json()
    out = io.StringIO()
    call_command("export_statistik", "--ar", "2024", "--lan", "25", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == api
    assert api["insatser"]["totalt"] == 3
    for key in ("forbund", "insatser", "individinriktade", "strukturovergripande", "ekonomi"):
        assert key in api


def test_the_api_rejects_an_unknown_forbund(nationell, db):
    response = nationell.get("/api/v1/statistik/2024/?forbund=finns-inte")
    assert response.status_code == 400
    assert response.json() == {"fel": {"forbund": ["Det finns inget förbund med det kortnamnet."]}}


def test_the_command_fails_with_a_clear_message(db):
    with pytest.raises(CommandError, match="Det finns inget län med den koden"):
        call_command("export_statistik", "--ar", "2024", "--lan", "99")


def test_the_command_writes_a_workbook(handdata, tmp_path):
    path = tmp_path / "statistik.xlsx"
    call_command("export_statistik", "--ar", "2024", "--format", "xlsx", "--output", str(path))
    assert "Tabell 2" in load_workbook(path).sheetnames


def test_the_dashboard_query_count_does_not_grow_with_the_data(nationell, handdata, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.statistik.conftest import scale_up

    with CaptureQueriesContext(connection) as small:
        nationell.get("/statistik/?ar=2024")
        nationell.get("/api/v1/statistik/2024/")
    scale_up(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        nationell.get("/statistik/?ar=2024")
        nationell.get("/api/v1/statistik/2024/")


def test_tabell_3_leaves_out_a_forbund_that_registered_only_medlemsbidrag(nationell, handdata):
    """Its income is not its result: Tabell 3 says "ej registrerat" (empty) and counts the förbund with figures."""
    from ekonomi.services import arsekonomi_update, medlemsbidrag_set
    from insatser.models import Insats, InsatsAr

    blekinge, varmland = handdata["blekinge"], handdata["varmland"]
    medlemsbidrag_set(forbund=blekinge, ar=2023, belopp={("stat", ""): 1_000_000})
    arsekonomi_update(forbund=blekinge, ar=2023, eget_kapital_ingaende=0, administration_utfall=0)
    for insats in Insats.objects.filter(forbund=blekinge).running_in(2023):  # every 2023 utfall in: 0 kr
        InsatsAr.objects.update_or_create(insats=insats, ar=2023, defaults={"utfall": 0})
    medlemsbidrag_set(forbund=blekinge, ar=2024, belopp={("stat", ""): 2_000_000})
    medlemsbidrag_set(forbund=varmland, ar=2024, belopp={("stat", ""): 5_000_000})
    # Fastställda årsredovisningar for 2022 (Värmland) and 2024 (Gamla) make Tabell 3 of 2025 run 2022–2024
    # (tabell3_ar); 2023 has only Blekinge's computed result.
    arsekonomi_update(forbund=varmland, ar=2022, faststallt_arets_resultat=500, faststallt_eget_kapital_utgaende=500)
    arsekonomi_update(
        forbund=handdata["gamla"], ar=2024, faststallt_arets_resultat=-300, faststallt_eget_kapital_utgaende=200
    )
    response = nationell.get("/statistik/tabell/eget_kapital.csv?ar=2025")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "År;Årets resultat;Utgående eget kapital;Förbund med uppgifter"
    per_ar = {line.split(";")[0]: line.split(";")[1:] for line in lines[1:]}
    assert list(per_ar) == ["2022", "2023", "2024"]
    assert per_ar["2022"] == ["500", "500", "1"]
    assert per_ar["2023"] == ["1000000", "1000000", "1"]
    # 2024: Blekinge and Värmland registered only their contributions: not in the sum (never + 7 000 000 kr).
    assert per_ar["2024"] == ["-300", "200", "1"]


def test_not_registered_is_not_zero_on_the_dashboard(nationell, handdata):
    """Issue 13: the economy table shows – (not 0, not −12 400 000) for figures nobody registered, and says how many
    förbund reported; Förbund med nyckeltal shows – for a förbund without figures and sums only those with."""
    import datetime

    from ekonomi.services import medlemsbidrag_set
    from tests.factories import ForbundFactory, MedlemskapFactory, kommun

    blekinge = handdata["blekinge"]
    medlemsbidrag_set(forbund=blekinge, ar=2023, belopp={("stat", ""): 12_400_000})
    tom = ForbundFactory(namn="Samordningsförbundet Tom", slug="tom", bildat=datetime.date(2020, 1, 1))
    MedlemskapFactory(forbund=tom, kommun=kommun("0180"), giltig_fran=datetime.date(2020, 1, 1))

    lines = nationell.get("/statistik/tabell/ekonomi.csv?ar=2024").content.decode("utf-8-sig").splitlines()
    rader = {line.split(";")[0]: line.split(";")[1:] for line in lines[1:]}
    # 2024: nobody registered; 2023: Blekinge's 12 400 000. No change is computed against a missing year.
    assert rader["Medlemsbidrag från staten"] == ["", "12400000", ""]
    assert rader["Medlemsbidrag från regionerna"] == ["", "", ""]
    assert rader["Utgående eget kapital"] == ["", "", ""]
    assert rader["Förbund som registrerat medlemsbidrag"] == ["0", "1", "-1"]
    page = nationell.get("/statistik/?ar=2024").content.decode()
    assert "−12\xa0400\xa0000" not in page and "-12 400 000" not in page

    lines = nationell.get("/statistik/tabell/forbund_lista.csv?ar=2024").content.decode("utf-8-sig").splitlines()
    rader = {line.split(";")[0]: line.split(";")[1:] for line in lines[1:]}
    assert rader["Samordningsförbundet Tom"][-2:] == ["", ""]  # budget and utfall: not registered
    # The sum holds the budgets registered (Gamla 50 000, Nya 210 000, Värmland 300 000, Blekinge 20 000).
    assert rader["Summa"][-2] == str(50_000 + 210_000 + 300_000 + 20_000)
    page = nationell.get("/statistik/forbund/?ar=2024").content.decode()
    forbund_i_listan = len(rader) - 1  # every förbund of the year, without the Summa row
    assert f"deltagare från 4, budget från 4 och utfall från 4 av {forbund_i_listan} förbund" in page
