"""The classification is per period: an insats that ran in SUS's time and continues into 2023 keeps its SUS class
for the years up to 2022 and must have an Uppföljning Finsam class for the later years (issue 13). Statistics for a
year count the class the insats had that year; the form, the import and the API require a current class."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from insatser import services
from insatser.imports import insats_import
from insatser.models import Inriktning, Insats
from statistik.selectors import Urval, ar_statistik
from tests.factories import InsatsArFactory, InsatsFactory
from tests.insatser.conftest import client_for

SUS = "sus_forberedande"


def inr(kod):
    return Inriktning.objects.get(kod=kod)


def test_an_sus_class_is_refused_for_an_insats_that_runs_into_2023(setup):
    with pytest.raises(ValidationError) as exc:
        services.insats_create(
            forbund=setup.forbund,
            namn="Gammal",
            typ="individinriktad",
            inriktning=inr(SUS),
            malgrupper=[],
            startdatum=datetime.date(2021, 3, 1),
        )
    assert "gäller bara SUS, till och med 2022" in str(exc.value.message_dict["inriktning"])
    # Ending in 2022 it may keep its SUS class.
    services.insats_create(
        forbund=setup.forbund,
        namn="Slutade 2022",
        typ="individinriktad",
        inriktning=inr(SUS),
        malgrupper=list(setup.insats.malgrupper.all()),
        startdatum=datetime.date(2021, 3, 1),
        slutdatum=datetime.date(2022, 12, 31),
    )


def test_the_sus_class_is_kept_only_for_an_insats_that_started_before_2023(setup):
    with pytest.raises(ValidationError) as exc:
        services.insats_create(
            forbund=setup.forbund,
            namn="Ny",
            typ="individinriktad",
            inriktning=inr("forberedande"),
            tidigare_inriktning=inr(SUS),
            malgrupper=list(setup.insats.malgrupper.all()),
            startdatum=datetime.date(2023, 2, 1),
        )
    assert "började senast 2022" in str(exc.value.message_dict["tidigare_inriktning"])
    with pytest.raises(ValidationError) as exc:
        services.insats_create(
            forbund=setup.forbund,
            namn="Fel typ",
            typ="individinriktad",
            inriktning=inr("forberedande"),
            tidigare_inriktning=inr("sus_dialog"),
            malgrupper=list(setup.insats.malgrupper.all()),
            startdatum=datetime.date(2021, 2, 1),
        )
    assert "strukturövergripande" in str(exc.value.message_dict["tidigare_inriktning"])


def test_each_year_counts_the_class_the_insats_had_that_year(setup):
    insats = services.insats_create(
        forbund=setup.forbund,
        namn="Över skiftet",
        typ="individinriktad",
        inriktning=inr("forberedande"),
        tidigare_inriktning=inr(SUS),
        malgrupper=list(setup.insats.malgrupper.all()),
        startdatum=datetime.date(2021, 3, 1),
        slutdatum=datetime.date(2024, 6, 30),
    )
    InsatsArFactory(insats=insats, ar=2022, deltagare_kvinnor=4, deltagare_man=2)
    InsatsArFactory(insats=insats, ar=2024, deltagare_kvinnor=9, deltagare_man=1)
    s2022 = ar_statistik(Urval(ar=2022))["individinriktade"]["per_inriktning"]
    s2024 = ar_statistik(Urval(ar=2024))["individinriktade"]["per_inriktning"]
    assert (s2022[SUS]["insatser"], s2022[SUS]["kvinnor"], s2022[SUS]["man"]) == (1, 4, 2)
    assert s2022["forberedande"]["insatser"] == 0
    assert s2024[SUS]["insatser"] == 0 and s2024[SUS]["deltagare"] == 0
    assert (s2024["forberedande"]["insatser"], s2024["forberedande"]["deltagare"]) == (1, 10)


def test_an_unreclassified_insats_is_listed_and_its_form_asks_for_a_current_class(setup):
    # Registered in the old system: an SUS class, still running.
    gammal = InsatsFactory(
        forbund=setup.forbund, namn="Från SUS", inriktning=inr(SUS), startdatum=datetime.date(2020, 1, 1)
    )
    client = client_for(setup.people.forbundsadministrator)
    lista = client.get(f"/forbund/{setup.forbund.slug}/insatser/")
    assert lista.context["ny_inriktning"] == 1
    assert "1 insats pågår efter 2022 med en inriktning ur SUS" in lista.content.decode()
    filtrerad = client.get(f"/forbund/{setup.forbund.slug}/insatser/", {"klassning": "ny_inriktning"})
    assert [i.namn for i in filtrerad.context["page"].object_list] == ["Från SUS"]

    form = client.get(f"/forbund/{setup.forbund.slug}/insatser/{gammal.pk}/andra/").context["form"]
    assert form.initial["inriktning"] == "" and form.initial["tidigare_inriktning"] == SUS
    data = {
        k: v
        for k, v in form.initial.items()
        if v not in (None, "") and k not in ("malgrupper", "utforare_kommuner", "utforare_regioner")
    }
    data.update(
        {
            "startdatum": "2020-01-01",
            "inriktning": "forberedande",
            "malgrupper": [m.kod for m in gammal.malgrupper.all()] or ["unga"],
            "beskrivning": "Omklassad",
        }
    )
    data.pop("deltagaransvariga", None)
    response = client.post(f"/forbund/{setup.forbund.slug}/insatser/{gammal.pk}/andra/", data)
    assert response.status_code == 302, response.context["form"].errors
    gammal.refresh_from_db()
    assert (gammal.inriktning_id, gammal.tidigare_inriktning_id) == ("forberedande", SUS)
    assert client.get(f"/forbund/{setup.forbund.slug}/insatser/").context["ny_inriktning"] == 0


def _csv(rows):
    header = ["forbund", "namn", "typ", "inriktning", "tidigare_inriktning", "malgrupper", "startdatum", "ar"]
    lines = [";".join(header)] + [";".join(str(r.get(k, "")) for k in header) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def test_the_import_requires_a_current_class_and_reads_the_sus_class_beside_it(setup):
    base = {"forbund": "test", "typ": "individinriktad", "malgrupper": "unga", "startdatum": "2022-05-01", "ar": 2023}
    with pytest.raises(Exception) as exc:
        insats_import(content=_csv([{**base, "namn": "A", "inriktning": SUS}]), filnamn="a.csv", user=None)
    fel = exc.value.fel
    assert [(f.rad, f.kolumn, f.varde) for f in fel] == [(2, "inriktning", SUS)]
    assert not Insats.objects.filter(namn="A").exists()
    insats_import(
        content=_csv([{**base, "namn": "A", "inriktning": "forberedande", "tidigare_inriktning": SUS}]),
        filnamn="a.csv",
        user=None,
    )
    a = Insats.objects.get(namn="A")
    assert (a.inriktning_id, a.tidigare_inriktning_id) == ("forberedande", SUS)


def test_the_api_requires_a_current_class(setup):
    client = client_for(setup.people.forbundsadministrator)
    body = {"namn": "API", "typ": "individinriktad", "malgrupper": ["unga"], "startdatum": "2022-05-01"}
    response = client.post(
        "/api/v1/forbund/test/insatser/", json.dumps({**body, "inriktning": SUS}), content_type="application/json"
    )
    assert response.status_code == 400 and "inriktning" in response.json()
    response = client.post(
        "/api/v1/forbund/test/insatser/",
        json.dumps({**body, "inriktning": "forberedande", "tidigare_inriktning": SUS}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["tidigare_inriktning"] == SUS
