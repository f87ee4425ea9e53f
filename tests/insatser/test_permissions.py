"""Every page and API endpoint against every role (pretix/healthchecks style table).

404 for anyone without a role in the förbund (nothing about it leaks), 403 for read-only users on every write, and a
deltagaransvarig sees only the insatser assigned to them.
"""

import json

import pytest

from forbund.models import Roll
from insatser.models import Insats, InsatsAr
from tests.factories import BehorighetFactory, InsatsArFactory
from tests.insatser.conftest import ROLES, THIS_YEAR, client_for, user_for

A, C, OC, DT, DE, H, AD, U = ROLES  # short names for the table columns

# Expected status per role, in the order of ROLES.
READ_ALL = {A: 302, C: 200, OC: 404, DT: 200, DE: 200, H: 200, AD: 200, U: 404}
READ_ASSIGNED = {A: 302, C: 200, OC: 404, DT: 200, DE: 404, H: 200, AD: 200, U: 404}
WRITE = {A: 302, C: 200, OC: 404, DT: 403, DE: 403, H: 403, AD: 403, U: 404}
WRITE_DONE = {**WRITE, C: 302}
COUNTS = {A: 302, C: 200, OC: 404, DT: 200, DE: 404, H: 403, AD: 403, U: 404}
COUNTS_DONE = {**COUNTS, C: 302, DT: 302}
READ_ADMIN = {A: 302, C: 200, OC: 404, DT: 403, DE: 403, H: 200, AD: 200, U: 404}


def insats_form_data(setup, **extra):
    return {
        "namn": "Ny insats",
        "typ": "individinriktad",
        "inriktning": "forberedande",
        "malgrupper": ["unga"],
        "startdatum": "2025-01-01",
        "version": setup.insats.version,
        **extra,
    }


PAGES = [
    # (name, method, url(setup), data(setup), expected)
    ("förbundets startsida", "get", lambda s: f"/forbund/{s.forbund.slug}/", None, READ_ALL),
    ("insatslistan", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/", None, READ_ALL),
    ("export CSV", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/?format=csv", None, READ_ALL),
    ("export XLSX", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/?format=xlsx", None, READ_ALL),
    ("borttagna insatser", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/borttagna/", None, READ_ADMIN),
    ("ny insats (formulär)", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/ny/", None, WRITE),
    ("ny insats (spara)", "post", lambda s: f"/forbund/{s.forbund.slug}/insatser/ny/", insats_form_data, WRITE_DONE),
    ("insatsens sida", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/", None, READ_ASSIGNED),
    ("ändra (formulär)", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/andra/", None, WRITE),
    (
        "ändra (spara)",
        "post",
        lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/andra/",
        lambda s: insats_form_data(s, namn="Nytt namn", startdatum="2024-01-01"),
        WRITE_DONE,
    ),
    ("ta bort (fråga)", "get", lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/ta-bort/", None, WRITE),
    (
        "ta bort (bekräfta)",
        "post",
        lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/ta-bort/",
        lambda s: {"version": s.insats.version},
        WRITE_DONE,
    ),
    (
        "årsuppgifter (formulär)",
        "get",
        lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/ar/{THIS_YEAR}/",
        None,
        COUNTS,
    ),
    (
        "årsuppgifter (spara)",
        "post",
        lambda s: f"/forbund/{s.forbund.slug}/insatser/{s.insats.pk}/ar/{THIS_YEAR}/",
        lambda s: {"version": s.insats.version, "deltagare_kvinnor": "4", "deltagare_man": "2"},
        COUNTS_DONE,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "data", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_answers_every_role(setup, role, name, method, url, data, expected):
    client = client_for(user_for(setup, role))
    before = (Insats.objects.count(), list(InsatsAr.objects.values_list("deltagare_kvinnor", flat=True)))
    response = getattr(client, method)(url(setup), data(setup) if data else None)
    assert response.status_code == expected[role], response.content[:500]
    if role == A:
        assert response["Location"].startswith("/konto/logga-in/")
    if method == "post" and expected[role] != 302:
        after = (Insats.objects.count(), list(InsatsAr.objects.values_list("deltagare_kvinnor", flat=True)))
        assert after == before, "a refused write must change nothing"
        assert Insats.objects.get(pk=setup.insats.pk).namn == "Steget vidare"


API_READ_ALL = {A: 403, C: 200, OC: 404, DT: 200, DE: 200, H: 200, AD: 200, U: 404}
API_READ_ASSIGNED = {**API_READ_ALL, DE: 404}
API_CREATE = {A: 403, C: 201, OC: 404, DT: 403, DE: 403, H: 403, AD: 403, U: 404}
API_FULL_WRITE = {A: 403, C: 200, OC: 404, DT: 403, DE: 404, H: 403, AD: 403, U: 404}
API_COUNTS = {A: 403, C: 200, OC: 404, DT: 200, DE: 404, H: 403, AD: 403, U: 404}
API_DELETE = {**API_FULL_WRITE, C: 204}


def api_insats(setup, **extra):
    return {
        "namn": "Via API",
        "typ": "individinriktad",
        "inriktning": "arbetslivsinriktad",
        "malgrupper": ["ingen_specifik"],
        "startdatum": "2025-02-01",
        **extra,
    }


API = [
    ("lista", "get", lambda s: f"/api/v1/forbund/{s.forbund.slug}/insatser/", None, API_READ_ALL),
    ("skapa", "post", lambda s: f"/api/v1/forbund/{s.forbund.slug}/insatser/", api_insats, API_CREATE),
    ("läsa", "get", lambda s: f"/api/v1/insatser/{s.insats.pk}/", None, API_READ_ASSIGNED),
    (
        "ändra allt (PUT)",
        "put",
        lambda s: f"/api/v1/insatser/{s.insats.pk}/",
        lambda s: api_insats(s, namn="Nytt namn", startdatum="2024-01-01", version=s.insats.version),
        API_FULL_WRITE,
    ),
    (
        "ändra antal deltagare (PATCH)",
        "patch",
        lambda s: f"/api/v1/insatser/{s.insats.pk}/",
        lambda s: {
            "version": s.insats.version,
            "arsuppgifter": [{"ar": 2024, "deltagare_kvinnor": 11, "deltagare_man": 9}],
        },
        API_COUNTS,
    ),
    (
        "ta bort",
        "delete",
        lambda s: f"/api/v1/insatser/{s.insats.pk}/?version={s.insats.version}",
        None,
        API_DELETE,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "data", "expected"), API, ids=[a[0] for a in API])
def test_every_api_endpoint_answers_every_role(setup, role, name, method, url, data, expected):
    client = client_for(user_for(setup, role))
    before = (Insats.objects.count(), sorted(InsatsAr.objects.values_list("deltagare_kvinnor", flat=True)))
    if data:
        response = getattr(client, method)(url(setup), json.dumps(data(setup)), content_type="application/json")
    else:
        response = getattr(client, method)(url(setup))
    assert response.status_code == expected[role], response.content[:500]
    if method != "get" and expected[role] >= 400:
        after = (Insats.objects.count(), sorted(InsatsAr.objects.values_list("deltagare_kvinnor", flat=True)))
        assert after == before, "a refused write must change nothing"


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
