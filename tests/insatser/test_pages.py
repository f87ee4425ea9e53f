"""The förbund's pages as a förbundschef uses them."""

import datetime
import io

import openpyxl
import pytest

from insatser.models import Insats, InsatsAr, Malgrupp, Typ
from tests.factories import InsatsArFactory, InsatsFactory
from tests.insatser.conftest import THIS_YEAR


def url(setup, rest=""):
    return f"/forbund/{setup.forbund.slug}/{rest}"


def test_start_page_shows_the_year_totals_and_what_is_missing(setup, chef_client):
    InsatsArFactory(insats=setup.insats, ar=THIS_YEAR, budget=300_000, deltagare_kvinnor=None, deltagare_man=None)
    ended = InsatsFactory(forbund=setup.forbund, namn="Avslutad 2024", startdatum=datetime.date(2023, 1, 1),
                          slutdatum=datetime.date(2024, 6, 30))  # fmt: skip
    InsatsArFactory(insats=ended, ar=2024, budget=100_000, deltagare_kvinnor=3, deltagare_man=2)
    response = chef_client.get(url(setup), {"ar": THIS_YEAR})
    o = response.context["oversikt"]
    assert (o.antal, o.budget) == (2, 300_000)  # the ended insats did not run this year
    assert [i.namn for i in o.saknar_deltagare] == ["Steget vidare"]
    assert [i.namn for i in o.saknar_uppgifter] == ["Samverkansdagar"]
    page = response.content.decode()
    assert "Insatser utan antal deltagare" in page and "Insatser utan årsuppgifter" in page
    # Last year's view: utfall is expected when the year is over.
    o = chef_client.get(url(setup), {"ar": 2024}).context["oversikt"]
    assert (o.antal, o.budget, o.deltagare_kvinnor, o.deltagare_man) == (3, 600_000, 13, 10)
    assert [i.namn for i in o.saknar_utfall] == ["Avslutad 2024"]


def test_start_page_queries_do_not_grow_with_the_number_of_insatser(setup, chef_client, django_assert_max_num_queries):
    for n in range(30):
        i = InsatsFactory(forbund=setup.forbund, namn=f"Extra {n}", malgrupper=[Malgrupp.objects.get(kod="unga")])
        InsatsArFactory(insats=i, ar=THIS_YEAR, budget=1000, deltagare_kvinnor=1)
    # The task list's checks read the year's outcome counts (utfall) once; one more query reads the data version
    # under which the task list is then cached, so the next request skips the checks.
    with django_assert_max_num_queries(12):
        assert chef_client.get(url(setup)).status_code == 200
    with django_assert_max_num_queries(8):
        assert chef_client.get(url(setup)).status_code == 200
    with django_assert_max_num_queries(12):
        assert chef_client.get(url(setup, "insatser/")).status_code == 200
    with django_assert_max_num_queries(10):
        assert chef_client.get(url(setup, "insatser/"), {"format": "xlsx"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert chef_client.get(f"/api/v1/forbund/{setup.forbund.slug}/insatser/").status_code == 200


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Samverkansdagar", "Steget vidare", "Unga 2019"]),
        ({"typ": "strukturovergripande"}, ["Samverkansdagar"]),
        ({"inriktning": "arbetslivsinriktad"}, ["Steget vidare"]),
        ({"malgrupp": "unga"}, ["Steget vidare"]),
        ({"status": "avslutad"}, ["Unga 2019"]),
        ({"status": "pagaende"}, ["Samverkansdagar", "Steget vidare"]),
        ({"ar": "2019"}, ["Unga 2019"]),
        ({"q": "STEGET"}, ["Steget vidare"]),
        ({"ordning": "-startdatum"}, ["Samverkansdagar", "Steget vidare", "Unga 2019"]),
        ({"ordning": "startdatum"}, ["Unga 2019", "Samverkansdagar", "Steget vidare"]),
    ],
)
def test_list_filters_search_and_sorting(setup, chef_client, params, expected):
    InsatsFactory(forbund=setup.forbund, namn="Unga 2019", inriktning_id="sus_forberedande",
                  startdatum=datetime.date(2019, 1, 1), slutdatum=datetime.date(2020, 12, 31))  # fmt: skip
    response = chef_client.get(url(setup, "insatser/"), params)
    names = [i.namn for i in response.context["page"].object_list]
    if "ordning" in params:
        assert names[0] == expected[0]
    else:
        assert names == expected
    # The same filters in the API.
    api = chef_client.get(f"/api/v1/forbund/{setup.forbund.slug}/insatser/", params).json()
    assert sorted(i["namn"] for i in api["results"]) == sorted(expected)


