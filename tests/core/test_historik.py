"""The one history (core.historik): labels from the fields, values as users read them, m2m changes, deletions and
restores, imports as "system", and a query count that does not grow with the number of changes."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.historik import formatera, vem
from ekonomi.services import medlemsbidrag_set, statsbidrag_set
from insatser import services
from insatser.historik import insats_historik
from insatser.models import Insats, InsatsAr, Malgrupp, Typ
from revision.models import Revision
from tests.factories import InsatsArFactory, InsatsFactory, MedlemskapFactory, kommun

pytestmark = pytest.mark.django_db


def test_values_read_as_users_write_them():
    typ = Insats._meta.get_field("typ")
    assert formatera(None) == formatera("") == formatera(frozenset()) == "–"
    assert (formatera(True), formatera(False)) == ("Ja", "Nej")
    assert formatera(datetime.date(2024, 3, 1)) == "2024-03-01"
    assert formatera(Typ.STRUKTUROVERGRIPANDE, typ) == "Strukturövergripande"
    assert formatera(1_234_567) == "1\xa0234\xa0567"
    assert formatera(-5000) == "\u22125\xa0000"
    assert formatera(0) == "0"  # 0 kr is registered, not nothing
    assert formatera(frozenset({"b", "a"}), namn={"a": "Unga", "b": "Kvinnor"}) == "Kvinnor, Unga"


def test_who_is_the_users_name_or_the_system(people):
    assert vem(people.forbundsadministrator) == people.forbundsadministrator.get_full_name()
    assert vem(None) == "system (import eller skript)"


def _user(client_user):
    client = Client()
    client.force_login(client_user)
    return client


def test_an_insats_change_lists_labelled_fields_and_m2m_by_name(people):
    insats = InsatsFactory(forbund=people.forbund, namn="Steget", malgrupper=[Malgrupp.objects.get(kod="unga")])
    insats.refresh_from_db()
    nya = list(Malgrupp.objects.exclude(kod="unga")[:1]) + [Malgrupp.objects.get(kod="unga")]
    services.insats_update(
        insats=insats, version=insats.version, namn="Steget vidare", esf=True, typ=Typ.INDIVIDINRIKTAD, malgrupper=nya
    )
    senaste = insats_historik(insats)[0]
    assert senaste.vad == "Insatsen ändrades"
    andringar = {a.falt: (a.fore, a.efter) for a in senaste.andringar}
    assert andringar["namn"] == ("Steget", "Steget vidare")
    assert andringar["ESF-finansierad"] == ("Nej", "Ja")
    assert andringar["målgrupper"] == ("Unga", ", ".join(sorted(m.namn for m in nya)))
    assert "typ" not in andringar  # unchanged fields are not listed


def test_an_import_is_recorded_as_the_system_and_registration_lists_what_was_set(people):
    insats = InsatsFactory(forbund=people.forbund, namn="Importerad")  # no user: an import or a script
    registrerad = insats_historik(insats)[-1]
    assert registrerad.vem == "system (import eller skript)"
    assert registrerad.vad == "Insatsen registrerades"
    andringar = {a.falt: (a.fore, a.efter) for a in registrerad.andringar}
    assert andringar["namn"] == ("–", "Importerad")
    assert andringar["startdatum"] == ("–", "2024-01-01")
    assert "beskrivning" not in andringar  # nothing registered is not a change


def test_a_deletion_and_a_restore_keep_their_history(people):
    insats = InsatsFactory(forbund=people.forbund, namn="Borta", malgrupper=[Malgrupp.objects.get(kod="unga")])
    InsatsArFactory(insats=insats, ar=2024, budget=1000, deltagare_kvinnor=3)
    insats.refresh_from_db()
    services.insats_delete(insats=insats, version=insats.version)
    record = Insats.history.filter(id=insats.pk, history_type="-").get()
    vad = [h.vad for h in insats_historik(record)]
    assert set(vad[:2]) == {"Insatsen togs bort", "Uppgifterna för 2024 togs bort"}  # at the same moment
    ar = next(h for h in insats_historik(record) if h.vad == "Uppgifterna för 2024 togs bort")
    assert {a.falt: (a.fore, a.efter) for a in ar.andringar}["budget (kr)"] == ("1\xa0000", "–")
    services.insats_restore(record=record)
    vad = [h.vad for h in insats_historik(record)]
    assert "Insatsen återställdes" in vad and "Uppgifterna för 2024 återställdes" in vad
    assert InsatsAr.objects.get(insats_id=insats.pk).budget == 1000


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_insats_history_costs_the_same_for_2_and_20_changes(people):
    insats = InsatsFactory(forbund=people.forbund, malgrupper=[Malgrupp.objects.get(kod="unga")])
    insats.deltagaransvariga.add(people.deltagaransvarig)
    client = _user(people.forbundsadministrator)
    url = insats.get_absolute_url()

    def change(n):
        for i in range(n):
            insats.refresh_from_db()
            services.insats_update(insats=insats, version=insats.version, beskrivning=f"Ändring {i}")

    change(2)
    few = _queries(client, url)
    change(18)
    assert _queries(client, url) == few


def test_the_economy_history_costs_the_same_for_2_and_20_changes(people):
    MedlemskapFactory(forbund=people.forbund, kommun=kommun("1784"), giltig_fran=datetime.date(2015, 1, 1))
    client = _user(people.forbundsadministrator)
    url = f"/forbund/{people.forbund.slug}/ekonomi/2024/historik/"

    def change(n, start):
        for i in range(n):
            medlemsbidrag_set(forbund=people.forbund, ar=2024, belopp={("kommun", "1784"): (start + i) * 1000})

    change(2, 1)
    few = _queries(client, url)
    change(18, 10)
    page = client.get(url).content.decode()
    assert "Arvika" in page and "27\xa0000" in page
    assert _queries(client, url) == few


def test_the_revision_page_shows_its_history_with_choices_and_remarks_by_label(people):
    url = f"/forbund/{people.forbund.slug}/revision/2024/"
    form = {"ansvarsfrihet": "ej_beslutad", "version": "0"}
    admin = _user(people.forbundsadministrator)
    assert admin.post(url, form).status_code == 302
    version = str(Revision.objects.get().version)
    changed = {**form, "ansvarsfrihet": "beviljad", "ansvarsfrihet_datum": "2025-05-20", "anm_mal": "on"}
    assert admin.post(url, {**changed, "version": version}).status_code == 302
    page = _user(people.handlaggare).get(url).content.decode()
    historik = page[page.index('id="historik"') :]
    assert "Revisionen ändrades" in historik and people.forbundsadministrator.get_full_name() in historik
    assert "<td>Ej beslutad</td><td>Beviljad</td>" in historik
    assert "<td>–</td><td>2025-05-20</td>" in historik and "<td>Nej</td><td>Ja</td>" in historik


def test_the_state_allocation_page_shows_before_and_after(people):
    statsbidrag_set(ar=2024, tilldelat=339_000_000)
    statsbidrag_set(ar=2024, tilldelat=340_000_000)
    page = _user(people.administrator).get("/ekonomi/2024/statliga-medel/").content.decode()
    historik = page[page.index('id="historik"') :]
    assert "<td>339\xa0000\xa0000</td><td>340\xa0000\xa0000</td>" in historik
    assert "<td>–</td><td>339\xa0000\xa0000</td>" in historik
    assert "system (import eller skript)" in historik  # written by a script, no user
