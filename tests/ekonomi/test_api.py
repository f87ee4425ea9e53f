import pytest
from rest_framework.test import APIClient

from ekonomi.models import Medlemsbidrag

pytestmark = pytest.mark.django_db

ROLES = ["forbundsadministrator", "other_forbundsadministrator", "deltagaransvarig", "handlaggare", "administrator"]


def test_only_the_forbundsadministrator_may_write_through_the_api(people):
    expected = [200, 404, 403, 403, 403]
    for role, status in zip(ROLES, expected, strict=True):
        client = APIClient()
        client.force_authenticate(getattr(people, role))
        response = client.put("/api/v1/forbund/test/ekonomi/2024/", {"administration_budget": 5}, format="json")
        assert response.status_code == status, role
    assert APIClient().put("/api/v1/forbund/test/ekonomi/2024/", {}, format="json").status_code in (401, 403)


@pytest.fixture
def api(tvalans):
    from forbund.models import Roll
    from tests.factories import BehorighetFactory, UserFactory

    user = UserFactory(username="api-chef")
    BehorighetFactory(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=tvalans)
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_writes_and_reads_a_year(api):
    body = {
        "medlemsbidrag": [
            {"medlemstyp": "stat", "belopp": 2_000_000},
            {"medlemstyp": "region", "kod": "17", "belopp": 500_000},
            {"medlemstyp": "region", "kod": "14", "belopp": 500_000},
            {"medlemstyp": "kommun", "kod": "1492", "belopp": 1_000_000},
        ],
        "administration_utfall": 300_000,
        "eget_kapital_ingaende": 100_000,
    }
    response = api.put("/api/v1/forbund/tvalan/ekonomi/2024/", body, format="json")
    assert response.status_code == 200
    data = api.get("/api/v1/forbund/tvalan/ekonomi/2024/").json()
    assert data["medlemsbidrag"] == {
        "stat": 2_000_000,
        "regioner": 1_000_000,
        "kommuner": 1_000_000,
        "totalt": 4_000_000,
    }
    assert data["fordelning"]["avviker"] is False
    assert data["eget_kapital"]["utgaende"] == 100_000 + 4_000_000 - 300_000
    amal = next(m for m in data["medlemmar"] if m["kod"] == "1492")
    assert amal["period"] == "2024-07-01–2024-12-31"


def test_the_api_gives_null_for_insatskostnader_nobody_registered_as_the_page_shows_a_dash(api, tvalans):
    from insatser.models import Typ
    from tests.factories import InsatsArFactory, InsatsFactory

    InsatsArFactory(insats=InsatsFactory(forbund=tvalans, typ=Typ.INDIVIDINRIKTAD), ar=2024, budget=40_000, utfall=None)
    kostnader = api.get("/api/v1/forbund/tvalan/ekonomi/2024/").json()["insatskostnader"]
    assert (kostnader["budget_individinriktade"], kostnader["budget"]) == (40_000, 40_000)
    assert kostnader["utfall_individinriktade"] is kostnader["budget_strukturovergripande"] is None
    assert kostnader["utfall"] is kostnader["budget_esf"] is None


def test_the_api_refuses_a_non_member_and_bad_amounts(api):
    response = api.put(
        "/api/v1/forbund/tvalan/ekonomi/2023/",
        {"medlemsbidrag": [{"medlemstyp": "kommun", "kod": "1492", "belopp": 10}]},
        format="json",
    )
    assert response.status_code == 400
    assert "Åmål (1492) var inte medlem i förbundet under 2023." in str(response.json())
    response = api.put("/api/v1/forbund/tvalan/ekonomi/2024/", {"administration_budget": -1}, format="json")
    assert response.status_code == 400 and "administration_budget" in response.json()
    assert not Medlemsbidrag.objects.exists()


def test_the_national_api_gives_totals_and_every_forbund(people, tvalans, api):
    api.put(
        "/api/v1/forbund/tvalan/ekonomi/2024/", {"medlemsbidrag": [{"medlemstyp": "stat", "belopp": 8}]}, format="json"
    )
    client = APIClient()
    client.force_authenticate(people.handlaggare)
    data = client.get("/api/v1/ekonomi/2024/").json()
    assert data["medlemsbidrag"]["stat"] == 8
    assert data["forbund_avvikande_fordelning"] == [tvalans.pk]
    assert any(f["slug"] == "tvalan" and f["fordelning"]["avviker"] for f in data["forbund"])
    assert client.get("/api/v1/ekonomi/eget-kapital/?fran=2024&till=2020").status_code == 400


def test_the_later_of_two_puts_from_the_same_version_is_refused_with_409(api):
    url = "/api/v1/forbund/tvalan/ekonomi/2024/"
    seen = api.get(url).json()["version"]
    assert seen == 0  # nothing registered yet
    response = api.put(url, {"administration_utfall": 300_000, "version": seen}, format="json")
    assert response.status_code == 200
    ny = response.json()["version"]
    assert ny != seen
    # A second person edited from the same (old) version: refused, nothing overwritten.
    response = api.put(url, {"administration_utfall": 999, "version": seen}, format="json")
    assert response.status_code == 409
    assert "Någon annan har sparat ekonomin" in response.json()["version"][0]
    response = api.put(url, {"medlemsbidrag": [{"medlemstyp": "stat", "belopp": 5}]}, format="json")
    assert response.status_code == 409  # no version = "I saw nothing registered"
    assert api.get(url).json()["administration"]["utfall"] == 300_000
    assert not Medlemsbidrag.objects.exists()
    # From the current version it saves; saving the same figures again does not change the version.
    assert api.put(url, {"administration_utfall": 310_000, "version": ny}, format="json").status_code == 200
    senaste = api.get(url).json()["version"]
    assert api.put(url, {"administration_utfall": 310_000, "version": senaste}, format="json").json()["version"] == (
        senaste
    )
