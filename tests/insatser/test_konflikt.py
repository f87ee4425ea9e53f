"""Where users got stuck or lost work: saving again after an edit conflict, a period that could not be shortened, an
inriktning cleared without a word, dates in the browser's locale."""

import datetime
import re

import pytest

from insatser.models import Insats, InsatsAr, Malgrupp
from insatser.services import insats_update
from tests.factories import InsatsArFactory, InsatsFactory
from tests.insatser.conftest import client_for

DATA = {"namn": "Steget vidare", "typ": "individinriktad", "inriktning": "arbetslivsinriktad", "malgrupper": ["unga"],
        "startdatum": "2024-01-01"}  # fmt: skip


def _url(setup, rest=""):
    return f"/forbund/{setup.forbund.slug}/insatser/{setup.insats.pk}/{rest}"


def _hidden(page: str, name: str) -> str:
    return re.search(rf'<input type="hidden" name="{name}" value="(\d+)"', page).group(1)


def test_after_a_conflict_the_insats_form_shows_the_other_change_and_the_next_save_goes_through(setup, chef_client):
    opened = setup.insats.version
    insats_update(
        insats=setup.insats,
        version=opened,
        beskrivning="Den andras text",
        malgrupper=list(Malgrupp.objects.filter(kod__in=["unga", "langtidssjukskrivna"])),
    )
    response = chef_client.post(_url(setup, "andra/"), {**DATA, "beskrivning": "Min text", "version": opened})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page
    assert "Det här ändrade den andra personen" in page
    assert "<td>Den andras text</td>" in page and "<td>Min text</td>" in page  # side by side
    malgrupper = next(r for r in page.split("<tr>") if "Målgrupper</th>" in r)
    assert Malgrupp.objects.get(kod="langtidssjukskrivna").namn in malgrupper
    assert Insats.objects.get(pk=setup.insats.pk).beskrivning == "Den andras text"
    version = _hidden(page, "version")
    assert int(version) == Insats.objects.get(pk=setup.insats.pk).version
    # Second step: the user has seen it and saves again.
    again = chef_client.post(_url(setup, "andra/"), {**DATA, "beskrivning": "Min text", "version": version})
    assert again.status_code == 302
    assert Insats.objects.get(pk=setup.insats.pk).beskrivning == "Min text"


def test_after_a_conflict_the_year_form_shows_the_other_change_and_the_next_save_goes_through(setup, chef_client):
    row = InsatsAr.objects.get(insats=setup.insats, ar=2024)
    other = client_for(setup.people.deltagaransvarig)
    assert other.post(_url(setup, "ar/2024/"), {"version": 0, "ar_version": row.version,
                      "deltagare_kvinnor": "12", "deltagare_man": "8"}).status_code == 302  # fmt: skip
    mine = {"version": 0, "ar_version": row.version, "budget": "500000", "utfall": "480000", "deltagare_kvinnor": "99",
            "deltagare_man": "8"}  # fmt: skip
    response = chef_client.post(_url(setup, "ar/2024/"), mine)
    page = response.content.decode()
    assert "Någon annan har sparat uppgifterna för året" in page
    assert "<td>10</td><td>12</td><td>99</td>" in page  # when opened, the other's, mine
    assert InsatsAr.objects.get(pk=row.pk).deltagare_kvinnor == 12
    again = chef_client.post(_url(setup, "ar/2024/"), {**mine, "ar_version": _hidden(page, "ar_version")})
    assert again.status_code == 302
    assert InsatsAr.objects.get(pk=row.pk).deltagare_kvinnor == 99


