"""The checks on crafted data: each planted problem is found with its code, and a clean förbund gives nothing."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from insatser.models import Inriktning, Malgrupp, Typ
from rapportering.kontroller import KONTROLLER, kontrollera
from tests.factories import ForbundFactory, InsatsArFactory, InsatsFactory

AR = 2024
EFTER_ARET = datetime.date(AR + 1, 2, 1)


def malgrupper(*koder):
    return list(Malgrupp.objects.filter(kod__in=koder))


def ren_insats(forbund, namn, typ=Typ.INDIVIDINRIKTAD, n=20, budget=400_000, **kwargs):
    """An insats whose figures are all in and ordinary: nothing to find."""
    insats = InsatsFactory(
        forbund=forbund,
        namn=namn,
        typ=typ,
        deltagaruppfoljning=typ == Typ.STRUKTUROVERGRIPANDE,
        startdatum=datetime.date(2023, 1, 1),
        malgrupper=malgrupper("unga") if typ == Typ.INDIVIDINRIKTAD else None,
        **kwargs,
    )
    per_kon = {"deltagare_kvinnor": n // 2, "deltagare_man": n - n // 2}
    deltagare = per_kon if typ == Typ.INDIVIDINRIKTAD else {"deltagare_totalt": n}
    for ar in (AR - 1, AR):
        InsatsArFactory(
            insats=insats, ar=ar, budget=budget, utfall=budget - 10_000, budgeterat_antal_deltagare=n, **deltagare
        )
    return insats


@pytest.fixture
def nationellt(db):
    """Ten clean förbund with comparable insatser, so the national comparisons have a group to judge against."""
    rena = [ForbundFactory(slug=f"ren-{i}") for i in range(10)]
    for i, f in enumerate(rena):
        ren_insats(f, "Steget", n=15 + i * 3)
        ren_insats(f, "Samverkan", typ=Typ.STRUKTUROVERGRIPANDE, n=30 + i * 4, budget=200_000)
    return rena


def koder(fynd, forbund=None):
    return sorted({f.kod for f in fynd if forbund is None or f.forbund == forbund})


def test_a_clean_nation_has_no_findings(nationellt):
    assert kontrollera(ar=AR, idag=EFTER_ARET) == []


def test_each_planted_problem_is_found_with_its_code_and_nothing_on_the_clean_forbund(nationellt):
    f = ForbundFactory(slug="planterat")
    alla = InsatsFactory(
        forbund=f,
        namn="Alla målgrupper",
        startdatum=datetime.date(2023, 1, 1),
        malgrupper=malgrupper(
            "enbart_kvinnor",
            "enbart_man",
            "unga",
            "unga_funktionsnedsattning",
            "unga_aktivitetsersattning",
            "langtidssjukskrivna",
        ),
    )
    InsatsArFactory(insats=alla, ar=AR, budget=300_000, utfall=290_000, deltagare_kvinnor=5, deltagare_man=5)
    kvinnor = InsatsFactory(
        forbund=f, namn="Kvinnor", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("enbart_kvinnor")
    )
    InsatsArFactory(insats=kvinnor, ar=AR, budget=300_000, utfall=300_000, deltagare_kvinnor=9, deltagare_man=2)
    webb = InsatsFactory(
        forbund=f,
        namn="Webbplatsen",
        typ=Typ.STRUKTUROVERGRIPANDE,
        deltagaruppfoljning=True,
        startdatum=datetime.date(2023, 1, 1),
    )
    InsatsArFactory(
        insats=webb, ar=AR, budget=150_000, utfall=140_000, budgeterat_antal_deltagare=40, deltagare_totalt=12_400
    )
    sus = InsatsFactory(
        forbund=f,
        namn="Gammal klass",
        startdatum=datetime.date(2022, 1, 1),
        inriktning=Inriktning.objects.get(kod="sus_forberedande"),
        malgrupper=malgrupper("unga"),
    )
    InsatsArFactory(insats=sus, ar=AR, budget=100_000, utfall=100_000, deltagare_kvinnor=3, deltagare_man=3)
    utan_utfall = InsatsFactory(
        forbund=f, namn="Utan utfall", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("unga")
    )
    InsatsArFactory(insats=utan_utfall, ar=AR, budget=100_000, deltagare_kvinnor=3, deltagare_man=3)
    avviker = InsatsFactory(forbund=f, namn="Dyr", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("unga"))
    InsatsArFactory(insats=avviker, ar=AR, budget=100_000, utfall=260_000, deltagare_kvinnor=3, deltagare_man=3)

    fynd = kontrollera(ar=AR, idag=EFTER_ARET)
    per_insats = {(x.kod, x.insats) for x in fynd}
    assert ("malgrupper_alla", alla.pk) in per_insats
    assert ("kon_motsager_malgrupp", kvinnor.pk) in per_insats
    assert ("deltagare_orimligt_manga", webb.pk) in per_insats
    assert ("sus_inriktning_efter_2022", sus.pk) in per_insats
    assert ("utfall_saknas", utan_utfall.pk) in per_insats
    assert ("utfall_avviker", avviker.pk) in per_insats
    assert {x.forbund for x in fynd} == {"planterat"}
    niva = {x.kod: x.niva for x in fynd}
    assert niva["kon_motsager_malgrupp"] == "fel"
    assert niva["sus_inriktning_efter_2022"] == "fel"
    assert niva["utfall_saknas"] == "fel"
    assert niva["malgrupper_alla"] == niva["deltagare_orimligt_manga"] == niva["utfall_avviker"] == "varning"
    webbfynd = next(x for x in fynd if x.kod == "deltagare_orimligt_manga")
    assert "12 400" in webbfynd.meddelande.replace("\xa0", " ")


def test_both_enbart_groups_is_a_warning_but_not_a_contradiction(nationellt):
    f = ForbundFactory(slug="bada")
    insats = InsatsFactory(
        forbund=f,
        namn="Båda",
        startdatum=datetime.date(2023, 1, 1),
        malgrupper=malgrupper("enbart_kvinnor", "enbart_man"),
    )
    InsatsArFactory(insats=insats, ar=AR, budget=1, utfall=1, deltagare_kvinnor=3, deltagare_man=3)
    assert koder(kontrollera(ar=AR, idag=EFTER_ARET)) == ["malgrupper_alla"]


def test_missing_figures_are_not_zero(nationellt):
    """No participants registered is 'deltagare_saknas', never a zero that passes; zero registered is a value."""
    f = ForbundFactory(slug="saknas")
    tom = InsatsFactory(forbund=f, namn="Tom", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("unga"))
    InsatsArFactory(insats=tom, ar=AR, budget=100_000, utfall=100_000)
    noll = InsatsFactory(forbund=f, namn="Noll", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("unga"))
    InsatsArFactory(insats=noll, ar=AR, budget=100_000, utfall=100_000, deltagare_kvinnor=0, deltagare_man=0)
    ingen_rad = InsatsFactory(
        forbund=f, namn="Ingen rad", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("unga")
    )
    fynd = kontrollera(ar=AR, idag=EFTER_ARET)
    assert {(x.kod, x.insats) for x in fynd} == {
        ("deltagare_saknas", tom.pk),
        ("deltagare_saknas", ingen_rad.pk),
        ("utfall_saknas", ingen_rad.pk),
    }


def test_missing_utfall_is_not_an_error_before_the_year_has_ended(nationellt):
    f = ForbundFactory(slug="pagar")
    insats = InsatsFactory(forbund=f, namn="Pågår", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("unga"))
    InsatsArFactory(insats=insats, ar=AR, budget=100_000)
    assert kontrollera(ar=AR, idag=datetime.date(AR, 6, 1)) == []
    assert koder(kontrollera(ar=AR, idag=EFTER_ARET)) == ["deltagare_saknas", "utfall_saknas"]


def test_an_sus_class_is_fine_for_2022_and_an_error_from_2023(db):
    f = ForbundFactory(slug="sus")
    insats = InsatsFactory(
        forbund=f,
        namn="SUS",
        startdatum=datetime.date(2022, 1, 1),
        inriktning=Inriktning.objects.get(kod="sus_forberedande"),
        malgrupper=malgrupper("unga"),
    )
    for ar in (2022, 2023):
        InsatsArFactory(insats=insats, ar=ar, budget=1, utfall=1, deltagare_kvinnor=1, deltagare_man=1)
    assert koder(kontrollera(ar=2022, idag=EFTER_ARET)) == []
    assert koder(kontrollera(ar=2023, idag=EFTER_ARET)) == ["sus_inriktning_efter_2022"]


def test_a_large_change_from_the_year_before_is_information(nationellt):
    f = ForbundFactory(slug="andrat")
    insats = ren_insats(f, "Växer", n=20)
    insats.arsuppgifter.filter(ar=AR).update(deltagare_kvinnor=30, deltagare_man=30)
    fynd = [x for x in kontrollera(ar=AR, idag=EFTER_ARET) if x.forbund == "andrat"]
    assert [(x.kod, x.niva, x.insats) for x in fynd] == [("forandring_stor", "info", None)]
    assert "60" in fynd[0].meddelande and "20" in fynd[0].meddelande


def test_a_single_forbund_is_judged_against_the_nation(nationellt):
    f = ForbundFactory(slug="ensam")
    webb = InsatsFactory(
        forbund=f,
        namn="Webb",
        typ=Typ.STRUKTUROVERGRIPANDE,
        deltagaruppfoljning=True,
        startdatum=datetime.date(2023, 1, 1),
    )
    InsatsArFactory(insats=webb, ar=AR, budget=150_000, utfall=150_000, deltagare_totalt=9_000)
    fynd = kontrollera(ar=AR, forbund_ids=[f.pk], idag=EFTER_ARET)
    assert [(x.kod, x.insats) for x in fynd] == [("deltagare_orimligt_manga", webb.pk)]


def test_the_command_prints_the_findings_as_json(nationellt):
    f = ForbundFactory(slug="kommando")
    kvinnor = InsatsFactory(
        forbund=f, namn="K", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("enbart_kvinnor")
    )
    InsatsArFactory(insats=kvinnor, ar=AR, budget=1, utfall=1, deltagare_kvinnor=2, deltagare_man=1)
    out = StringIO()
    call_command("kontrollera", "--ar", str(AR), "--forbund", "kommando", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == [
        {
            "forbund": "kommando",
            "ar": AR,
            "kod": "kon_motsager_malgrupp",
            "niva": "fel",
            "insats": kvinnor.pk,
            "meddelande": data[0]["meddelande"],
        }
    ]
    assert "Enbart kvinnor" in data[0]["meddelande"]


def test_the_api_lists_findings_for_national_users_only(nationellt, people):
    f = ForbundFactory(slug="api")
    kvinnor = InsatsFactory(
        forbund=f, namn="K", startdatum=datetime.date(2023, 1, 1), malgrupper=malgrupper("enbart_man")
    )
    InsatsArFactory(insats=kvinnor, ar=AR, budget=1, utfall=1, deltagare_kvinnor=2, deltagare_man=1)
    national = Client()
    national.force_login(people.handlaggare)
    response = national.get(f"/api/v1/kontroller/{AR}/")
    assert response.status_code == 200
    assert [x["kod"] for x in response.json() if x["forbund"] == "api"] == ["kon_motsager_malgrupp"]
    assert national.get(f"/api/v1/kontroller/{AR}/?forbund=finns-inte").status_code == 404
    chef = Client()
    chef.force_login(people.forbundsadministrator)
    assert chef.get(f"/api/v1/kontroller/{AR}/").status_code == 404
    assert Client().get(f"/api/v1/kontroller/{AR}/").status_code in (401, 403)


def test_every_check_is_listed_with_level_and_reason_for_anyone_logged_in(people):
    client = Client()
    client.force_login(people.deltagaransvarig)
    page = client.get("/rapportering/kontroller/").content.decode()
    for k in KONTROLLER:
        assert k.kod in page
        assert str(k.varfor)[:30] in page
    assert {k.kod for k in KONTROLLER} >= {
        "malgrupper_alla",
        "kon_motsager_malgrupp",
        "deltagare_orimligt_manga",
        "sus_inriktning_efter_2022",
        "utfall_saknas",
        "utfall_avviker",
        "forandring_stor",
    }
    assert Client().get("/rapportering/kontroller/").status_code == 302
