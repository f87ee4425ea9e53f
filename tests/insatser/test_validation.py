"""Every rule for an insats and its yearly figures, through the form, the file import and the API.

Each case is refused in all three ways, the error names the field (or the file's row and column), and nothing is
saved.
"""

import datetime
import json

import pytest

from core.importing.files import ImportFel
from insatser.imports import insats_import
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp
from insatser.services import insats_create
from tests.factories import InsatsFactory, MedlemskapFactory, kommun
from tests.insatser.conftest import client_for

BASE = {
    "namn": "Ny insats",
    "typ": "individinriktad",
    "inriktning": "arbetslivsinriktad",
    "malgrupper": ["unga", "langtidssjukskrivna"],
    "startdatum": "2024-01-01",
    "slutdatum": "",
    "deltagaruppfoljning": False,
}
YEAR = {"ar": 2024, "budget": 100000, "deltagare_kvinnor": 5, "deltagare_man": 3}
STRUKTUR = {"typ": "strukturovergripande", "inriktning": "utveckla_samverkan", "malgrupper": []}
STRUKTUR_UPPFOLJNING = {**STRUKTUR, "deltagaruppfoljning": True}
NO_KON = {"deltagare_kvinnor": None, "deltagare_man": None}

# (id, insats fields, year fields, field named in the error)
INSATS_CASES = [
    ("inriktning hör till andra typen", {"inriktning": "utveckla_samverkan"}, "inriktning"),
    ("SUS-inriktning efter 2022", {"inriktning": "sus_rehabilitering"}, "inriktning"),
    ("individinriktad utan målgrupp", {"malgrupper": []}, "malgrupper"),
    ("ingen specifik målgrupp med andra", {"malgrupper": ["ingen_specifik", "unga"]}, "malgrupper"),
    ("slutdatum före startdatum", {"slutdatum": "2023-12-31"}, "slutdatum"),
    ("startdatum saknas", {"startdatum": ""}, "startdatum"),
    ("namn saknas", {"namn": ""}, "namn"),
    ("okänd typ", {"typ": "blandad"}, "typ"),
]
YEAR_CASES = [
    ("år utanför insatsens period", {}, {"ar": 2023}, "ar"),
    ("negativ budget", {}, {"budget": -5}, "budget"),
    ("budget med decimaler", {}, {"budget": "1200.50"}, "budget"),
    ("totalt för individinriktad", {}, {**NO_KON, "deltagare_totalt": 8}, "deltagare_totalt"),
    (
        "kön för strukturövergripande",
        STRUKTUR_UPPFOLJNING,
        {"deltagare_kvinnor": 4, "deltagare_man": None},
        "deltagare_kvinnor",
    ),
    ("deltagare utan deltagaruppföljning", STRUKTUR, {**NO_KON, "deltagare_totalt": 20}, "deltagare_totalt"),
]


