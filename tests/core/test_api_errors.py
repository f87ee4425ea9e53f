"""A service's refusal reads the same from every API: 400 naming the fields (non_field_errors for the rest), 409
under `version` for a conflict, and nothing changed (core.api.exception_handler)."""

import datetime

import pytest
from rest_framework.test import APIClient

from ekonomi.models import Arsekonomi
from insatser.models import InsatsAr, Malgrupp
from rapportering.models import Rapporteringsomgang
from tests.factories import InsatsArFactory, InsatsFactory

pytestmark = pytest.mark.django_db
AR = datetime.date.today().year - 1


@pytest.fixture
def chef(people):
    client = APIClient()
    client.force_authenticate(people.forbundsadministrator)
    return client


def _lock(ar):
    idag = datetime.date.today()
    Rapporteringsomgang.objects.create(
        ar=ar, oppnar=datetime.date(ar, 1, 1), sista_dag=idag - datetime.timedelta(days=2), last_datum=idag
    )


def test_a_locked_year_is_the_same_400_from_the_economy_and_the_insatser_api(people, chef):
    insats = InsatsFactory(
        forbund=people.forbund, startdatum=datetime.date(AR, 1, 1), malgrupper=[Malgrupp.objects.get(kod="unga")]
    )
    rad = InsatsArFactory(insats=insats, ar=AR, budget=100)
    _lock(AR)

    response = chef.put(f"/api/v1/forbund/{people.forbund.slug}/ekonomi/{AR}/", {"administration_budget": 5})
    assert response.status_code == 400
    assert "låsdatum" in " ".join(response.json()["non_field_errors"])
    assert not Arsekonomi.objects.filter(forbund=people.forbund, ar=AR).exists()

    body = {"version": insats.version, "arsuppgifter": [{"ar": AR, "budget": 999}]}
    response = chef.patch(f"/api/v1/insatser/{insats.pk}/", body, format="json")
    assert response.status_code == 400
    assert "låsdatum" in str(response.json())
    assert InsatsAr.objects.get(pk=rad.pk).budget == 100


def test_a_conflict_is_a_409_under_version_from_every_api(people, chef):
    insats = InsatsFactory(
        forbund=people.forbund, startdatum=datetime.date(AR, 1, 1), malgrupper=[Malgrupp.objects.get(kod="unga")]
    )
    url = f"/api/v1/insatser/{insats.pk}/"
    assert chef.patch(url, {"version": insats.version, "namn": "Först"}).status_code == 200
    response = chef.patch(url, {"version": insats.version, "namn": "Sedan"})
    assert response.status_code == 409 and "Någon annan har sparat" in response.json()["version"][0]
    assert chef.patch(url, {"version": insats.version + 5, "namn": "Påhittad"}).status_code == 409
    insats.refresh_from_db()
    assert insats.namn == "Först"

    chef.put(f"/api/v1/forbund/{people.forbund.slug}/ekonomi/{AR}/", {"administration_budget": 5, "version": 0})
    response = chef.put(
        f"/api/v1/forbund/{people.forbund.slug}/ekonomi/{AR}/", {"administration_budget": 7, "version": 0}
    )
    assert response.status_code == 409 and "Någon annan har sparat ekonomin" in response.json()["version"][0]
    assert Arsekonomi.objects.get(forbund=people.forbund, ar=AR).administration_budget == 5