def test_list_is_paginated_and_keeps_the_filters(setup, chef_client):
    for n in range(30):
        InsatsFactory(forbund=setup.forbund, namn=f"Insats {n:02d}")
    page = chef_client.get(url(setup, "insatser/"), {"typ": "individinriktad"}).content.decode()
    assert "Sida 1 av 2" in page and "typ=individinriktad&amp;sida=2" in page
    second = chef_client.get(url(setup, "insatser/"), {"typ": "individinriktad", "sida": 2})
    assert len(second.context["page"].object_list) == 6


def test_export_has_one_row_per_insats_and_year_in_the_import_format(setup, chef_client):
    response = chef_client.get(url(setup, "insatser/"), {"format": "importmall", "typ": "individinriktad"})
    assert response["Content-Disposition"].startswith('attachment; filename="insatser-importmall-test-')
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("forbund;namn;typ;inriktning;tidigare_inriktning;malgrupper;startdatum")
    assert (
        lines[1]
        == "test;Steget vidare;individinriktad;arbetslivsinriktad;;unga;2024-01-01;;nej;;;2024;500000;480000;;10;8;"
    )
    assert len(lines) == 2
    xlsx = chef_client.get(url(setup, "insatser/"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4  # header, Steget vidare 2024, Samverkansdagar (no years yet), Totalt


def test_an_export_can_be_imported_again(setup, chef_client):
    from insatser.imports import insats_import

    content = chef_client.get(url(setup, "insatser/"), {"format": "importmall"}).content
    resultat = insats_import(content=content, filnamn="export.csv", user=None)
    assert (resultat.nya_insatser, resultat.andrade_insatser, resultat.andrade_ar) == (0, 0, 0)


def test_a_forbundschef_registers_and_corrects_and_sees_the_history(setup, chef_client):
    response = chef_client.post(
        url(setup, "insatser/ny/"),
        {"namn": "Jobbspåret", "typ": "individinriktad", "inriktning": "arbetslivsinriktad",
         "malgrupper": ["unga", "langtidssjukskrivna"], "startdatum": f"{THIS_YEAR}-02-01", "esf": "on",
         "utforare_fk": "on", "deltagaransvariga": [setup.people.deltagaransvarig.pk]},
    )  # fmt: skip
    insats = Insats.objects.get(namn="Jobbspåret")
    assert response["Location"] == insats.get_absolute_url()
    assert insats.esf and list(insats.deltagaransvariga.all()) == [setup.people.deltagaransvarig]
    ar_url = url(setup, f"insatser/{insats.pk}/ar/{THIS_YEAR}/")
    chef_client.post(
        ar_url, {"version": insats.version, "budget": "1 200 000", "deltagare_kvinnor": "12", "deltagare_man": "5"}
    )
    insats.refresh_from_db()
    chef_client.post(
        ar_url, {"version": insats.version, "budget": "1200000", "deltagare_kvinnor": "14", "deltagare_man": "5"}
    )
    assert InsatsAr.objects.get(insats=insats).deltagare_kvinnor == 14
    page = chef_client.get(insats.get_absolute_url()).content.decode()
    assert "Historik" in page
    assert f"Uppgifterna för {THIS_YEAR} ändrades" in page
    assert "<td>12</td><td>14</td>" in page.replace("\n", "").replace(" ", "")
    assert "Test Person" in page  # who


def test_everything_is_editable_including_typ_and_esf(setup, chef_client):
    other = setup.other_insats
    response = chef_client.post(
        url(setup, f"insatser/{other.pk}/andra/"),
        {"namn": "Samverkansdagar", "typ": "individinriktad", "inriktning": "forebyggande", "malgrupper": ["unga"],
         "startdatum": "2024-01-01", "esf": "on", "version": other.version},
    )  # fmt: skip
    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.typ, other.inriktning_id, other.esf) == (Typ.INDIVIDINRIKTAD, "forebyggande", True)
    change = chef_client.get(other.get_absolute_url()).context["historik"][0]
    assert {a.falt for a in change.andringar} == {
        "typ",
        "preciserad inriktning",
        "ESF-finansierad",
        "målgrupper",
        "deltagaruppföljning",
    }


def test_the_later_of_two_saves_is_refused_and_keeps_its_input(setup, chef_client):
    stale = setup.insats.version
    data = {"namn": "Steget vidare", "typ": "individinriktad", "inriktning": "arbetslivsinriktad",
            "malgrupper": ["unga"], "startdatum": "2024-01-01"}  # fmt: skip
    assert (
        chef_client.post(url(setup, f"insatser/{setup.insats.pk}/andra/"), {**data, "version": stale}).status_code
        == 302
    )
    response = chef_client.post(
        url(setup, f"insatser/{setup.insats.pk}/andra/"), {**data, "beskrivning": "Min text", "version": stale}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Någon annan har sparat ändringar" in page and "Min text" in page
    assert Insats.objects.get(pk=setup.insats.pk).beskrivning == ""
    # Same for the yearly figures (a deltagaransvarig saved in between).
    ar_url = url(setup, f"insatser/{setup.insats.pk}/ar/2024/")
    version = Insats.objects.get(pk=setup.insats.pk).version
    assert chef_client.post(ar_url, {"version": version, "deltagare_kvinnor": "1"}).status_code == 302
    response = chef_client.post(ar_url, {"version": version, "deltagare_kvinnor": "99"})
    assert "Någon annan" in response.content.decode() and 'value="99"' in response.content.decode()
    assert InsatsAr.objects.get(insats=setup.insats, ar=2024).deltagare_kvinnor == 1


def test_changing_dates_may_not_orphan_yearly_figures(setup, chef_client):
    response = chef_client.post(
        url(setup, f"insatser/{setup.insats.pk}/andra/"),
        {"namn": "Steget vidare", "typ": "individinriktad", "inriktning": "arbetslivsinriktad", "malgrupper": ["unga"],
         "startdatum": "2025-01-01", "version": setup.insats.version},
    )  # fmt: skip
    assert "Uppgifterna för 2024 passar inte längre" in str(response.context["form"].errors["startdatum"])


def test_delete_asks_first_and_is_recorded(setup, chef_client):
    page = chef_client.get(url(setup, f"insatser/{setup.insats.pk}/ta-bort/")).content.decode()
    assert "Ta bort Steget vidare?" in page
    assert Insats.objects.filter(pk=setup.insats.pk).exists()
    response = chef_client.post(url(setup, f"insatser/{setup.insats.pk}/ta-bort/"), {"version": setup.insats.version})
    assert response.status_code == 302
    assert not Insats.objects.filter(pk=setup.insats.pk).exists()
    page = chef_client.get(url(setup, "insatser/borttagna/")).content.decode()
    assert "Steget vidare" in page and "Test Person" in page


def test_form_help_texts_describe_every_inriktning(setup, chef_client):
    page = chef_client.get(url(setup, "insatser/ny/")).content.decode()
    assert "Arbetsträning med eller utan parallella aktiviteter" in page
    assert 'aria-describedby="id_namn_helptext"' in page


def test_years_are_shown_without_thousand_separators(setup, chef_client):
    page = chef_client.get(url(setup)).content.decode()
    assert f'<option value="{THIS_YEAR}" selected>{THIS_YEAR}</option>' in page
    page = chef_client.get(url(setup, f"insatser/{setup.insats.pk}/")).content.decode()
    assert f"Registrera {THIS_YEAR}</a>" in page and "Ändra 2024</a>" in page


def test_missing_figures_are_shown_as_a_dash(setup, chef_client):
    InsatsArFactory(insats=setup.insats, ar=THIS_YEAR, budget=300_000)
    page = chef_client.get(url(setup)).content.decode()
    assert "None" not in page
    assert '<td class="num">–</td>' in page


def test_the_start_page_leads_a_forbundschef_to_their_insatser(setup, chef_client):
    page = chef_client.get("/").content.decode()
    assert f'href="/forbund/{setup.forbund.slug}/"' in page


def test_the_insats_page_queries_do_not_grow_with_the_history(setup, chef_client, django_assert_max_num_queries):
    from insatser.services import insats_ar_save, insats_update

    insats = setup.insats
    for n in range(15):
        insats.refresh_from_db()
        insats = insats_update(insats=insats, version=insats.version, beskrivning=f"Version {n}")
        insats_ar_save(insats=insats, version=insats.version, ar=2024, values={"deltagare_kvinnor": n})
    with django_assert_max_num_queries(25):
        response = chef_client.get(insats.get_absolute_url())
    historik = response.context["historik"]
    assert sum(1 for h in historik if h.andringar and h.andringar[0].falt == "beskrivning") == 15
    assert sum(1 for h in historik if h.vad == "Uppgifterna för 2024 ändrades") == 15


def test_start_page_says_unregistered_utfall_is_missing_not_zero(setup, chef_client):
    InsatsArFactory(insats=setup.insats, ar=THIS_YEAR, budget=300_000, utfall=None)
    response = chef_client.get(url(setup), {"ar": THIS_YEAR})
    assert (response.context["oversikt"].budget, response.context["oversikt"].utfall) == (300_000, None)
    page = response.content.decode()
    assert '<span class="value">–</span> kr i utfall' in page
    assert '<span class="value">–</span> kr i budget' not in page


def test_start_page_counts_no_participants_of_an_insats_without_deltagaruppfoljning(setup, chef_client):
    """The same rule as everywhere (insatser.rules.deltagare): a figure typed there before the flag was cleared
    is not a participant count."""
    med = InsatsFactory(forbund=setup.forbund, namn="Med uppföljning", typ=Typ.STRUKTUROVERGRIPANDE,
                        deltagaruppfoljning=True)  # fmt: skip
    utan = InsatsFactory(forbund=setup.forbund, namn="Utan uppföljning", typ=Typ.STRUKTUROVERGRIPANDE,
                         deltagaruppfoljning=False)  # fmt: skip
    InsatsArFactory(insats=med, ar=THIS_YEAR, deltagare_kvinnor=None, deltagare_man=None, deltagare_totalt=40)
    InsatsAr.objects.create(insats=utan, ar=THIS_YEAR, deltagare_totalt=500)
    o = chef_client.get(url(setup), {"ar": THIS_YEAR}).context["oversikt"]
    assert o.deltagare_totalt == 40
    assert {i.namn: i.ar_deltagare for i in o.insatser if i.namn in ("Med uppföljning", "Utan uppföljning")} == {
        "Med uppföljning": 40,
        "Utan uppföljning": None,
    }


def test_the_insats_page_is_current_after_a_change_and_after_a_user_is_renamed(setup, chef_client):
    """The insats page's history is cached under the data version: a change, and a new name for the one who made an
    earlier change, show on the next view."""
    from insatser.services import insats_update

    chef = setup.people.forbundsadministrator
    insats = insats_update(insats=setup.insats, version=setup.insats.version, beskrivning="Första")
    Insats.history.filter(id=insats.pk).update(history_user=chef)
    assert chef_client.get(insats.get_absolute_url()).context["historik"][0].vem == chef.get_full_name()
    insats = insats_update(insats=insats, version=insats.version, beskrivning="Andra")
    historik = chef_client.get(insats.get_absolute_url()).context["historik"]
    assert [a.efter for a in historik[0].andringar] == ["Andra"]
    chef.first_name, chef.last_name = "Nytt", "Namn"
    chef.save()
    page = chef_client.get(insats.get_absolute_url())
    assert [h.vem for h in page.context["historik"]][-2:] == ["Nytt Namn", "Nytt Namn"]
    assert "Nytt Namn" in page.content.decode()
