"""Frozen extracts: equal to the live figures when taken, unchanged afterwards, shown and compared."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from forbund.models import Roll
from insatser.models import Malgrupp
from rapportering.models import Uttag
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory

AR = 2024


@pytest.fixture
def granskare(db):
    user = UserFactory(username="granskare")
    BehorighetFactory(user=user, roll=Roll.GRANSKARE, forbund=None)
    return user


@pytest.fixture
def insats(people):
    i = InsatsFactory(
        forbund=people.forbund,
        namn="Steget",
        startdatum=datetime.date(AR, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    InsatsArFactory(insats=i, ar=AR, budget=100_000, utfall=90_000, deltagare_kvinnor=7, deltagare_man=5)
    return i


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def live_json(client):
    return client.get(f"/api/v1/statistik/{AR}/").json()


def test_an_extract_equals_the_live_figures_when_taken_and_never_changes(people, insats, granskare):
    c = client_for(granskare)
    before = live_json(c)
    out = io.StringIO()
    call_command("uttag", "--ar", str(AR), "--anvandare", "granskare", stdout=out)
    uttag_id = int(out.getvalue().strip())
    assert c.get(f"/api/v1/statistik/{AR}/?uttag={uttag_id}").json() == before
    # Later edits change the live figures, never the extract.
    insats.arsuppgifter.filter(ar=AR).update(deltagare_kvinnor=70)
    after = live_json(c)
    assert after != before
    assert c.get(f"/api/v1/statistik/{AR}/?uttag={uttag_id}").json() == before
    assert c.get(f"/api/v1/statistik/{AR}/?uttag=senaste").json() == before
    exported = io.StringIO()
    call_command("export_statistik", "--ar", str(AR), "--uttag", str(uttag_id), stdout=exported)
    assert json.loads(exported.getvalue()) == before
    exported = io.StringIO()
    call_command("export_statistik", "--ar", str(AR), "--uttag", "senaste", stdout=exported)
    assert json.loads(exported.getvalue()) == before
    # The comparison names the figures and the förbund that changed since.
    page = c.get(f"/rapportering/uttag/{uttag_id}/jamfor/").content.decode()
    assert people.forbund.namn in page
    assert "deltagare_individinriktade" in page
    assert "75" in page and "12" in page


def test_an_extract_is_shown_as_taken_from_the_dashboards_chooser(people, insats, granskare):
    c = client_for(granskare)
    response = c.post("/rapportering/uttag/", {"ar": str(AR)})
    uttag = Uttag.objects.get()
    assert response["Location"] == f"/rapportering/uttag/{uttag.pk}/"
    assert uttag.tagen_av == granskare and not uttag.faststalld
    dashboard = c.get(f"/statistik/?ar={AR}").content.decode()
    assert "Preliminära" in dashboard
    assert f'<option value="{uttag.pk}">' in dashboard
    chosen = c.get(f"/statistik/?ar={AR}&uttag={uttag.pk}")
    assert chosen["Location"] == f"/rapportering/uttag/{uttag.pk}/"
    insats.arsuppgifter.filter(ar=AR).update(deltagare_kvinnor=70)
    page = c.get(chosen["Location"]).content.decode()
    assert "Preliminär" in page and f"Uttag {uttag.pk}" in page
    assert "Tabell 1" in page
    assert c.get(f"/statistik/?ar={AR}&uttag=999999").status_code == 404


def test_only_reviewers_take_extracts_and_unknown_ones_are_clear(people, insats, granskare):
    assert client_for(people.handlaggare).post("/rapportering/uttag/", {"ar": str(AR)}).status_code == 403
    assert client_for(people.forbundsadministrator).post("/rapportering/uttag/", {"ar": str(AR)}).status_code == 404
    assert not Uttag.objects.exists()
    c = client_for(granskare)
    assert c.get(f"/api/v1/statistik/{AR}/?uttag=12345").status_code == 404
    assert c.get(f"/api/v1/statistik/{AR}/?uttag=senaste&lan=17").status_code == 400
    with pytest.raises(CommandError, match="inget uttag"):
        call_command("export_statistik", "--ar", str(AR), "--uttag", "senaste")
    with pytest.raises(CommandError, match="ingen användare"):
        call_command("uttag", "--ar", str(AR), "--anvandare", "finns-inte")
