"""Numbers beyond the database column's range, and digits int() refuses: a Swedish 400 or the form again, never a
500, nothing saved. (PostgreSQL refuses an integer beyond its column; SQLite, used in the tests, would store it.)
The fixtures and helpers are those of test_bad_input."""

import pytest

from core.granser import BIGINT_MAX, INTEGER_MAX
from ekonomi.models import Statsbidrag
from tests import test_bad_input as base
from tests.test_bad_input import HUGE, client_for, insats_body, send, snapshot

# The same fixtures as test_bad_input: a förbund with an insats and its figures, its förbundsadministratör's client.
insats = base.insats
chef = base.chef

# ---------------------------------------------------------------- Numbers beyond the column


@pytest.mark.parametrize(
    ("falt", "varde"),
    [
        ("budget", HUGE),
        ("utfall", str(BIGINT_MAX + 1)),
        ("budgeterat_antal_deltagare", str(INTEGER_MAX + 1)),
        ("deltagare_kvinnor", HUGE),
        ("deltagare_man", "1" * 5000),
        ("version", HUGE),
    ],
)
def test_a_number_too_large_in_the_year_form_is_an_error_that_keeps_the_input(chef, insats, falt, varde):
    before = snapshot()
    data = {"version": insats.version, "budget": "1", falt: varde}
    response = chef.post(f"/forbund/test/insatser/{insats.pk}/ar/2024/", data)
    assert response.status_code in (200, 400)
    form = response.context["form"]
    assert falt in form.errors
    if falt != "version":
        assert f'value="{varde}"' in response.content.decode()
        assert any(m.startswith(("Talet är för stort", "Skriv")) for m in form.errors[falt])
    assert snapshot() == before


@pytest.mark.parametrize(
    "falt", ["stat", "kommun_1080", "esf_intakter", "administration_budget", "eget_kapital_ingaende", "version"]
)
@pytest.mark.parametrize("varde", [HUGE, "-" + HUGE])
def test_a_number_too_large_in_the_economy_form_is_a_400_that_keeps_the_input(chef, insats, falt, varde):
    before = snapshot()
    response = chef.post("/forbund/test/ekonomi/2024/andra/", {"version": "0", "stat": "1 000", falt: varde})
    assert response.status_code == 400
    assert falt in response.context["form"].errors
    if falt != "version":
        assert f'value="{varde}"' in response.content.decode()
    assert snapshot() == before


def test_a_state_allocation_too_large_is_a_400(people):
    response = client_for(people.administrator).post("/ekonomi/2024/statliga-medel/", {"tilldelat": HUGE})
    assert response.status_code == 400
    assert "Beloppet är för stort" in response.content.decode()
    assert not Statsbidrag.objects.exists()


@pytest.mark.parametrize(
    "ar",
    [
        {"ar": 2024, "budget": int(HUGE)},
        {"ar": 2024, "utfall": BIGINT_MAX + 1},
        {"ar": 2024, "deltagare_kvinnor": INTEGER_MAX + 1},
        {"ar": 2024, "budgeterat_antal_deltagare": int(HUGE)},
        {"ar": int(HUGE)},
        {"ar": 2024, "budget": -1},
    ],
)
def test_a_number_beyond_the_column_in_the_api_is_a_400(chef, insats, ar):
    before = snapshot()
    response = send(chef, "post", "/api/v1/forbund/test/insatser/", insats_body(arsuppgifter=[ar]))
    assert response.status_code == 400
    assert "arsuppgifter" in response.json()
    response = send(chef, "patch", f"/api/v1/insatser/{insats.pk}/", {"version": insats.version, "arsuppgifter": [ar]})
    assert response.status_code == 400
    assert snapshot() == before


def test_json_numbers_beyond_a_float_are_a_400(chef, insats):
    """JSON's 1e400 is infinity in Python: int() of it overflows rather than failing as a value error."""
    before = snapshot()
    for body in (
        '{"version": 1e400, "beskrivning": "ny"}',
        '{"version": 1, "arsuppgifter": [{"ar": 2024, "budget": 1e400}]}',
    ):
        response = chef.patch(f"/api/v1/insatser/{insats.pk}/", body, content_type="application/json")
        assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("version", [int(HUGE), -1, "x", [1], None])
