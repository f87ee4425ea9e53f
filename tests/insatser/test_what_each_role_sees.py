"""What a user is shown matches what they may do: read-only users get links to pages they can open, never to forms
that answer 403, and a deltagaransvarig sees no money figures anywhere (pages, export, history, API)."""

import csv
import datetime
import io
import re

import openpyxl
import pytest

from insatser.services import insats_ar_save, insats_update
from tests.factories import InsatsArFactory
from tests.insatser.conftest import THIS_YEAR, client_for


def hrefs(page: str, slug: str) -> set[str]:
    return set(re.findall(rf'href="(/forbund/{slug}/[^"?#]*)"', page))


@pytest.mark.parametrize("role", ["handlaggare", "administrator", "deltagaransvarig"])
def test_every_forbund_link_a_reader_is_shown_opens(setup, role):
    """Start page, list and insats page: each link under /forbund/<slug>/ opens for this user (no 403, no 404)."""
    InsatsArFactory(insats=setup.other_insats, ar=THIS_YEAR, budget=1000)  # missing participants this year
    client = client_for(getattr(setup.people, role))
    slug = setup.forbund.slug
    pages = [f"/forbund/{slug}/", f"/forbund/{slug}/?ar=2024", f"/forbund/{slug}/insatser/",
             f"/forbund/{slug}/insatser/{setup.insats.pk}/"]  # fmt: skip
    seen = set()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        seen |= hrefs(response.content.decode(), slug)
    assert seen
    for link in sorted(seen):
        assert client.get(link).status_code == 200, f"{role} is shown {link}"


def test_a_handlaggare_on_the_start_page_is_led_to_the_insats_not_the_year_form(setup):
    page = client_for(setup.people.handlaggare).get(f"/forbund/{setup.forbund.slug}/").content.decode()
    assert "Det här saknas för året" in page and "Samverkansdagar" in page
    assert f"/insatser/{setup.other_insats.pk}/ar/" not in page
    assert f'href="/forbund/test/insatser/{setup.other_insats.pk}/"' in page
    assert "Registrera ny insats" not in page
    assert "länkarna leder till insatsen" in page


def test_a_forbundschef_on_the_start_page_is_led_to_the_year_form(setup, chef_client):
    page = chef_client.get(f"/forbund/{setup.forbund.slug}/").content.decode()
    assert f'href="/forbund/test/insatser/{setup.other_insats.pk}/ar/{THIS_YEAR}/"' in page


def test_a_deltagaransvarig_is_led_to_their_counts_and_not_told_about_utfall(setup):
    page = client_for(setup.people.deltagaransvarig).get(f"/forbund/{setup.forbund.slug}/?ar={THIS_YEAR}")
    html = page.content.decode()
    assert f'href="/forbund/test/insatser/{setup.insats.pk}/ar/{THIS_YEAR}/"' in html
    past = client_for(setup.people.deltagaransvarig).get(f"/forbund/{setup.forbund.slug}/?ar=2024")
    assert past.context["oversikt"].saknar_utfall == []
    assert "Insatser utan utfall" not in past.content.decode()


def test_year_links_on_the_insats_page_only_where_the_form_opens(setup):
    # A year outside the insats's period (left from an earlier import) is shown but has no link (the form is 404).
    InsatsArFactory(insats=setup.insats, ar=2023, deltagare_kvinnor=1)
    page = client_for(setup.people.deltagaransvarig).get(setup.insats.get_absolute_url()).content.decode()
    assert "Ändra 2024</a>" in page and "Ändra 2023</a>" not in page and '<th scope="row">2023</th>' in page
    page = client_for(setup.people.handlaggare).get(setup.insats.get_absolute_url()).content.decode()
    assert "/ar/" not in page and "Ändra insatsen" not in page


