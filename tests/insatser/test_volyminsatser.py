"""Historical SUS data: its own classification, and volyminsatser (participation counted without kön, up to 2022)
through the import, the pages, the statistics and a release."""

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from core.importing.files import ImportFel
from insatser.forms import InsatsArForm
from insatser.imports import insats_import
from insatser.models import Insats, InsatsAr, Malgrupp, Typ
from insatser.rules import ar_errors, deltagare, insats_errors
from insatser.services import insats_update
from publicering.indikatorer import DELTAGARE_VOLYM
from publicering.services import publicering_skapa
from statistik.selectors import Urval, ar_statistik
from statistik.tabeller import rapport
from tests.factories import InsatsArFactory, InsatsFactory
from tests.insatser.test_validation import _csv

pytestmark = pytest.mark.django_db
EXEMPEL = Path(__file__).resolve().parents[2] / "insatser" / "data" / "exempel-sus.csv"


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()
    yield
    cache.clear()


def sus_rad(namn, ar, **extra):
    return {
        "forbund": "test",
        "namn": namn,
        "typ": "individinriktad",
        "inriktning": "sus_forebyggande",
        "malgrupper": "ingen_specifik",
        "startdatum": "2020-01-01",
        "slutdatum": "2022-12-31",
        "volyminsats": "ja",
        "ar": ar,
        "deltagare_totalt": 120,
        **extra,
    }


def test_a_volyminsats_counts_a_total_without_kon_and_only_in_sus_time():
    assert (
        deltagare(typ=Typ.INDIVIDINRIKTAD, deltagaruppfoljning=False, volyminsats=True, values={"deltagare_totalt": 7})
        == 7
    )
    assert deltagare(typ=Typ.INDIVIDINRIKTAD, deltagaruppfoljning=False, volyminsats=True, values={}) is None
    fel = ar_errors(
        typ=Typ.INDIVIDINRIKTAD,
        deltagaruppfoljning=False,
        volyminsats=True,
        startdatum=datetime.date(2020, 1, 1),
        slutdatum=datetime.date(2021, 12, 31),
        ar=2021,
        values={"deltagare_kvinnor": 3},
    )
    assert fel == [("deltagare_kvinnor", "En volyminsats registrerar deltagandet totalt, utan uppdelning på kön.")]

    def fel_for(**kw):
        base = {
            "typ": Typ.INDIVIDINRIKTAD,
            "inriktning": None,
            "malgrupp_koder": ["ingen_specifik"],
            "startdatum": datetime.date(2020, 1, 1),
            "slutdatum": datetime.date(2022, 12, 31),
            "volyminsats": True,
        }
        return [f for f, _m in insats_errors(**(base | kw))]

    assert "volyminsats" not in fel_for()
    assert "volyminsats" in fel_for(slutdatum=datetime.date(2023, 1, 31))  # Uppföljning Finsam counts by kön
    assert "volyminsats" in fel_for(slutdatum=None)
    assert "volyminsats" in fel_for(typ=Typ.STRUKTUROVERGRIPANDE, malgrupp_koder=[])


def test_the_shipped_sus_example_imports_with_its_own_classification_and_volyminsatser(db):
    resultat = insats_import(content=EXEMPEL.read_bytes(), filnamn=EXEMPEL.name, user=None)
    assert resultat.nya_insatser == 5
    radgivning = Insats.objects.get(namn="Rådgivning på medborgarkontoret")
    assert radgivning.volyminsats and radgivning.inriktning.system == "sus"
    rad = InsatsAr.objects.get(insats=radgivning, ar=2021)
    assert (rad.deltagare_kvinnor, rad.deltagare_man, rad.deltagare_totalt, rad.deltagare) == (None, None, 412, 412)
    unga = Insats.objects.get(namn="Unga till studier")  # ran into 2023: a current class, the SUS one kept
    assert (unga.inriktning_id, unga.tidigare_inriktning_id, unga.volyminsats) == (
        "forberedande",
        "sus_forberedande",
        False,
    )


def test_a_volyminsats_after_2022_or_with_kon_is_refused_naming_row_column_and_value(people):
    before = (Insats.objects.count(), InsatsAr.objects.count())
    content = _csv(
        [
            sus_rad("Öppen mottagning", 2021),
            sus_rad("Öppen mottagning", 2022, deltagare_totalt="", deltagare_kvinnor=40),
            sus_rad("Medborgarkontor", 2023, slutdatum="2023-06-30", inriktning="forebyggande"),
        ]
    )
    with pytest.raises(ImportFel) as exc:
        insats_import(content=content, filnamn="sus.csv", user=None)
    fel = {(f.rad, f.kolumn, f.varde) for f in exc.value.fel}
    assert (3, "deltagare_kvinnor", "40") in fel
    assert (4, "volyminsats", "ja") in fel
    assert (Insats.objects.count(), InsatsAr.objects.count()) == before