def test_a_version_that_is_not_a_version_is_a_400(chef, insats, version):
    before = snapshot()
    body = {"version": version, "beskrivning": "ny"}
    assert send(chef, "patch", f"/api/v1/insatser/{insats.pk}/", body).status_code == 400
    assert send(chef, "put", "/api/v1/forbund/test/ekonomi/2024/", body).status_code == 400
    assert chef.delete(f"/api/v1/insatser/{insats.pk}/?version={version}").status_code in (400, 409)
    assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"stat_intakter": 1, "esf_intakter": int(HUGE)},
        {"eget_kapital_ingaende": -int(HUGE)},
        {"faststallt_arets_resultat": BIGINT_MAX + 1},
        {"medlemsbidrag": [{"medlemstyp": "stat", "belopp": int(HUGE)}]},
        {"medlemsbidrag": [{"medlemstyp": "kommun", "kod": "1080" * 100, "belopp": 1}]},
    ],
)
def test_economy_figures_beyond_the_column_in_the_api_are_a_400(chef, insats, body):
    before = snapshot()
    assert send(chef, "put", "/api/v1/forbund/test/ekonomi/2024/", {"version": 0, **body}).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    "query", ["limit=" + HUGE, "limit=-1", "limit=0", "limit=abc", "limit=5000", "offset=" + HUGE, "offset=-5",
              "offset=x", "limit=1e3", "limit=%EF%BC%91"],
)  # fmt: skip
def test_limit_and_offset_outside_their_range_are_a_swedish_400(people, insats, query):
    response = client_for(people.handlaggare).get(f"/api/v1/forbund/test/insatser/?{query}")
    assert response.status_code == 400
    message = " ".join(next(iter(response.json().values())))
    assert "Ange" in message and "heltal" in message


def test_limit_and_offset_within_their_range_page_the_list(people, insats):
    data = client_for(people.handlaggare).get("/api/v1/forbund/test/insatser/?limit=1000&offset=0").json()
    assert data["count"] == 1 and len(data["results"]) == 1


