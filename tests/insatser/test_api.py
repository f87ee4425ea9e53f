"""The REST API: nested yearly figures, optimistic locking, JSON errors naming the field, history with the user."""

import json

from rest_framework.authtoken.models import Token

from insatser.models import Insats, InsatsAr
from insatser.selectors import insats_historik
from tests.insatser.conftest import client_for


def send(client, method, path, body):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def test_read_returns_the_insats_with_its_years(setup):
    data = client_for(setup.people.handlaggare).get(f"/api/v1/insatser/{setup.insats.pk}/").json()
    assert data["forbund"] == "test" and data["inriktning"] == "arbetslivsinriktad"
    assert data["malgrupper"] == ["unga"]
    assert data["arsuppgifter"] == [
        {"ar": 2024, "budget": 500000, "utfall": 480000, "budgeterat_antal_deltagare": None,
         "deltagare_kvinnor": 10, "deltagare_man": 8, "deltagare_totalt": None}
    ]  # fmt: skip
    assert data["url"].endswith(f"/forbund/test/insatser/{setup.insats.pk}/")


def test_create_with_years_and_token_records_the_user(setup):
    token = Token.objects.create(user=setup.people.forbundsadministrator)
    client = client_for(None)
    response = client.post(
        "/api/v1/forbund/test/insatser/",
        json.dumps({"namn": "Integration", "typ": "strukturovergripande", "inriktning": "kompetenshojande",
                    "startdatum": "2024-03-01", "deltagaruppfoljning": True,
                    "arsuppgifter": [{"ar": 2024, "budget": 10000, "deltagare_totalt": 40}]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    insats = Insats.objects.get(namn="Integration")
    assert insats.arsuppgifter.get().deltagare_totalt == 40
    assert {h.vem for h in insats_historik(insats)} == {"Test " + setup.people.forbundsadministrator.last_name}


def test_put_sets_exactly_the_years_given(setup):
    client = client_for(setup.people.forbundsadministrator)
    body = client.get(f"/api/v1/insatser/{setup.insats.pk}/").json()
    body["arsuppgifter"] = [{"ar": 2025, "budget": 7}]
    response = send(client, "put", f"/api/v1/insatser/{setup.insats.pk}/", body)
    assert response.status_code == 200, response.json()
    assert [(a["ar"], a["budget"]) for a in response.json()["arsuppgifter"]] == [(2025, 7)]
    assert response.json()["version"] == body["version"] + 1


def test_a_stale_version_is_refused_with_409_and_nothing_changes(setup):
    client = client_for(setup.people.forbundsadministrator)
    body = client.get(f"/api/v1/insatser/{setup.insats.pk}/").json()
    assert (
        send(
            client, "patch", f"/api/v1/insatser/{setup.insats.pk}/", {"version": body["version"], "beskrivning": "A"}
        ).status_code
        == 200
    )
    response = send(
        client, "patch", f"/api/v1/insatser/{setup.insats.pk}/", {"version": body["version"], "beskrivning": "B"}
    )
    assert response.status_code == 409 and "version" in response.json()
    assert Insats.objects.get(pk=setup.insats.pk).beskrivning == "A"


def test_a_change_without_version_is_refused(setup):
    client = client_for(setup.people.forbundsadministrator)
    response = send(client, "patch", f"/api/v1/insatser/{setup.insats.pk}/", {"beskrivning": "B"})
    assert response.status_code == 400 and "version" in response.json()


def test_validation_errors_name_the_field(setup):
    client = client_for(setup.people.forbundsadministrator)
    response = send(client, "post", "/api/v1/forbund/test/insatser/", {"namn": "X", "typ": "individinriktad"})
    assert response.status_code == 400
    assert {"inriktning", "startdatum"} <= set(response.json())
    response = send(
        client, "post", "/api/v1/forbund/test/insatser/",
        {"namn": "X", "typ": "individinriktad", "inriktning": "finns-inte", "startdatum": "2024-13-01"},
    )  # fmt: skip
    assert {"inriktning", "startdatum"} <= set(response.json())


def test_deltagaransvarig_patches_one_count_and_keeps_the_other(setup):
    client = client_for(setup.people.deltagaransvarig)
    response = send(
        client, "patch", f"/api/v1/insatser/{setup.insats.pk}/",
        {"version": setup.insats.version, "arsuppgifter": [{"ar": 2024, "deltagare_kvinnor": 15}]},
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    row = InsatsAr.objects.get(insats=setup.insats, ar=2024)
    assert (row.deltagare_kvinnor, row.deltagare_man, row.budget) == (15, 8, 500_000)
    response = send(
        client, "patch", f"/api/v1/insatser/{setup.insats.pk}/",
        {"version": response.json()["version"], "arsuppgifter": [{"ar": 2024, "deltagare_totalt": 15}]},
    )  # fmt: skip
    assert response.status_code == 400 and "arsuppgifter[0].deltagare_totalt" in response.json()


def test_delete_needs_the_version_and_is_recorded(setup):
    client = client_for(setup.people.forbundsadministrator)
    assert client.delete(f"/api/v1/insatser/{setup.insats.pk}/").status_code == 400
    assert client.delete(f"/api/v1/insatser/{setup.insats.pk}/?version={setup.insats.version}").status_code == 204
    assert (
        Insats.history.filter(id=setup.insats.pk, history_type="-").get().history_user
        == setup.people.forbundsadministrator
    )


def test_a_body_that_is_not_an_object_is_a_400_in_swedish(setup):
    """A JSON array (or a bare value) instead of an object: a clear 400, not a server error, and nothing changes."""
    url = f"/api/v1/insatser/{setup.insats.pk}/"
    before = (Insats.history.count(), InsatsAr.history.count())
    chef = client_for(setup.people.forbundsadministrator)
    deltagaransvarig = client_for(setup.people.deltagaransvarig)
    body = [{"version": setup.insats.version, "arsuppgifter": [{"ar": 2024, "deltagare_kvinnor": 1}]}]
    for client, method, path, data in [
        (chef, "post", "/api/v1/forbund/test/insatser/", [{"namn": "X"}]),
        (chef, "put", url, body),
        (chef, "patch", url, body),
        (chef, "patch", url, "version"),
        (chef, "delete", url, [1]),
        (deltagaransvarig, "patch", url, body),
        (deltagaransvarig, "patch", url, [["version", 1]]),
        (deltagaransvarig, "patch", url, 7),
    ]:
        response = send(client, method, path, data)
        assert response.status_code == 400, (method, data, response.content[:300])
        assert response.json() == {
            "non_field_errors": ["Skicka ett JSON-objekt ({…}), inte en lista eller ett enskilt värde."]
        }
    assert (Insats.history.count(), InsatsAr.history.count()) == before


def test_an_unknown_user_and_a_user_without_the_role_get_the_same_answer(setup):
    """The API must not tell a förbundsadministratör which usernames exist."""
    client = client_for(setup.people.forbundsadministrator)
    svar = {}
    for username in ["finnsinte", "handlaggare", "annan-chef", "chef"]:
        response = send(client, "post", "/api/v1/forbund/test/insatser/", {
            "namn": f"Med {username}", "typ": "individinriktad", "inriktning": "arbetslivsinriktad",
            "malgrupper": ["unga"], "startdatum": "2025-01-01", "deltagaransvariga": [username],
        })  # fmt: skip
        assert response.status_code == 400
        svar[username] = response.json()
    expected = {"deltagaransvariga": ["Okänd användare eller användaren är inte deltagaransvarig i förbundet."]}
    assert all(s == expected for s in svar.values()), svar
    response = send(client, "patch", f"/api/v1/insatser/{setup.insats.pk}/",
                    {"version": setup.insats.version, "deltagaransvariga": ["handlaggare"]})  # fmt: skip
    assert (response.status_code, response.json()) == (400, expected)
    response = send(client, "patch", f"/api/v1/insatser/{setup.insats.pk}/",
                    {"version": setup.insats.version, "deltagaransvariga": ["deltagaransvarig", "ej-ansvarig"]})  # fmt: skip
    assert response.status_code == 200
    assert sorted(response.json()["deltagaransvariga"]) == ["deltagaransvarig", "ej-ansvarig"]
