"""Start pages that lead to the work: each role's start page links to what that role does next."""

import datetime

import pytest

from konton.models import Profil
from konton.selectors import andringar_sedan
from tests.factories import InsatsFactory

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.date.today().year


def test_a_forbundsadministrators_start_page_leads_to_insatser_ekonomi_and_what_is_missing(client, people):
    client.force_login(people.forbundsadministrator)
    page = client.get("/").text
    for href in (
        "/forbund/test/",
        "/forbund/test/insatser/",
        "/forbund/test/ekonomi/",
        f"/forbund/test/rapport/{THIS_YEAR - 1}/",
        "/forbund/test/anvandare/",
    ):
        assert f'href="{href}"' in page, href
    assert f"Vad som saknas {THIS_YEAR}" in page
    assert "/forbund/annat/" not in page


def test_a_deltagaransvarigs_start_page_lists_their_insatser_with_the_years_form(client, people):
    mine = InsatsFactory(forbund=people.forbund, namn="Min insats", startdatum=datetime.date(THIS_YEAR, 1, 1))
    mine.deltagaransvariga.add(people.deltagaransvarig)
    InsatsFactory(forbund=people.forbund, namn="Någon annans", startdatum=datetime.date(THIS_YEAR, 1, 1))
    client.force_login(people.deltagaransvarig)
    page = client.get("/").text
    assert "Min insats" in page and "Någon annans" not in page
    assert f'href="/forbund/test/insatser/{mine.pk}/ar/{THIS_YEAR}/"' in page
    assert "/forbund/test/ekonomi/" not in page and "/forbund/test/anvandare/" not in page


def test_a_national_users_start_page_leads_to_the_dashboard_the_review_queue_and_changes(client, people):
    client.force_login(people.handlaggare)
    page = client.get("/").text
    assert 'href="/statistik/"' in page and 'href="/rapportering/granskning/"' in page
    assert "De senaste 30 dagarna har andra ändrat" in page  # no previous login known yet
    assert "/konton/" not in page
    client.force_login(people.handlaggare)  # a second login: the first is now "your previous visit"
    assert "Sedan ditt förra besök" in client.get("/").text


def test_an_administrators_start_page_leads_to_users_and_the_log(client, people):
    client.force_login(people.administrator)
    page = client.get("/").text
    assert 'href="/konton/"' in page and 'href="/konton/logg/"' in page


def test_changes_are_counted_since_the_previous_login_and_not_the_users_own(people):
    insats = InsatsFactory(forbund=people.forbund)
    profil = Profil.objects.create(
        user=people.handlaggare, forra_inloggning=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    )
    before = andringar_sedan(people.handlaggare)["insatser"]
    insats.beskrivning = "Ny"
    insats.save()
    assert andringar_sedan(people.handlaggare)["insatser"] == before + 1
    insats._history_user = people.handlaggare
    insats.save()
    assert andringar_sedan(people.handlaggare)["insatser"] == before + 1
    profil.forra_inloggning = datetime.datetime.now(datetime.UTC)
    profil.save()
    assert andringar_sedan(people.handlaggare) | {"sedan": None} == {
        "sedan": None,
        "kand": True,
        "dagar": 30,
        "insatser": 0,
        "ekonomi": 0,
    }


def test_a_login_remembers_the_previous_one(client, people):
    client.force_login(people.stranger)
    first = Profil.objects.get(user=people.stranger)
    assert first.forra_inloggning is None and first.senaste_inloggning is not None
    client.force_login(people.stranger)
    profil = Profil.objects.get(user=people.stranger)
    assert profil.forra_inloggning == first.senaste_inloggning


def test_the_header_and_the_forbund_menu_lead_to_the_account_pages(client, people):
    client.force_login(people.forbundsadministrator)
    page = client.get("/forbund/test/").text
    assert 'href="/konto/"' in page and 'href="/forbund/test/anvandare/"' in page
    assert 'href="/konton/"' not in page
    client.force_login(people.deltagaransvarig)
    assert 'href="/forbund/test/anvandare/"' not in client.get("/forbund/test/").text
    client.force_login(people.administrator)
    page = client.get("/konton/").text
    assert 'href="/konton/" aria-current="true"' in page