def test_a_deltagaransvarig_entering_counts_does_not_conflict_with_the_forbundschef_editing_the_description(
    setup, chef_client
):
    deltagare = client_for(setup.people.deltagaransvarig)
    insats_opened = setup.insats.version
    ar_opened = InsatsAr.objects.get(insats=setup.insats, ar=2024).version
    # The deltagaransvarig saves counts while the förbundschef has the insats form open ...
    saved = deltagare.post(_url(setup, "ar/2024/"), {"version": insats_opened, "ar_version": ar_opened,
                           "deltagare_kvinnor": "11", "deltagare_man": "9"})  # fmt: skip
    assert saved.status_code == 302
    response = chef_client.post(
        _url(setup, "andra/"),
        {**DATA, "beskrivning": "Ny text", "deltagaransvariga": [setup.people.deltagaransvarig.pk],
         "version": insats_opened},
    )  # fmt: skip
    assert response.status_code == 302
    # ... and the other way round: the description changed while the year form was open.
    ar_opened = InsatsAr.objects.get(insats=setup.insats, ar=2024).version
    insats_update(insats=setup.insats, version=Insats.objects.get(pk=setup.insats.pk).version, beskrivning="Igen")
    saved = deltagare.post(_url(setup, "ar/2024/"), {"version": insats_opened, "ar_version": ar_opened,
                           "deltagare_kvinnor": "13", "deltagare_man": "9"})  # fmt: skip
    assert saved.status_code == 302
    insats = Insats.objects.get(pk=setup.insats.pk)
    assert insats.beskrivning == "Igen" and insats.arsuppgifter.get(ar=2024).deltagare_kvinnor == 13


def test_the_api_still_refuses_a_stale_version_with_409(setup, chef_client):
    stale = setup.insats.version
    insats_update(insats=setup.insats, version=stale, beskrivning="Först")
    response = chef_client.patch(
        f"/api/v1/insatser/{setup.insats.pk}/",
        {"version": stale, "beskrivning": "Sen"},
        content_type="application/json",
    )
    assert response.status_code == 409


# ----------------------------------------------------------------------------------------------- shorter period


@pytest.fixture
def tre_ar(setup):
    insats = InsatsFactory(forbund=setup.forbund, namn="Tre år", startdatum=datetime.date(2023, 1, 1))
    for ar in (2023, 2024, 2025):
        InsatsArFactory(insats=insats, ar=ar, budget=1000 * ar)
    return insats


def test_a_shortened_period_removes_the_years_left_outside_in_the_same_step(setup, chef_client, tre_ar):
    url = f"/forbund/{setup.forbund.slug}/insatser/{tre_ar.pk}/andra/"
    data = {"namn": "Tre år", "typ": "individinriktad", "inriktning": tre_ar.inriktning_id, "malgrupper": ["unga"],
            "startdatum": "2023-01-01", "slutdatum": "2023-12-31", "version": tre_ar.version}  # fmt: skip
    first = chef_client.post(url, data)
    page = first.content.decode()
    assert first.status_code == 200
    assert "Uppgifterna för 2024 och 2025 passar inte längre" in page
    assert "Ta bort uppgifterna för 2024 och 2025" in page and 'name="ta_bort_ar"' in page
    assert sorted(tre_ar.arsuppgifter.values_list("ar", flat=True)) == [2023, 2024, 2025]
    second = chef_client.post(url, {**data, "ta_bort_ar": "on", "ta_bort_vilka": "2024,2025"})
    assert second.status_code == 302
    tre_ar.refresh_from_db()
    assert tre_ar.slutdatum == datetime.date(2023, 12, 31)
    assert list(tre_ar.arsuppgifter.values_list("ar", flat=True)) == [2023]
    assert set(InsatsAr.history.filter(insats_id=tre_ar.pk, history_type="-").values_list("ar", flat=True)) == {
        2024,
        2025,
    }


def test_the_year_page_offers_to_remove_the_years_figures_after_a_confirmation(setup, chef_client, tre_ar):
    url = f"/forbund/{setup.forbund.slug}/insatser/{tre_ar.pk}/ar/2025/"
    assert "Ta bort årets uppgifter" in chef_client.get(url).content.decode()
    confirm = chef_client.get(url + "?ta-bort=1")
    assert confirm.status_code == 200 and "Ja, ta bort årets uppgifter" in confirm.content.decode()
    assert tre_ar.arsuppgifter.filter(ar=2025).exists()
    version = tre_ar.arsuppgifter.get(ar=2025).version
    assert chef_client.post(url + "?ta-bort=1", {"version": version}).status_code == 302
    assert not tre_ar.arsuppgifter.filter(ar=2025).exists()
    deleted = InsatsAr.history.get(insats_id=tre_ar.pk, ar=2025, history_type="-")
    assert deleted.history_user == setup.people.forbundsadministrator
    # A deltagaransvarig may not remove figures.
    assert (
        "Ta bort årets uppgifter"
        not in client_for(setup.people.deltagaransvarig).get(_url(setup, "ar/2024/")).content.decode()
    )