@pytest.mark.parametrize(
    "path",
    [
        f"/register/kommuner/?datum={HUGE}",
        "/register/kommuner/?datum=0001-01-01",
        "/register/forbund/?datum=9999-12-31",
        f"/forbund/test/?ar={HUGE}",
        f"/forbund/test/insatser/?ar={HUGE}",
        f"/forbund/test/insatser/?sida={HUGE}",
        "/forbund/test/insatser/?sida=-1&ordning=nonsense",
        f"/forbund/test/insatser/{HUGE}/",
        "/forbund/test/insatser/{pk}/?ar=" + HUGE,
        "/forbund/test/insatser/{pk}/ar/" + HUGE + "/",
        f"/forbund/test/insatser/borttagna/{HUGE}/",
        f"/forbund/test/ekonomi/{HUGE}/",
        f"/forbund/test/ekonomi/?ar={HUGE}",
        f"/forbund/test/ekonomi/?nytt_ar={HUGE}",
        f"/ekonomi/{HUGE}/",
        f"/ekonomi/eget-kapital/?fran={HUGE}&till=-{HUGE}",
        f"/statistik/?ar={HUGE}",
        "/statistik/?ar=%C2%B2",
        "/statistik/?ar=" + "1" * 5000,
        "/api/v1/statistik/2024/?ar=" + "1" * 5000,
        "/forbund/test/ekonomi/?ar=" + "1" * 5000,
        "/ekonomi/eget-kapital/?fran=%C2%B2&till=" + "1" * 5000,
        "/api/v1/ekonomi/eget-kapital/?fran=%C2%B2&till=" + "1" * 5000,
        "/forbund/test/insatser/?ar=%C2%B2",
        "/statistik/?uttag=%C2%B2",
        "/rapportering/granskning/?ar=%C2%B2",
        f"/rapportering/granskning/test/{HUGE}/",
        f"/rapportering/uttag/{HUGE}/",
        f"/rapportering/uttag/{HUGE}/jamfor/",
        f"/forbund/test/rapport/{HUGE}/",
        f"/api/v1/kontroller/{HUGE}/",
        f"/statistik/?uttag={HUGE}",
        "/api/v1/statistik/2024/?uttag=%C2%B2",
        f"/api/v1/statistik/2024/?uttag={HUGE}&lan=x",
        f"/statistik/forbund/?ar={HUGE}&lan={HUGE}",
        f"/statistik/registrering/?ar={HUGE}&sort=x",
        f"/statistik/statistik.xlsx?ar={HUGE}",
        f"/api/v1/insatser/{HUGE}/",
        f"/api/v1/forbund/test/insatser/?ar={HUGE}",
        f"/api/v1/forbund/test/ekonomi/{HUGE}/",
        f"/api/v1/ekonomi/{HUGE}/",
        f"/api/v1/ekonomi/eget-kapital/?fran={HUGE}&till=1",
        f"/api/v1/statistik/{HUGE}/",
    ],
)
@pytest.mark.parametrize("who", ["forbundsadministrator", "administrator"])
def test_numbers_and_dates_beyond_range_in_the_address_are_never_a_server_error(people, insats, path, who):
    client = client_for(getattr(people, who))
    client.raise_request_exception = False
    response = client.get(path.format(pk=insats.pk))
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/rapportering/uttag/", {"ar": "²²²²"}),
        ("/forbund/test/rapport/2024/", {"forklaring-x-²": "text", "forklaring-x-" + "1" * 5000: "text"}),
    ],
)
@pytest.mark.parametrize("who", ["forbundsadministrator", "administrator"])
def test_digits_that_int_refuses_in_a_form_are_never_a_server_error(people, insats, path, data, who):
    client = client_for(getattr(people, who))
    client.raise_request_exception = False
    assert client.post(path, data).status_code in (200, 302, 400, 403, 404)


def test_a_year_too_large_in_a_filter_is_named_in_swedish(people, insats):
    response = client_for(people.handlaggare).get(f"/forbund/test/insatser/?ar={HUGE}")
    assert "Välj ett år mellan 1990 och 2100." in response.content.decode()
    response = client_for(people.handlaggare).get(f"/api/v1/forbund/test/insatser/?ar={HUGE}")
    assert response.status_code == 400 and response.json() == {"ar": ["Välj ett år mellan 1990 och 2100."]}


# ---------------------------------------------------------------- Services and imports check the same range


def test_the_services_refuse_a_number_beyond_the_column_without_a_form(insats):
    from django.core.exceptions import ValidationError

    from insatser.services import insats_ar_save

    before = snapshot()
    for falt, varde in (("budget", BIGINT_MAX + 1), ("deltagare_kvinnor", INTEGER_MAX + 1)):
        with pytest.raises(ValidationError) as exc:
            insats_ar_save(insats=insats, version=insats.version, ar=2024, values={falt: varde})
        assert exc.value.message_dict[falt] == [f"Talet är för stort: högst {varde - 1}."]
    assert snapshot() == before


def test_an_import_with_a_number_beyond_the_column_is_refused_and_changes_nothing(insats):
    from core.importing.files import ImportFel
    from insatser.imports import insats_import

    content = (
        "forbund;namn;typ;inriktning;malgrupper;startdatum;ar;budget;deltagare_kvinnor\n"
        f"test;Steget vidare;individinriktad;arbetslivsinriktad;unga;2024-01-01;2024;{HUGE};10\n"
    )
    before = snapshot()
    with pytest.raises(ImportFel) as exc:
        insats_import(content=content.encode(), filnamn="insatser.csv", user=None)
    assert "budget" in str(exc.value) and "för stort" in str(exc.value)
    assert snapshot() == before