def test_a_deltagaransvarig_export_has_counts_but_no_money(setup):
    client = client_for(setup.people.deltagaransvarig)
    response = client.get(f"/forbund/{setup.forbund.slug}/insatser/", {"format": "importmall"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r["namn"] for r in rows] == ["Steget vidare"]
    assert "budget" not in rows[0] and "utfall" not in rows[0] and "budgeterat_antal_deltagare" not in rows[0]
    assert (rows[0]["deltagare_kvinnor"], rows[0]["deltagare_man"]) == ("10", "8")
    lasbar = client.get(f"/forbund/{setup.forbund.slug}/insatser/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "Budget (kr)" not in lasbar and "Deltagare, kvinnor" in lasbar
    assert "500000" not in response.content.decode() and "480000" not in response.content.decode()
    xlsx = client.get(f"/forbund/{setup.forbund.slug}/insatser/", {"format": "xlsx"})
    header = [c.value for c in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active[1]]
    assert "Budget (kr)" not in header and "Deltagare, kvinnor" in header
    page = client.get(f"/forbund/{setup.forbund.slug}/insatser/").content.decode()
    assert "utan belopp" in page


def test_a_deltagaransvarig_history_has_no_money(setup, chef_client):
    insats = setup.insats
    insats_ar_save(insats=insats, version=insats.version, ar=2024, values={"budget": 650_000, "utfall": 480_000,
                   "deltagare_kvinnor": 10, "deltagare_man": 8})  # fmt: skip
    insats.refresh_from_db()
    insats_ar_save(insats=insats, version=insats.version, ar=2024, values={"budget": 650_000, "utfall": 480_000,
                   "deltagare_kvinnor": 11, "deltagare_man": 8})  # fmt: skip
    chef = chef_client.get(insats.get_absolute_url()).content.decode()
    assert "650 000" in chef or "650\xa0000" in chef
    response = client_for(setup.people.deltagaransvarig).get(insats.get_absolute_url())
    page = response.content.decode()
    assert "650" not in page and "480" not in page and "500" not in page
    assert "Budget" not in page and "Utfall" not in page
    vad = [h.vad for h in response.context["historik"]]
    assert vad.count("Uppgifterna för 2024 ändrades") == 1  # the budget-only change is not listed
    assert "Uppgifter för 2024 registrerades" in vad


def test_a_deltagaransvarig_gets_no_money_from_the_api(setup):
    client = client_for(setup.people.deltagaransvarig)
    data = client.get(f"/api/v1/insatser/{setup.insats.pk}/").json()
    assert data["arsuppgifter"] == [{"ar": 2024, "deltagare_kvinnor": 10, "deltagare_man": 8, "deltagare_totalt": None}]
    listed = client.get(f"/api/v1/forbund/{setup.forbund.slug}/insatser/").json()["results"]
    assert "budget" not in listed[0]["arsuppgifter"][0]
    handlaggare = client_for(setup.people.handlaggare).get(f"/api/v1/insatser/{setup.insats.pk}/").json()
    assert handlaggare["arsuppgifter"][0]["budget"] == 500_000


def test_genomfors_av_is_a_clean_list_or_a_dash(setup, chef_client):
    from tests.factories import MedlemskapFactory, kommun

    MedlemskapFactory(forbund=setup.forbund, kommun=kommun("0180"), giltig_fran=datetime.date(2020, 1, 1))
    page = chef_client.get(setup.insats.get_absolute_url()).content.decode()
    assert re.search(r"<dt>Genomförs av</dt>\s*<dd>–</dd>", page)
    setup.insats.utforare_fk = setup.insats.utforare_af = True
    setup.insats.save()
    setup.insats.utforare_kommuner.add(kommun("0180"))
    page = chef_client.get(setup.insats.get_absolute_url()).content.decode()
    assert re.search(r"<dd>Försäkringskassan, Arbetsförmedlingen, Stockholm</dd>", page)


def test_a_deltagaransvarig_is_not_told_who_else_is_deltagaransvarig(setup, chef_client):
    """The insats page hides the other deltagaransvariga from a deltagaransvarig: so do its history and the API."""
    kollega = setup.ej_ansvarig
    kollega.first_name, kollega.last_name = "Kerstin", "Kollegasson"
    kollega.save()
    insats = setup.insats
    before = [
        h.vad for h in client_for(setup.people.deltagaransvarig).get(insats.get_absolute_url()).context["historik"]
    ]
    insats_update(insats=insats, version=insats.version, deltagaransvariga=[setup.people.deltagaransvarig, kollega])
    chef_history = chef_client.get(insats.get_absolute_url())
    assert (
        "Kerstin Kollegasson" in chef_history.content.decode()
    )  # the förbundsadministratör sees who was assigned, and when
    response = client_for(setup.people.deltagaransvarig).get(insats.get_absolute_url())
    page = response.content.decode()
    assert "Kollegasson" not in page and "Deltagaransvariga" not in page
    falt = {a.falt for h in response.context["historik"] for a in h.andringar}
    assert "deltagaransvariga" not in falt
    # The change of only the deltagaransvariga is not listed for them at all.
    assert [h.vad for h in response.context["historik"]] == before
    data = client_for(setup.people.deltagaransvarig).get(f"/api/v1/insatser/{insats.pk}/").json()
    assert "deltagaransvariga" not in data and "ej-ansvarig" not in str(data)
    listed = client_for(setup.people.deltagaransvarig).get(f"/api/v1/forbund/{setup.forbund.slug}/insatser/").json()
    assert "ej-ansvarig" not in str(listed)


def test_each_user_gets_their_own_cached_pages(setup, chef_client):
    """The förbund pages are cached as HTML per user and roles: a deltagaransvarig who opens them after the
    förbundsadministratör sees no money and only the insatser assigned to them, and a newly assigned insats shows."""
    insats, other = setup.insats, setup.other_insats
    bas = f"/forbund/{setup.forbund.slug}"
    sidor = [f"{bas}/", f"{bas}/insatser/", insats.get_absolute_url()]
    for sida in sidor:
        assert "Budget (kr)" in chef_client.get(sida).content.decode()
    assert other.namn in chef_client.get(f"{bas}/insatser/").content.decode()
    ansvarig = client_for(setup.people.deltagaransvarig)
    for sida in sidor:
        assert "Budget (kr)" not in ansvarig.get(sida).content.decode()
    assert other.namn not in ansvarig.get(f"{bas}/insatser/").content.decode()
    assert ansvarig.get(other.get_absolute_url()).status_code == 404
    other.deltagaransvariga.add(setup.people.deltagaransvarig)
    assert other.namn in ansvarig.get(f"{bas}/insatser/").content.decode()
    assert ansvarig.get(other.get_absolute_url()).status_code == 200