def test_removing_a_locked_years_figures_is_refused(setup, chef_client, tre_ar, monkeypatch):
    from rapportering.las import Last

    def last(*, forbund_id, ar):
        raise Last("Året är låst.", code="last")

    monkeypatch.setattr("insatser.arsuppgifter.ar_kontrollera_oppet", last)
    url = f"/forbund/{setup.forbund.slug}/insatser/{tre_ar.pk}/ar/2025/?ta-bort=1"
    response = chef_client.post(url, {"version": tre_ar.arsuppgifter.get(ar=2025).version})
    assert response.status_code == 400 and "Året är låst." in response.content.decode()
    assert tre_ar.arsuppgifter.filter(ar=2025).exists()


# ----------------------------------------------------------------------------------------------- inriktning, dates


def test_an_inriktning_that_does_not_fit_the_dates_is_explained_not_cleared(setup, chef_client):
    from pathlib import Path

    page = chef_client.get(_url(setup, "andra/")).content.decode()
    assert 'data-giltighet="Uppföljning Finsam, från 2023"' in page
    assert "gäller inte under datumen du skrivit (%(giltighet)s)" in page
    js = (Path(__file__).resolve().parents[2] / "static/js/insatser.js").read_text()
    # The chosen option stays shown when the dates do not fit it, and the message says why.
    assert "validDuring(option, from, to) || chosen" in js and "data-passar-inte" in js
    utan_ar = InsatsFactory(forbund=setup.forbund, namn="Utan år", startdatum=datetime.date(2024, 1, 1))
    response = chef_client.post(
        f"/forbund/{setup.forbund.slug}/insatser/{utan_ar.pk}/andra/",
        {**DATA, "namn": "Utan år", "startdatum": "2020-01-01", "slutdatum": "2021-12-31", "version": utan_ar.version},
    )
    assert "gäller inte under insatsens period (Uppföljning Finsam, från 2023)" in response.content.decode()


def test_dates_are_typed_as_iso_whatever_the_browser(setup, chef_client):
    page = chef_client.get(_url(setup, "andra/")).content.decode()
    field = re.search(r'<input[^>]*name="startdatum"[^>]*>', page).group(0)
    assert 'type="text"' in field and 'inputmode="numeric"' in field and 'placeholder="ÅÅÅÅ-MM-DD"' in field
    assert 'value="2024-01-01"' in field and "pattern=" in field
    response = chef_client.post(_url(setup, "andra/"), {**DATA, "startdatum": "01/02/2024",
                                "version": setup.insats.version})  # fmt: skip
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in str(response.context["form"].errors["startdatum"])


def test_figures_left_outside_the_period_can_be_removed_from_the_insats_page(setup, chef_client):
    InsatsArFactory(insats=setup.insats, ar=2023, budget=1)  # from an earlier import: before the startdatum
    page = chef_client.get(_url(setup)).content.decode()
    link = f'href="/forbund/{setup.forbund.slug}/insatser/{setup.insats.pk}/ar/2023/?ta-bort=1"'
    assert link in page and "Ta bort 2023</a>" in page
    assert chef_client.get(_url(setup, "ar/2023/?ta-bort=1")).status_code == 200
    version = InsatsAr.objects.get(insats=setup.insats, ar=2023).version
    assert chef_client.post(_url(setup, "ar/2023/?ta-bort=1"), {"version": version}).status_code == 302
    assert not InsatsAr.objects.filter(insats=setup.insats, ar=2023).exists()
