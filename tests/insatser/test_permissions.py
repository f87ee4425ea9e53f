"""What a deltagaransvarig may do with the insatser: only those assigned to them, only their participant counts.

Every page and API endpoint against every role is one table: tests/test_access_matrix.py.
"""

import json

import pytest

from forbund.models import Roll
from insatser.models import Insats, InsatsAr
from tests.factories import BehorighetFactory, InsatsArFactory
from tests.insatser.conftest import THIS_YEAR, client_for


def test_api_accepts_a_token(setup):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=setup.people.handlaggare)
    client = client_for(None)
    response = client.get(f"/api/v1/forbund/{setup.forbund.slug}/insatser/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert {i["namn"] for i in response.json()["results"]} == {"Steget vidare", "Samverkansdagar"}


def test_deltagaransvarig_lists_only_assigned_insatser(setup):
    client = client_for(setup.people.deltagaransvarig)
    page = client.get(f"/forbund/{setup.forbund.slug}/insatser/").content.decode()
    assert "Steget vidare" in page and "Samverkansdagar" not in page
    api = client.get(f"/api/v1/forbund/{setup.forbund.slug}/insatser/").json()
    assert [i["namn"] for i in api["results"]] == ["Steget vidare"]


def test_deltagaransvarig_cannot_change_budget_through_the_api(setup):
    client = client_for(setup.people.deltagaransvarig)
    response = client.patch(
        f"/api/v1/insatser/{setup.insats.pk}/",
        json.dumps({"version": setup.insats.version, "arsuppgifter": [{"ar": 2024, "budget": 1}]}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert InsatsAr.objects.get(insats=setup.insats, ar=2024).budget == 500_000


def test_deltagaransvarig_form_shows_only_counts(setup):
    client = client_for(setup.people.deltagaransvarig)
    page = client.get(f"/forbund/{setup.forbund.slug}/insatser/{setup.insats.pk}/ar/2024/").content.decode()
    assert 'name="deltagare_kvinnor"' in page
    assert 'name="budget"' not in page and 'name="utfall"' not in page
    # Budget posted anyway is ignored.
    client.post(
        f"/forbund/{setup.forbund.slug}/insatser/{setup.insats.pk}/ar/2024/",
        {"version": setup.insats.version, "deltagare_kvinnor": "12", "deltagare_man": "8", "budget": "1"},
    )
    row = InsatsAr.objects.get(insats=setup.insats, ar=2024)
    assert (row.deltagare_kvinnor, row.budget) == (12, 500_000)


@pytest.mark.parametrize("national_role", [Roll.NATIONELL_HANDLAGGARE, Roll.ADMINISTRATOR])
def test_a_national_reader_who_is_also_deltagaransvarig_writes_counts_only_for_assigned_insatser(setup, national_role):
    """Reading everything (the national role) must not widen what the deltagaransvarig role may write."""
    user = setup.people.deltagaransvarig
    BehorighetFactory(user=user, roll=national_role, forbund=None)
    client = client_for(user)
    other = setup.other_insats  # strukturövergripande with deltagaruppföljning, not assigned to this user
    InsatsArFactory(insats=other, ar=2024, deltagare_totalt=30)
    slug = setup.forbund.slug

    # The national role still reads the insats, but no year form opens and none is offered.
    start = client.get(f"/forbund/{slug}/?ar={THIS_YEAR}").content.decode()
    assert f'href="/forbund/{slug}/insatser/{other.pk}/"' in start and f"/insatser/{other.pk}/ar/" not in start
    assert f'href="/forbund/{slug}/insatser/{setup.insats.pk}/ar/{THIS_YEAR}/"' in start
    page = client.get(other.get_absolute_url())
    assert page.status_code == 200
    assert "/ar/" not in page.content.decode()
    assert client.get(f"/forbund/{slug}/insatser/{other.pk}/ar/2024/").status_code == 403
    posted = client.post(f"/forbund/{slug}/insatser/{other.pk}/ar/2024/", {"version": other.version,
                         "deltagare_totalt": "99"})  # fmt: skip
    assert posted.status_code == 403
    patched = client.patch(
        f"/api/v1/insatser/{other.pk}/",
        json.dumps({"version": other.version, "arsuppgifter": [{"ar": 2024, "deltagare_totalt": 99}]}),
        content_type="application/json",
    )
    assert patched.status_code == 403
    assert InsatsAr.objects.get(insats=other, ar=2024).deltagare_totalt == 30

    # Their own insats: the counts, and only the counts, as before.
    own = setup.insats
    assert client.get(f"/forbund/{slug}/insatser/{own.pk}/ar/2024/").status_code == 200
    response = client.patch(
        f"/api/v1/insatser/{own.pk}/",
        json.dumps({"version": own.version, "arsuppgifter": [{"ar": 2024, "deltagare_kvinnor": 11}]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert InsatsAr.objects.get(insats=own, ar=2024).deltagare_kvinnor == 11
    own.refresh_from_db()
    response = client.patch(
        f"/api/v1/insatser/{own.pk}/",
        json.dumps({"version": own.version, "namn": "Nytt namn"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Insats.objects.get(pk=own.pk).namn == "Steget vidare"
