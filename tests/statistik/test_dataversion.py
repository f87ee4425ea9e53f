"""The national statistics are cached under the data version: a write through any door shows on the next request,
a rolled back write changes nothing, and a cached figure is not computed again (core.dataversion, ADR 0010).

The doors are tested with real commits (transaction=True), so the version is raised the way production raises it:
after the commit."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from core import dataversion
from ekonomi.models import Arsekonomi, Medlemsbidrag
from forbund.models import Forbund, Medlemskap
from insatser.models import Insats, InsatsAr, Malgrupp
from rapportering.models import Arsrapport
from tests.factories import InsatsArFactory, InsatsFactory
from tests.insatser.conftest import client_for
from tests.insatser.test_import import row
from tests.insatser.test_validation import _csv
from utfall.models import Utfallsantal

real_commits = pytest.mark.django_db(transaction=True)


def deltagare(client) -> int:
    """Participants in individinriktade insatser 2024, as the dashboard and the API show them."""
    page = client.get("/statistik/?ar=2024")
    api = client.get("/api/v1/statistik/2024/").json()
    assert page.context["nu"]["individinriktade"]["deltagare"] == api["individinriktade"]["deltagare"]
    return api["individinriktade"]["deltagare"]


def insatser(client) -> int:
    page = client.get("/statistik/?ar=2024")
    status = client.get("/statistik/registrering/?ar=2024")
    assert status.status_code == 200
    return page.context["nu"]["insatser"]["totalt"]


@pytest.fixture
def insats(reference_data, people):
    insats = InsatsFactory(forbund=people.forbund, namn="Steget vidare", startdatum=datetime.date(2024, 1, 1))
    insats.deltagaransvariga.add(people.deltagaransvarig)
    InsatsArFactory(insats=insats, ar=2024, budget=500_000, deltagare_kvinnor=10, deltagare_man=8)
    return insats


@real_commits
def test_the_year_form_changes_the_next_dashboard(insats, people):
    national = client_for(people.handlaggare)
    assert deltagare(national) == 18
    chef = client_for(people.forbundsadministrator)
    url = f"/forbund/{people.forbund.slug}/insatser/{insats.pk}/ar/2024/"
    version = Insats.objects.get(pk=insats.pk).version
    response = chef.post(url, {"version": version, "budget": "500000", "deltagare_kvinnor": "30", "deltagare_man": "8"})
    assert response.status_code == 302
    assert deltagare(national) == 38


@real_commits
def test_the_api_changes_the_next_dashboard(insats, people):
    national = client_for(people.handlaggare)
    assert deltagare(national) == 18
    body = {"version": insats.version, "arsuppgifter": [{"ar": 2024, "deltagare_kvinnor": 15}]}
    response = client_for(people.deltagaransvarig).patch(
        f"/api/v1/insatser/{insats.pk}/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert deltagare(national) == 23


@real_commits
def test_an_import_changes_the_next_dashboard(insats, people, tmp_path):
    national = client_for(people.handlaggare)
    assert insatser(national) == 1
    path = tmp_path / "insatser.csv"
    path.write_bytes(_csv([row(people.forbund.slug, "Ny via fil", 2024)]))
    call_command("import_insatser", str(path), "--anvandare", people.forbundsadministrator.username)
    assert insatser(national) == 2


@real_commits
def test_an_import_in_the_admin_site_changes_the_next_dashboard(insats, people, admin_user):
    national = client_for(people.handlaggare)
    assert insatser(national) == 1
    admin = client_for(admin_user)
    upload = SimpleUploadedFile("insatser.csv", _csv([row(people.forbund.slug, "Via admin", 2024)]))
    assert admin.post("/admin/insatser/insats/importera/", {"fil": upload}).status_code == 200
    assert insatser(national) == 1  # a preview writes nothing
    assert admin.post("/admin/insatser/insats/importera/", {"bekrafta": "1"}).status_code == 302
    assert insatser(national) == 2


@real_commits
def test_a_rolled_back_write_does_not_raise_the_version(insats, people):
    national = client_for(people.handlaggare)
    assert deltagare(national) == 18
    before = dataversion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        rad = InsatsAr.objects.get(insats=insats, ar=2024)
        rad.deltagare_kvinnor = 100
        rad.save()
        raise RuntimeError
    assert dataversion.current() == before
    assert deltagare(national) == 18


@real_commits
def test_a_transaction_raises_the_version_once_and_only_when_it_commits(insats):
    before = dataversion.current()
    with transaction.atomic():
        rad = InsatsAr.objects.get(insats=insats, ar=2024)
        rad.deltagare_kvinnor = 11
        rad.save()
        insats.malgrupper.add(Malgrupp.objects.first())
        assert dataversion.current() == before
    assert dataversion.current() == before + 1


@pytest.mark.django_db
def test_a_cached_figure_is_not_computed_again(insats, people, monkeypatch, django_assert_max_num_queries):
    import statistik.arsstatistik
    import statistik.oversikt
    import statistik.tabeller

    calls = []
    for module, name in (
        (statistik.tabeller, "_rapport"),
        (statistik.arsstatistik, "_ar_statistik"),
        (statistik.oversikt, "_forbund_oversikt"),
    ):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    national = client_for(people.handlaggare)
    pages = ["/statistik/?ar=2024", "/api/v1/statistik/2024/", "/statistik/registrering/?ar=2024"]
    first = national.get(pages[1]).json()
    assert [national.get(url).status_code for url in pages] == [200, 200, 200]
    assert sorted(set(calls)) == ["_ar_statistik", "_forbund_oversikt", "_rapport"]
    calls.clear()
    with django_assert_max_num_queries(12 * len(pages)):
        assert [national.get(url).status_code for url in pages] == [200, 200, 200]
    assert national.get(pages[1]).json() == first
    assert calls == []
    # A write makes the next request compute afresh.
    InsatsArFactory(insats=InsatsFactory(forbund=people.forbund, startdatum=datetime.date(2024, 1, 1)), ar=2024)
    national.get(pages[0])
    assert calls == ["_rapport"]


@pytest.mark.django_db
def test_every_model_holding_figures_raises_the_version():
    modeller = set(dataversion.figure_models())
    for model in (Insats, InsatsAr, Arsekonomi, Medlemsbidrag, Forbund, Medlemskap, Utfallsantal, Arsrapport):
        assert model in modeller, model
    assert not any(m.__name__.startswith("Historical") for m in modeller)
