"""The admin site: what an administratör may do there, and what nobody may do."""

import datetime

import pytest

from forbund.imports import medlemskap_import
from forbund.models import Behorighet, Medlemskap, Roll
from forbund.services import behorighet_grant
from tests.factories import ForbundFactory, InsatsArFactory, InsatsFactory, MedlemskapFactory, UserFactory, kommun

pytestmark = pytest.mark.django_db


def test_a_kommun_cannot_be_put_in_two_forbund_through_the_admin(client, people):
    alfa, beta = ForbundFactory(slug="alfa"), ForbundFactory(slug="beta")
    MedlemskapFactory(forbund=alfa, kommun=kommun("0125"), giltig_fran=datetime.date(2020, 1, 1))
    client.force_login(people.administrator)
    response = client.post(
        "/admin/forbund/medlemskap/add/",
        {"forbund": beta.pk, "kommun": "0125", "giltig_fran": "2024-01-01", "giltig_till": ""},
    )
    assert response.status_code == 200
    assert "redan medlem i" in response.text
    assert not Medlemskap.objects.filter(forbund=beta).exists()


def test_old_versions_cannot_be_saved_back_from_the_history(client, people):
    insats = InsatsFactory(forbund=people.forbund, startdatum=datetime.date(2024, 1, 1))
    InsatsArFactory(insats=insats, ar=2024, budget=1000)
    insats.namn = "Nytt namn"
    insats.save()
    old = insats.history.earliest()
    client.force_login(people.administrator)
    url = f"/admin/insatser/insats/{insats.pk}/history/{old.history_id}/"
    assert client.get(url).status_code == 200  # looking is fine
    response = client.post(url, {"namn": old.namn, "startdatum": "2022-01-01", "forbund": people.forbund.pk})
    assert response.status_code == 403
    insats.refresh_from_db()
    assert (insats.namn, insats.startdatum) == ("Nytt namn", datetime.date(2024, 1, 1))


def test_the_administrator_cannot_change_economy_figures_or_create_tokens_in_the_admin(client, people):
    client.force_login(people.administrator)
    assert client.get("/admin/ekonomi/medlemsbidrag/add/").status_code == 403
    assert client.get("/admin/authtoken/tokenproxy/add/").status_code in (403, 404)


def test_the_administrator_cannot_make_anyone_superuser(client, people):
    target = UserFactory(username="vanlig")
    client.force_login(people.administrator)
    response = client.get(f"/admin/auth/user/{target.pk}/change/")
    assert response.status_code == 200
    assert 'name="is_superuser"' not in response.text


def test_membership_changes_and_role_grants_are_kept_in_history(people):
    alfa = ForbundFactory(slug="alfa")
    MedlemskapFactory(forbund=alfa, kommun=kommun("0125"), giltig_fran=datetime.date(2020, 1, 1))
    content = "kommunkod,forbund,giltig_fran,giltig_till\n0125,alfa,2020-01-01,2024-12-31\n"
    medlemskap_import(content=content.encode(), filnamn="x.csv", user=people.administrator)
    m = Medlemskap.objects.get(forbund=alfa, kommun_id="0125")
    latest = m.history.latest()
    assert latest.giltig_till == datetime.date(2024, 12, 31)
    assert latest.prev_record.giltig_till is None

    user = UserFactory(username="ny")
    behorighet_grant(user=user, roll=Roll.NATIONELL_HANDLAGGARE, beviljad_av=people.administrator)
    assert Behorighet.history.filter(user_id=user.pk, history_type="+").exists()
