"""Every input gets a clear answer, never a 500, and nothing is saved.

Production runs PostgreSQL, which refuses a NUL character in text and an integer beyond its column; the tests run on
SQLite, which would store both. So each bad value is sent through a form, a query parameter and the API, and must
come back as a 400 (or the form again, with a Swedish message and what was typed) with the database unchanged.
"""

import datetime
import json

import pytest
from django.test import Client

from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from insatser.models import Insats, InsatsAr, Malgrupp
from tests.factories import InsatsArFactory, InsatsFactory, MedlemskapFactory, kommun

HUGE = "99999999999999999999"
NUL = "a\x00b"


@pytest.fixture
def insats(people):
    MedlemskapFactory(forbund=people.forbund, kommun=kommun("1080"), giltig_fran=datetime.date(2015, 1, 1))
    insats = InsatsFactory(
        forbund=people.forbund,
        namn="Steget vidare",
        startdatum=datetime.date(2024, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    insats.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=insats, ar=2024, budget=500_000, utfall=480_000, deltagare_kvinnor=10, deltagare_man=8)
    return insats


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def chef(people):
    return client_for(people.forbundsadministrator)


def snapshot() -> tuple:
    """Everything a bad request could have changed."""
    return (
        list(Insats.objects.values_list("pk", "namn", "beskrivning", "version").order_by("pk")),
        list(InsatsAr.objects.values().order_by("pk")),
        list(Arsekonomi.objects.values().order_by("pk")),
        list(Medlemsbidrag.objects.values().order_by("pk")),
        list(Statsbidrag.objects.values().order_by("pk")),
    )


def send(client, method, path, body):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def insats_body(**overrides):
    body = {
        "namn": "Ny insats",
        "typ": "individinriktad",
        "inriktning": "arbetslivsinriktad",
        "malgrupper": ["unga"],
        "startdatum": "2024-02-01",
        "utforare_kommuner": ["1080"],
        "deltagaransvariga": ["deltagaransvarig"],
    }
    return body | overrides


def test_the_valid_body_these_tests_spoil_is_accepted(chef, insats):
    """So a 400 below is the bad value's doing, not some other error in the body."""
    response = send(
        chef, "post", "/api/v1/forbund/test/insatser/", insats_body(arsuppgifter=[{"ar": 2024, "budget": 1}])
    )
    assert response.status_code == 201, response.json()


# ---------------------------------------------------------------- NUL characters


@pytest.mark.parametrize(
    "path",
    [
        "/register/forbund/?q=%00",
        "/register/forbund/?q=a%00b",
        "/register/forbund/?%00=1",
        "/register/kommuner/?datum=2024-01-01%00",
        "/register/forbund/a%00b/",
        "/statistik/?forbund=%00",
        "/statistik/?lan=%00",
        "/forbund/test/insatser/?q=%00",
        "/forbund/test/insatser/?inriktning=%00",
        "/forbund/test/ekonomi/?ar=%00",
    ],
)
def test_a_nul_in_the_address_of_any_page_is_a_swedish_400(people, insats, path):
    response = client_for(people.handlaggare).get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Felaktig förfrågan" in page and "otillåtet tecken (NUL" in page


@pytest.mark.parametrize(
    "path", ["/api/v1/forbund/test/insatser/?q=%00", "/api/v1/statistik/2024/?forbund=%00", "/api/v1/x%00/"]
)
def test_a_nul_in_the_api_address_is_a_json_400(people, path):
    response = client_for(people.handlaggare).get(path)
    assert response.status_code == 400
    assert "otillåtet tecken (NUL" in response.json()["detail"]


def test_a_nul_in_a_cookie_or_header_is_a_400(people):
    client = Client()
    assert client.get("/register/forbund/", HTTP_USER_AGENT=NUL).status_code == 400
    assert client.get("/register/forbund/", HTTP_COOKIE='sessionid="abcdefgh\\000"').status_code == 400


@pytest.mark.parametrize("falt", ["namn", "beskrivning", "startdatum", "inriktning", "malgrupper", "a\x00"])
def test_a_nul_in_a_form_field_is_a_400_and_nothing_is_saved(chef, insats, falt):
    before = snapshot()
    data = {"namn": "Ny", "typ": "individinriktad", "inriktning": "arbetslivsinriktad", "malgrupper": ["unga"],
            "startdatum": "2024-02-01", falt: NUL}  # fmt: skip
    response = chef.post("/forbund/test/insatser/ny/", data)
    assert response.status_code == 400
    assert "otillåtet tecken (NUL" in response.content.decode()
    assert snapshot() == before


def test_a_nul_in_the_economy_form_is_a_400_and_nothing_is_saved(chef, insats):
    before = snapshot()
    data = {"version": "0", "stat": "1 000", "ovriga_intakter": "5", "ovriga_intakter_anteckning": NUL}
    assert chef.post("/forbund/test/ekonomi/2024/andra/", data).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    "overrides",
    [
        {"namn": NUL},
        {"beskrivning": NUL},
        {"inriktning": NUL},
        {"typ": NUL},
        {"startdatum": NUL},
        {"malgrupper": [NUL]},
        {"utforare_kommuner": ["10\x0080"]},
        {"utforare_regioner": [NUL]},
        {"deltagaransvariga": ["deltagaransvarig\x00"]},
        {"arsuppgifter": [{"ar": 2024, "budget": 1, "\x00": 2}]},
        {"na\x00mn": "x"},
    ],
)
def test_a_nul_anywhere_in_the_json_is_a_400_and_nothing_is_saved(chef, insats, overrides):
    before = snapshot()
    response = send(chef, "post", "/api/v1/forbund/test/insatser/", insats_body(**overrides))
    assert response.status_code == 400
    assert "otillåtet tecken (NUL" in response.json()["detail"]
    body = {"version": insats.version, **overrides}
    assert send(chef, "patch", f"/api/v1/insatser/{insats.pk}/", body).status_code == 400
    assert snapshot() == before


def test_a_nul_in_a_form_encoded_api_body_is_a_400(chef, insats):
    """PUT and PATCH bodies are parsed by DRF, not Django: its form parsers refuse NUL too."""
    from urllib.parse import urlencode

    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    before = snapshot()
    path = f"/api/v1/insatser/{insats.pk}/"
    form = urlencode({"version": insats.version, "namn": NUL})
    assert chef.patch(path, form, content_type="application/x-www-form-urlencoded").status_code == 400
    multipart = encode_multipart(BOUNDARY, {"version": insats.version, "namn": NUL})
    response = chef.patch(path, multipart, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400 and "otillåtet tecken (NUL" in response.json()["detail"]
    assert snapshot() == before


def test_a_nul_in_the_economy_json_is_a_400(chef, insats):
    before = snapshot()
    body = {"version": 0, "ovriga_intakter": 5, "ovriga_intakter_anteckning": NUL}
    assert send(chef, "put", "/api/v1/forbund/test/ekonomi/2024/", body).status_code == 400
    body = {"version": 0, "medlemsbidrag": [{"medlemstyp": "kommun", "kod": "10\x0080", "belopp": 5}]}
    assert send(chef, "put", "/api/v1/forbund/test/ekonomi/2024/", body).status_code == 400
    assert snapshot() == before


def test_a_body_that_is_not_json_is_a_swedish_400(chef, insats):
    for body in ("{", '{"namn": "x"', "[" * 100_000, b"\xff\xfe"):
        response = chef.post("/api/v1/forbund/test/insatser/", body, content_type="application/json")
        assert response.status_code == 400
        assert "JSON" in response.json()["detail"]


# ---------------------------------------------------------------- Text longer than the column


def test_a_name_longer_than_the_column_is_an_error_in_the_form_and_the_api(chef, insats):
    before = snapshot()
    response = chef.post(
        "/forbund/test/insatser/ny/",
        {"namn": "x" * 201, "typ": "individinriktad", "inriktning": "arbetslivsinriktad", "malgrupper": ["unga"],
         "startdatum": "2024-02-01"},
    )  # fmt: skip
    assert "namn" in response.context["form"].errors
    assert "x" * 201 in response.content.decode()
    response = send(chef, "post", "/api/v1/forbund/test/insatser/", insats_body(namn="x" * 201))
    assert response.status_code == 400 and "namn" in response.json()
    body = {"version": insats.version, "namn": "x" * 201}
    assert send(chef, "patch", f"/api/v1/insatser/{insats.pk}/", body).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    "overrides",
    [
        {"inriktning": "x" * 5000},
        {"malgrupper": ["x" * 5000]},
        {"utforare_kommuner": ["1" * 5000]},
        {"utforare_regioner": ["1" * 5000]},
        {"deltagaransvariga": ["x" * 5000]},
    ],
)
def test_a_long_name_valued_field_in_the_api_is_a_400(chef, insats, overrides):
    before = snapshot()
    response = send(chef, "post", "/api/v1/forbund/test/insatser/", insats_body(**overrides))
    assert response.status_code == 400 and set(overrides) <= set(response.json())
    assert len(response.content) < 1000  # the message names the value without echoing all of it
    assert snapshot() == before


def test_a_note_longer_than_the_column_is_an_error_in_the_economy_form_and_api(chef, insats):
    before = snapshot()
    data = {"version": "0", "stat": "1", "ovriga_intakter": "5", "ovriga_intakter_anteckning": "x" * 501}
    response = chef.post("/forbund/test/ekonomi/2024/andra/", data)
    assert response.status_code == 400 and "ovriga_intakter_anteckning" in response.context["form"].errors
    body = {"version": 0, "ovriga_intakter": 5, "ovriga_intakter_anteckning": "x" * 501}
    assert send(chef, "put", "/api/v1/forbund/test/ekonomi/2024/", body).status_code == 400
    assert snapshot() == before


# ---------------------------------------------------------------- The schema says so


def test_the_schema_documents_the_error_answers_and_the_required_version(people):
    schema = client_for(people.handlaggare).get("/api/v1/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "403", "404"} <= codes, (method, path)
            if method in ("put", "patch", "delete"):
                assert "409" in codes, (method, path)
    components = schema["components"]["schemas"]
    for name in ("InsatsAndring", "PatchedInsatsAndring", "EkonomiIn"):
        assert "version" in components[name]["required"], name
    assert "version" not in components["Insats"].get("required", [])
