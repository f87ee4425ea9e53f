"""GET/PUT /api/v1/insatser/<id>/utfall/<år>/: same access and rules as the page; 409 on a stale version."""

import pytest
from rest_framework.test import APIClient

from rapportering.models import Arsrapport, Status
from tests.utfall.conftest import GILTIGT
from utfall.api.serializers import till_json
from utfall.models import Utfall
from utfall.selectors import utfall_for


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(setup, ar=2024):
    return f"/api/v1/insatser/{setup.insats.pk}/utfall/{ar}/"


def body(varden=GILTIGT, version=0):
    return till_json(insats_id=0, ar=2024, version=version, varden=varden)


def test_get_shows_not_registered_as_null_and_version_0(setup):
    data = api(setup.people.forbundsadministrator).get(url(setup)).json()
    assert data["version"] == 0
    assert data["paborjade"]["kvinnor"] == {"16_29": None, "30_44": None, "45_59": None, "60_plus": None}
    assert data["utfall"]["studier"]["man"] == {"under_30": None, "30_plus": None}


@pytest.mark.parametrize("who", ["forbundsadministrator", "deltagaransvarig"])
def test_put_registers_the_grid(setup, who):
    response = api(getattr(setup.people, who)).put(url(setup), body(), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 1
    assert response.json()["utfall"]["studier"]["kvinnor"]["under_30"] == 1
    assert response.json()["paborjade"]["man"]["16_29"] is None
    assert utfall_for(insats=setup.insats, ar=2024)[1] == GILTIGT


def test_access_as_the_participant_counts(setup):
    assert api().get(url(setup)).status_code in (401, 403)
    for user in (setup.ej_ansvarig, setup.people.other_forbundsadministrator, setup.people.stranger):
        assert api(user).get(url(setup)).status_code == 404
        assert api(user).put(url(setup), body(), format="json").status_code == 404
    for user in (setup.people.handlaggare, setup.people.administrator):
        assert api(user).get(url(setup)).status_code == 200
        assert api(user).put(url(setup), body(), format="json").status_code == 403
    assert not Utfall.objects.exists()


def test_a_stale_version_is_409(setup):
    client = api(setup.people.forbundsadministrator)
    assert client.put(url(setup), body(), format="json").status_code == 200
    response = client.put(url(setup), body(version=0), format="json")
    assert response.status_code == 409
    assert "Någon annan har sparat" in response.json()["version"][0]


def test_errors_are_400_in_swedish_naming_the_cell(setup):
    client = api(setup.people.forbundsadministrator)
    varden = dict(GILTIGT) | {("utfall", "studier", "kvinnor", "under_30"): 2}
    response = client.put(url(setup), body(varden), format="json")
    assert response.status_code == 400
    assert "summerar till 4, men 3 har avslutat" in response.json()["utfall.arbete_utan_stod.kvinnor.under_30"][0]
    data = body()
    data["paborjade"]["man"]["16_29"] = -1
    data["avslutade"]["man"]["hundra"] = 1
    data["utfall"]["studier"]["man"]["under_30"] = "två"
    del data["version"]
    fel = client.put(url(setup), data, format="json").json()
    assert fel["paborjade.man.16_29"] == ["Får inte vara negativt."]
    assert "Okänd nyckel hundra" in fel["avslutade.man"][0]
    assert "heltal" in fel["utfall.studier.man.under_30"][0]
    assert "version" in fel
    assert client.put(url(setup), [1, 2], format="json").status_code == 400
    assert not Utfall.objects.exists()


def test_a_locked_year_is_refused(setup):
    Arsrapport.objects.create(forbund=setup.forbund, ar=2024, status=Status.GODKAND)
    response = api(setup.people.forbundsadministrator).put(url(setup), body(), format="json")
    assert response.status_code == 400
    assert "låst" in response.json()["non_field_errors"][0]


def test_years_the_insats_does_not_run_are_404(setup):
    assert api(setup.people.forbundsadministrator).get(url(setup, ar=2019)).status_code == 404
    assert api(setup.people.forbundsadministrator).get(url(setup, ar=99999)).status_code == 404