def _sus_ar(people):
    """2021 in SUS: a volyminsats (120, no kön) and an ordinary one (30 kvinnor, 10 män), same inriktning."""
    volym = InsatsFactory(
        forbund=people.forbund, namn="Volym", inriktning_id="sus_forebyggande", startdatum=datetime.date(2020, 1, 1),
        slutdatum=datetime.date(2022, 12, 31), volyminsats=True, malgrupper=[Malgrupp.objects.get(kod="ingen_specifik")],
    )  # fmt: skip
    InsatsArFactory(insats=volym, ar=2021, deltagare_totalt=120)
    vanlig = InsatsFactory(
        forbund=people.forbund, namn="Vanlig", inriktning_id="sus_forebyggande", startdatum=datetime.date(2020, 1, 1),
        slutdatum=datetime.date(2022, 12, 31), malgrupper=[Malgrupp.objects.get(kod="unga")],
    )  # fmt: skip
    InsatsArFactory(insats=vanlig, ar=2021, deltagare_kvinnor=30, deltagare_man=10)
    return volym


def test_the_statistics_count_volyminsatser_in_the_total_but_in_no_kon(people):
    _sus_ar(people)
    ind = ar_statistik(Urval(ar=2021))["individinriktade"]
    assert (ind["deltagare"], ind["kvinnor"], ind["man"], ind["volym"]) == (160, 30, 10, 120)
    per = ind["per_inriktning"]["sus_forebyggande"]
    assert (per["deltagare"], per["volym"]) == (160, 120)
    tabell = tabell1_for(2021)
    rubriker = [str(k.rubrik) for k in tabell.kolumner]
    assert "Varav i volyminsatser (utan kön)" in rubriker
    rad = next(r for r in tabell.rader if r[0] == "Förebyggande (SUS)")
    # Andel kvinnor is of those registered by kön (30 of 40), not of all 160.
    assert rad[rubriker.index("Andel kvinnor (%)")] == 75.0
    assert rad[rubriker.index("Varav i volyminsatser (utan kön)")] == 120
    assert "Varav i volyminsatser (utan kön)" not in [str(k.rubrik) for k in tabell1_for(2024).kolumner]


def test_a_volyminsats_budget_counts_as_individinriktad_on_the_dashboard_as_in_the_economy(people):
    volym = _sus_ar(people)
    InsatsAr.objects.filter(insats=volym).update(budget=500_000, utfall=None)
    InsatsAr.objects.exclude(insats=volym).update(budget=100_000, utfall=None)
    cache.clear()
    ekonomi = ar_statistik(Urval(ar=2021))["ekonomi"]
    assert (ekonomi["budget_individinriktade"], ekonomi["budget_insatser"]) == (600_000, 600_000)
    budget = rapport(Urval(ar=2021)).per_nyckel["budget"]
    individ = next(r for r in budget.rader if r[0] == "Individinriktade")
    assert individ[1:3] == [600_000, 100.0]
    # No utfall registered is "–", not 0 kr; so is the strukturövergripande budget no insats has.
    assert individ[4] is None and ekonomi["utfall_insatser"] is None
    assert next(r for r in budget.rader if r[0] == "Strukturövergripande")[1] is None


def tabell1_for(ar):
    return rapport(Urval(ar=ar)).per_nyckel["tabell1"]


def test_a_release_of_a_sus_year_publishes_volyminsatser_protected(people, django_user_model):
    _sus_ar(people)
    liten = InsatsFactory(
        forbund=people.other_forbund, namn="Liten volym",
        inriktning_id="sus_kartlaggning", startdatum=datetime.date(2021, 1, 1), slutdatum=datetime.date(2021, 12, 31),
        volyminsats=True, malgrupper=[Malgrupp.objects.get(kod="ingen_specifik")],
    )  # fmt: skip
    InsatsArFactory(insats=liten, ar=2021, deltagare_totalt=2)
    p = publicering_skapa(ar=2021, user=django_user_model.objects.create_user("fk"))
    volym = {(r["omrade_typ"], r["omrade"]): r for r in p.data if r["indikator"] == DELTAGARE_VOLYM}
    assert volym[("riket", "SE")]["varde"] == 122
    # The förbund with 2 is hidden, and so is the one with 120 (else 122 − 120 would give it away).
    assert volym[("forbund", "annat")] | {"varde": None, "status": ".."} == volym[("forbund", "annat")]
    assert volym[("forbund", "test")]["varde"] is None
    # A year from Uppföljning Finsam has no such table.
    assert DELTAGARE_VOLYM not in {r["indikator"] for r in publicering_skapa(ar=2024, user=p.skapad_av).data}


