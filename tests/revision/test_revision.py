"""The revision of a förbund's year (§5.4): registered by the förbund, read by national staff, counted with how many
förbund reported, written into the draft; every change in the history."""

import datetime

import pytest
from django.test import Client

from forbund.models import Forbund
from forbund.selectors import forbund_existing_q
from rapport.selectors import rapport_underlag
from rapport.utkast import skapa_utkast
from revision.models import Revision
from revision.selectors import revision_lista, revision_summor
from revision.services import revision_save
from tests.factories import ForbundFactory
from tests.rapport.hjalp import oppna, tabell, text

URL = "/forbund/test/revision/2024/"
GILTIG = {
    "berattelse_mottagen": "2025-03-10",
    "ansvarsfrihet": "beviljad",
    "ansvarsfrihet_datum": "2025-05-20",
    "anm_mal": "on",
    "anteckning": "Målen är otydliga.",
    "version": "0",
}


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_forbundsadministrator_registers_and_the_history_names_them(people):
    response = client_for(people.forbundsadministrator).post(URL, GILTIG)
    assert response.status_code == 302
    r = Revision.objects.get(forbund=people.forbund, ar=2024)
    assert (r.ansvarsfrihet, r.ansvarsfrihet_datum, r.anm_mal, r.anm_ovrigt) == (
        "beviljad",
        datetime.date(2025, 5, 20),
        True,
        False,
    )
    assert r.history.latest().history_user == people.forbundsadministrator
    # National staff read it; the page shows the registration, not a form.
    page = client_for(people.handlaggare).get(URL)
    assert page.status_code == 200 and "Mål och måluppfyllelse" in page.content.decode()
    assert b'name="ansvarsfrihet"' not in page.content


@pytest.mark.parametrize(
    ("anvandare", "get", "post"),
    [
        ("handlaggare", 200, 403),
        ("deltagaransvarig", 403, 403),
        ("other_forbundsadministrator", 404, 404),
        ("stranger", 404, 404),
    ],
)
def test_only_the_forbundsadministrator_may_write(people, anvandare, get, post):
    c = client_for(getattr(people, anvandare))
    assert c.get(URL).status_code == get
    assert c.post(URL, GILTIG).status_code == post
    assert not Revision.objects.exists()


def test_a_decision_needs_a_date_after_the_year_and_the_form_keeps_the_input(people):
    c = client_for(people.forbundsadministrator)
    response = c.post(URL, {**GILTIG, "ansvarsfrihet_datum": "", "berattelse_mottagen": "2024-12-01"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Ange datum för beslutet" in str(errors["ansvarsfrihet_datum"])
    assert "ange ett datum från 2025" in str(errors["berattelse_mottagen"])
    assert response.context["form"]["anteckning"].value() == "Målen är otydliga."
    assert not Revision.objects.exists()


def test_a_stale_version_is_refused_and_nothing_changes(people):
    c = client_for(people.forbundsadministrator)
    assert c.post(URL, GILTIG).status_code == 302
    response = c.post(URL, {**GILTIG, "anteckning": "Annat", "version": "0"})
    assert response.status_code == 400 and "Någon annan har sparat" in response.content.decode()
    assert Revision.objects.get().anteckning == "Målen är otydliga."


def test_the_national_counts_say_how_many_reported_and_never_count_a_missing_one(people):
    tredje = ForbundFactory(namn="Samordningsförbundet Tre", slug="tre")
    revision_save(
        forbund=people.forbund,
        ar=2024,
        version=None,
        berattelse_mottagen=datetime.date(2025, 3, 1),
        ansvarsfrihet="beviljad",
        ansvarsfrihet_datum=datetime.date(2025, 5, 1),
        anm_mal=True,
        anm_eget_kapital=True,
    )
    revision_save(forbund=tredje, ar=2024, version=None, berattelse_mottagen=None, ansvarsfrihet="ej_beslutad")
    s = revision_summor(2024)
    # Every förbund of the registry at the year's end (the reference data's and these three), reported or not.
    n = Forbund.objects.filter(forbund_existing_q(datetime.date(2024, 12, 31))).count()
    assert n >= 3
    assert (s["antal_forbund"], s["rapporterat"], s["berattelse_mottagen"], s["med_anmarkning"]) == (n, 2, 1, 1)
    assert s["ansvarsfrihet"] == {"beviljad": 1, "ej_beviljad": 0, "ej_beslutad": 1}
    assert dict(s["anmarkningar"])["Eget kapital i förhållande till mål"] == 1
    page = client_for(people.handlaggare).get("/statistik/revision/", {"ar": 2024})
    assert f"Uppgifter från 2 av {n} förbund." in page.content.decode()
    assert client_for(people.forbundsadministrator).get("/statistik/revision/").status_code == 404

    doc = oppna(skapa_utkast(rapport_underlag(2025)))
    assert f"För 2024 har 2 av {n} förbund registrerat revisionen." in text(doc)
    assert "Ansvarsfrihet har beviljats i 1 förbund, inte beviljats i 0 och ännu inte beslutats i 1." in text(doc)
    rader = tabell(doc, "Revisorernas anmärkningar 2024")
    assert ["Mål och måluppfyllelse", "1"] in rader and ["Intern kontroll", "0"] in rader


def test_a_year_that_is_no_year_keeps_the_national_page_with_a_message(people):
    response = client_for(people.handlaggare).get("/statistik/revision/", {"ar": "tjugo"})
    assert response.status_code == 400
    assert "Välj ett år mellan" in response.content.decode()
    assert response.context["ar"] == response.context["summor"]["ar"]


def test_a_forbund_merged_mid_year_counts_with_the_revision_of_its_last_year(people):
    from forbund.selectors import forbund_under_aret

    gamla = ForbundFactory(namn="Samordningsförbundet Gamla", slug="gamla", upphort=datetime.date(2024, 6, 30))
    revision_save(forbund=gamla, ar=2024, version=None, berattelse_mottagen=None, ansvarsfrihet="ej_beslutad")
    s = revision_summor(2024)
    # Expected to report 2024 like every förbund of the year (the reporting round's and the economy's count).
    assert (s["antal_forbund"], s["rapporterat"]) == (forbund_under_aret(2024).count(), 1)
    assert gamla in [rad["forbund"] for rad in revision_lista(2024)]
