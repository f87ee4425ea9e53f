"""Messages and labels a new user reads: filter errors, sort order names, per-field error texts, the error summary."""

import datetime
import re

import pytest

from tests.factories import InsatsFactory
from tests.insatser.conftest import THIS_YEAR


def url(setup, rest=""):
    return f"/forbund/{setup.forbund.slug}/{rest}"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"ar": "abc"}, "ar", "Skriv året med fyra siffror, till exempel 2025."),
        ({"ar": "1800"}, "ar", "Välj ett år mellan 1990 och 2100."),
        ({"typ": "okand"}, "typ", "Okänt värde. Välj ett av alternativen i listan."),
        ({"ordning": "hemligt"}, "ordning", "Okänt värde. Välj ett av alternativen i listan."),
    ],
)
def test_an_invalid_filter_says_so_at_the_field_and_pretends_no_year(setup, chef_client, params, field, message):
    response = chef_client.get(url(setup, "insatser/"), params)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<p class="field-error" id="id_{field}_error">{message}</p>' in page
    assert "Filtret kunde inte användas" in page and f'href="#id_{field}"' in page
    if field == "ar":
        assert f'value="{params["ar"]}"' in page  # the wrong value stays visible next to its message
    assert f"för {THIS_YEAR}" not in page and "Inga insatser matchar" not in page
    # A download asked for with the same filter shows the same page, not an empty file.
    download = chef_client.get(url(setup, "insatser/"), {**params, "format": "csv"})
    assert download.status_code == 400 and "Content-Disposition" not in download
    assert message in download.content.decode()


def test_an_invalid_year_on_the_start_page_says_which_year_is_shown(setup, chef_client):
    response = chef_client.get(url(setup), {"ar": "abc"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "”abc” är inget årtal. Välj ett år i listan." in page and f"Sidan visar {THIS_YEAR}." in page
    # A valid year outside the usual choices stays chosen.
    page = chef_client.get(url(setup), {"ar": 2012}).content.decode()
    assert '<option value="2012" selected>2012</option>' in page


def test_sort_orders_have_swedish_names_and_no_duplicate(setup, chef_client):
    page = chef_client.get(url(setup, "insatser/")).content.decode()
    select = re.search(r'<select name="ordning".*?</select>', page, re.S).group(0)
    labels = re.findall(r">([^<]+)</option>", select)
    assert labels[:4] == ["Namn A–Ö", "Namn Ö–A", "Startdatum, nyast först", "Startdatum, äldst först"]
    assert len(labels) == len(set(labels))
    assert not any("descending" in label or "standard" in label for label in labels)
    InsatsFactory(forbund=setup.forbund, namn="Öppna dörren")
    names = [i.namn for i in chef_client.get(url(setup, "insatser/"), {"ordning": "-namn"}).context["page"].object_list]
    assert names[0] == "Öppna dörren"


def test_the_export_text_does_not_promise_an_import_the_user_cannot_see(setup, chef_client):
    page = chef_client.get(url(setup, "insatser/")).content.decode()
    assert "samma format som importen" not in page
    assert "samma kolumner som Försäkringskassans import av insatser" in page


@pytest.mark.parametrize(
    ("falt", "message"),
    [
        ("budget", "Skriv beloppet i hela kronor, utan decimaler (till exempel 125 000)."),
        ("deltagare_kvinnor", "Skriv antalet som ett heltal (till exempel 12)."),
        ("budgeterat_antal_deltagare", "Skriv antalet som ett heltal (till exempel 12)."),
    ],
)
def test_number_errors_give_an_example_that_fits_the_field(setup, chef_client, falt, message):
    response = chef_client.post(
        url(setup, f"insatser/{setup.insats.pk}/ar/2024/"), {"version": setup.insats.version, falt: "12,5"}
    )
    assert response.context["form"].errors[falt] == [message]


def test_the_error_summary_does_not_repeat_the_field_name(setup, chef_client):
    data = {"namn": "Ny", "typ": "individinriktad", "inriktning": "forberedande", "malgrupper": ["unga"],
            "startdatum": "2025-05-01", "slutdatum": "2025-01-01"}  # fmt: skip
    page = chef_client.post(url(setup, "insatser/ny/"), data).content.decode()
    assert '<a href="#id_slutdatum">Slutdatum kan inte vara före startdatum.</a>' in page
    assert "Slutdatum: Slutdatum" not in page
    # A message that does not name its field is told which field it is about.
    page = chef_client.post(url(setup, "insatser/ny/"), {**data, "namn": ""}).content.decode()
    assert '<a href="#id_namn">Namn: Fältet måste fyllas i.</a>' in page


def test_a_sus_inriktning_is_explained_and_marked_in_the_form(setup, chef_client):
    response = chef_client.post(
        url(setup, "insatser/ny/"),
        {"namn": "Ny 2026", "typ": "individinriktad", "inriktning": "sus_forberedande", "malgrupper": ["unga"],
         "startdatum": "2026-01-01"},
    )  # fmt: skip
    assert response.context["form"].errors["inriktning"] == [
        "Förberedande (SUS) gäller inte under insatsens period (SUS, till och med 2022)."
    ]
    page = response.content.decode()
    assert '<optgroup label="Individinriktad (SUS, till och med 2022)">' in page
    assert '<optgroup label="Individinriktad (Uppföljning Finsam, från 2023)">' in page
    assert re.search(r'value="sus_forberedande"[^>]*data-till="2022-12-31"', page)
    assert 'value="forberedande" data-fran="2023-01-01"' in page
    assert "giltig –" not in page


def test_the_start_page_has_breadcrumbs_like_the_other_pages(setup, chef_client):
    page = chef_client.get(url(setup)).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', page, re.S).group(0)
    assert 'aria-current="page">Samordningsförbundet Test</li>' in crumbs
    assert page.count('class="forbund-nav"') == 1  # the shared tab bar, not a second one of ours


def test_dates_in_the_list_do_not_break(setup, chef_client):
    InsatsFactory(forbund=setup.forbund, namn="Avslutad", startdatum=datetime.date(2024, 1, 1),
                  slutdatum=datetime.date(2024, 12, 31))  # fmt: skip
    page = chef_client.get(url(setup, "insatser/"), {"ar": 2024}).content.decode()
    assert '<span class="date">2024-01-01</span>–<span class="date">2024-12-31</span>' in page
    assert '<div class="table-scroll" tabindex="0" role="region"' in page