def _csv(rows: list[dict]) -> bytes:
    header = [
        "forbund", "namn", "typ", "inriktning", "malgrupper", "startdatum", "slutdatum", "esf",
        "deltagaruppfoljning", "ar", "budget", "utfall", "budgeterat_antal_deltagare", "deltagare_kvinnor",
        "deltagare_man", "deltagare_totalt",
    ]  # fmt: skip
    header += [k for k in ("tidigare_inriktning", "volyminsats") if any(k in row for row in rows)]

    def cell(row, key):
        value = row.get(key, "")
        if isinstance(value, list):
            return ";".join(value)
        if isinstance(value, bool):
            return "ja" if value else "nej"
        return "" if value is None else str(value)

    lines = [",".join(header)] + [",".join(cell(r, h) for h in header) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _import_errors(setup, row: dict) -> list:
    with pytest.raises(ImportFel) as exc:
        insats_import(content=_csv([{"forbund": setup.forbund.slug, **row}]), filnamn="insatser.csv", user=None)
    return exc.value.fel


def _api_post(setup, insats: dict, year: dict | None):
    body = {k: v for k, v in insats.items() if v != ""}
    if year is not None:
        body["arsuppgifter"] = [{k: v for k, v in year.items() if v is not None}]
    client = client_for(setup.people.forbundsadministrator)
    return client.post(
        f"/api/v1/forbund/{setup.forbund.slug}/insatser/", json.dumps(body), content_type="application/json"
    )


def _json_names_field(data, field: str) -> bool:
    text = json.dumps(data)
    return f'"{field}"' in text or f".{field}" in text


@pytest.mark.parametrize(("case", "insats", "field"), INSATS_CASES, ids=[c[0] for c in INSATS_CASES])
def test_insats_rule_in_the_form(setup, case, insats, field):
    client = client_for(setup.people.forbundsadministrator)
    data = {**BASE, **insats}
    response = client.post(f"/forbund/{setup.forbund.slug}/insatser/ny/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(field), form.errors
    page = response.content.decode()
    assert 'class="error-summary"' in page and f'id="id_{field}_error"' in page
    assert not Insats.objects.filter(namn="Ny insats").exists()
    # The form keeps what the user typed.
    if data["namn"]:
        assert 'value="Ny insats"' in page


@pytest.mark.parametrize(("case", "insats", "field"), INSATS_CASES, ids=[c[0] for c in INSATS_CASES])
def test_insats_rule_in_the_import(setup, case, insats, field):
    fel = _import_errors(setup, {**BASE, **insats, **YEAR})
    assert any(f.rad == 2 and f.kolumn == field for f in fel), [str(f) for f in fel]
    assert all(f.meddelande for f in fel)
    assert not Insats.objects.filter(namn="Ny insats").exists()


@pytest.mark.parametrize(("case", "insats", "field"), INSATS_CASES, ids=[c[0] for c in INSATS_CASES])
def test_insats_rule_in_the_api(setup, case, insats, field):
    response = _api_post(setup, {**BASE, **insats}, None)
    assert response.status_code == 400
    assert _json_names_field(response.json(), field), response.json()
    assert not Insats.objects.filter(namn="Ny insats").exists()


@pytest.mark.parametrize(("case", "insats", "year", "field"), YEAR_CASES, ids=[c[0] for c in YEAR_CASES])
def test_year_rule_in_the_import(setup, case, insats, year, field):
    fel = _import_errors(setup, {**BASE, **insats, **YEAR, **year})
    assert any(f.rad == 2 and f.kolumn == field for f in fel), [str(f) for f in fel]
    assert not Insats.objects.filter(namn="Ny insats").exists()


@pytest.mark.parametrize(("case", "insats", "year", "field"), YEAR_CASES, ids=[c[0] for c in YEAR_CASES])
def test_year_rule_in_the_api(setup, case, insats, year, field):
    response = _api_post(setup, {**BASE, **insats}, {**YEAR, **year})
    assert response.status_code == 400
    assert _json_names_field(response.json(), field), response.json()
    assert not Insats.objects.filter(namn="Ny insats").exists()


def _created(setup, insats: dict) -> Insats:
    data = {**BASE, **insats}
    return insats_create(
        forbund=setup.forbund,
        namn=data["namn"],
        typ=data["typ"],
        inriktning=Inriktning.objects.get(kod=data["inriktning"]),
        malgrupper=list(Malgrupp.objects.filter(kod__in=data["malgrupper"])),
        startdatum=datetime.date.fromisoformat(data["startdatum"]),
        deltagaruppfoljning=data["deltagaruppfoljning"],
    )


@pytest.mark.parametrize(
    ("insats", "year", "field"),
    [({}, {"budget": "-5"}, "budget"), ({}, {"budget": "1200,50"}, "budget"), ({}, {"utfall": "mycket"}, "utfall")],
)
def test_year_rule_in_the_form(setup, insats, year, field):
    obj = _created(setup, insats)
    client = client_for(setup.people.forbundsadministrator)
    url = f"/forbund/{setup.forbund.slug}/insatser/{obj.pk}/ar/2024/"
    response = client.post(url, {"version": obj.version, "deltagare_kvinnor": "5", **year})
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert not InsatsAr.objects.filter(insats=obj).exists()
    assert f'value="{year[field]}"' in response.content.decode()


def test_form_offers_only_years_the_insats_runs(setup):
    obj = _created(setup, {})
    client = client_for(setup.people.forbundsadministrator)
    assert client.get(f"/forbund/{setup.forbund.slug}/insatser/{obj.pk}/ar/2023/").status_code == 404


@pytest.mark.parametrize(
    ("insats", "shown", "hidden"),
    [
        ({}, ["deltagare_kvinnor", "deltagare_man"], ["deltagare_totalt"]),
        (STRUKTUR_UPPFOLJNING, ["deltagare_totalt"], ["deltagare_kvinnor", "deltagare_man"]),
        (STRUKTUR, [], ["deltagare_totalt", "deltagare_kvinnor", "deltagare_man"]),
    ],
    ids=["individinriktad", "strukturövergripande med uppföljning", "strukturövergripande utan"],
)
def test_form_offers_only_the_counts_that_apply(setup, insats, shown, hidden):
    obj = _created(setup, insats)
    client = client_for(setup.people.forbundsadministrator)
    url = f"/forbund/{setup.forbund.slug}/insatser/{obj.pk}/ar/2024/"
    page = client.get(url).content.decode()
    for name in shown:
        assert f'name="{name}"' in page
    for name in hidden:
        assert f'name="{name}"' not in page
    # Values posted for fields that do not apply are not stored.
    client.post(url, {"version": obj.version, **{n: "7" for n in shown + hidden}})
    row = InsatsAr.objects.get(insats=obj, ar=2024)
    for name in hidden:
        assert getattr(row, name) is None
    for name in shown:
        assert getattr(row, name) == 7


def test_name_is_unique_within_the_forbund_in_all_three_ways(setup):
    client = client_for(setup.people.forbundsadministrator)
    response = client.post(f"/forbund/{setup.forbund.slug}/insatser/ny/", {**BASE, "namn": "steget VIDARE"})
    assert "namn" in response.context["form"].errors
    # In a file, rows with the same förbund and namn are one insats, so they must describe it the same way.
    rows = [{"forbund": setup.forbund.slug, **BASE, **YEAR}, {"forbund": setup.forbund.slug, **BASE, **YEAR}]
    rows[1].update(ar=2025, startdatum="2024-02-01")
    with pytest.raises(ImportFel) as exc:
        insats_import(content=_csv(rows), filnamn="insatser.csv", user=None)
    assert [(f.rad, f.kolumn) for f in exc.value.fel] == [(3, "startdatum")]
    assert "rad 2" in exc.value.fel[0].meddelande
    response = _api_post(setup, {**BASE, "namn": "Steget vidare"}, None)
    assert response.status_code == 400 and "namn" in response.json()
    # Another förbund may use the same name.
    InsatsFactory(forbund=setup.people.other_forbund, namn="Ny insats")
    assert client.post(f"/forbund/{setup.forbund.slug}/insatser/ny/", BASE).status_code == 302


def test_kommun_must_have_been_a_member_during_the_insats(setup):
    MedlemskapFactory(
        forbund=setup.forbund, kommun=kommun("0180"), giltig_fran=datetime.date(2020, 1, 1),
        giltig_till=datetime.date(2022, 12, 31),
    )  # fmt: skip
    client = client_for(setup.people.forbundsadministrator)
    response = client.post(f"/forbund/{setup.forbund.slug}/insatser/ny/", {**BASE, "utforare_kommuner": ["0180"]})
    assert "inte medlem" in str(response.context["form"].errors["utforare_kommuner"])
    response = client.post(
        f"/forbund/{setup.forbund.slug}/insatser/ny/",
        {
            **BASE,
            "startdatum": "2022-06-01",
            "inriktning": "arbetslivsinriktad",
            "tidigare_inriktning": "sus_rehabilitering",
            "utforare_kommuner": ["0180"],
        },
    )
    assert response.status_code == 302
    assert list(Insats.objects.get(namn="Ny insats").utforare_kommuner.values_list("kod", flat=True)) == ["0180"]
    response = _api_post(setup, {**BASE, "namn": "Via API", "utforare_kommuner": ["0180"]}, None)
    assert response.status_code == 400 and "utforare_kommuner" in response.json()


def test_malgrupper_for_strukturovergripande_are_refused_by_import_and_api(setup):
    fel = _import_errors(setup, {**BASE, **STRUKTUR, "malgrupper": ["unga"], **YEAR, **NO_KON})
    assert any(f.kolumn == "malgrupper" for f in fel)
    response = _api_post(setup, {**BASE, **STRUKTUR, "malgrupper": ["unga"]}, None)
    assert response.status_code == 400 and "malgrupper" in response.json()