def test_the_pages_show_a_total_for_a_volyminsats_and_the_form_keeps_it(people, client):
    volym = _sus_ar(people)
    client.force_login(people.forbundsadministrator)
    html = client.get(volym.get_absolute_url()).content.decode()
    assert "Volyminsats (SUS)" in html and ">Kvinnor<" not in html
    form = InsatsArForm(insats=volym)
    assert [f for f in form.fields if f.startswith("deltagare")] == ["deltagare_totalt"]
    insats_update(insats=volym, version=volym.version, beskrivning="Rådgivning för besökare")
    volym.refresh_from_db()
    assert volym.volyminsats and volym.beskrivning == "Rådgivning för besökare"


def test_the_draft_of_a_sus_year_says_how_many_took_part_in_volyminsatser(people):
    from rapport.selectors import rapport_underlag
    from rapport.utkast import skapa_utkast
    from tests.rapport.hjalp import oppna, text

    _sus_ar(people)
    t = text(oppna(skapa_utkast(rapport_underlag(2021))))
    assert "deltagare är registrerade i så kallade volyminsatser" in t
    assert "Av deltagarna som registrerades per kön är" in t
    assert "volyminsatser" not in text(oppna(skapa_utkast(rapport_underlag(2024))))


def test_the_drafts_shares_of_women_and_men_are_of_those_registered_by_kon(people):
    from rapport.selectors import rapport_underlag
    from rapport.tabeller import inriktning_rader
    from rapport.utkast import skapa_utkast
    from tests.rapport.hjalp import oppna, text

    _sus_ar(people)
    u = rapport_underlag(2021)
    rader = inriktning_rader(u, Typ.INDIVIDINRIKTAD)
    kolumn = rader[0].index("Förebyggande (SUS)")
    andelar = {r[0]: r[kolumn] for r in rader if r[0] in ("Andel kvinnor", "Andel män")}
    # 30 women and 10 men by kön; the 120 in volyminsatser have no kön (the dashboard's Tabell 1 says 75 too).
    assert andelar == {"Andel kvinnor": "75 %", "Andel män": "25 %"}
    assert "Av deltagarna är 75 procent kvinnor och 25 procent män." in text(oppna(skapa_utkast(u)))


def test_an_insats_from_sus_time_needs_no_malgrupp_but_one_from_2023_does(people):
    """Uppföljning Finsam's målgrupper did not exist in SUS: historical data need not invent one."""
    content = _csv(
        [
            sus_rad("Från SUS", 2021, malgrupper="", volyminsats="nej", deltagare_totalt="", deltagare_kvinnor=3),
            sus_rad("Från 2023", 2023, malgrupper="", volyminsats="nej", inriktning="forebyggande",
                    startdatum="2023-01-01", slutdatum="2023-12-31", deltagare_totalt="", deltagare_kvinnor=3),
        ]
    )  # fmt: skip
    with pytest.raises(ImportFel) as exc:
        insats_import(content=content, filnamn="sus.csv", user=None)
    assert {(f.rad, f.kolumn) for f in exc.value.fel} == {(3, "malgrupper")}
    insats_import(content=_csv([sus_rad("Från SUS", 2021, malgrupper="")]), filnamn="sus.csv", user=None)
    assert ar_statistik(Urval(ar=2021))["individinriktade"]["utan_malgrupp"] == 1


def test_a_date_outside_the_systems_years_is_refused_by_the_form_and_the_import_alike(people):
    from insatser.forms import IsoDatumField

    falt = IsoDatumField()
    assert falt.clean("2023-03-01") == datetime.date(2023, 3, 1)
    with pytest.raises(ValidationError) as form_fel:
        falt.clean("0224-03-01")  # a typo for 2024: the insats would have figures from year 224
    content = _csv([sus_rad("Skrivfel", 2021, startdatum="0224-03-01")])
    with pytest.raises(ImportFel) as import_fel:
        insats_import(content=content, filnamn="sus.csv", user=None)
    meddelande = "Datumet ska ligga mellan år 1990 och 2100."
    assert form_fel.value.messages == [meddelande]
    assert (2, "startdatum", "0224-03-01", meddelande) in {
        (f.rad, f.kolumn, f.varde, f.meddelande) for f in import_fel.value.fel
    }
