"""The reporting round's state machine: submit, correct, return, approve, lock, exception, with who may do each."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ekonomi.services import arsekonomi_update
from forbund.models import Roll
from insatser.models import Insats, InsatsAr, Malgrupp
from insatser.services import insats_ar_save
from rapportering.las import Last
from rapportering.models import Arsrapport, Handelse, Lasundantag, Rapporteringsomgang, Status
from rapportering.services import arsrapport_atersand, arsrapport_godkann, arsrapport_skicka_in
from tests.factories import BehorighetFactory, InsatsArFactory, InsatsFactory, UserFactory

AR = datetime.date.today().year - 1


@pytest.fixture
def granskare(db):
    user = UserFactory(username="granskare")
    BehorighetFactory(user=user, roll=Roll.GRANSKARE, forbund=None)
    return user


@pytest.fixture
def ar_med_insats(people):
    """A förbund-year whose figures are complete: nothing blocks submission, and the round is still open."""
    idag = datetime.date.today()
    Rapporteringsomgang.objects.create(
        ar=AR,
        oppnar=datetime.date(AR, 1, 1),
        sista_dag=idag + datetime.timedelta(days=30),
        last_datum=idag + datetime.timedelta(days=60),
    )
    insats = InsatsFactory(
        forbund=people.forbund,
        namn="Steget",
        startdatum=datetime.date(AR, 1, 1),
        malgrupper=[Malgrupp.objects.get(kod="unga")],
    )
    InsatsArFactory(insats=insats, ar=AR, budget=100_000, utfall=95_000, deltagare_kvinnor=4, deltagare_man=5)
    return insats


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def skicka_in_url(people):
    return f"/forbund/{people.forbund.slug}/rapport/{AR}/"


def test_a_year_with_an_error_cannot_be_submitted_and_says_why(people, ar_med_insats):
    ar_med_insats.malgrupper.set([Malgrupp.objects.get(kod="enbart_kvinnor")])
    response = client_for(people.forbundsadministrator).post(skicka_in_url(people), {"atgard": "skicka_in"})
    assert response.status_code == 400
    assert "Enbart kvinnor" in response.content.decode()
    assert not Arsrapport.objects.filter(status=Status.INSKICKAD).exists()


def test_a_warning_needs_an_explanation_that_is_kept_when_refused_and_reaches_the_reviewer(
    people, ar_med_insats, granskare
):
    ar_med_insats.arsuppgifter.filter(ar=AR).update(utfall=300_000)  # utfall_avviker
    chef = client_for(people.forbundsadministrator)
    page = chef.get(skicka_in_url(people)).content.decode()
    nyckel = f"utfall_avviker-{ar_med_insats.pk}"
    assert f'name="forklaring-{nyckel}"' in page
    refused = chef.post(skicka_in_url(people), {"atgard": "skicka_in", f"forklaring-{nyckel}": "  "})
    assert refused.status_code == 400
    assert "Skriv en kort förklaring" in refused.content.decode()
    ok = chef.post(skicka_in_url(people), {"atgard": "skicka_in", f"forklaring-{nyckel}": "Extra lokal hyrdes."})
    assert ok.status_code == 302
    rapport = Arsrapport.objects.get(forbund=people.forbund, ar=AR)
    assert rapport.status == Status.INSKICKAD and rapport.referens
    kvitto = chef.get(ok["Location"]).content.decode()
    assert rapport.referens in kvitto
    assert chef.get(ok["Location"] + "?format=json").json()["fynd"][0]["forklaring"] == "Extra lokal hyrdes."
    review = client_for(granskare).get(f"/rapportering/granskning/{people.forbund.slug}/{AR}/").content.decode()
    assert "Extra lokal hyrdes." in review


def test_the_whole_round_submit_correct_return_approve_lock_and_exception(people, ar_med_insats, granskare):
    chef = people.forbundsadministrator
    arsrapport_skicka_in(forbund=people.forbund, ar=AR, user=chef, forklaringar={})
    # A correction after submission is shown to the reviewer as such, once.
    rad = InsatsAr.objects.get(insats=ar_med_insats, ar=AR)
    insats_ar_save(
        insats=ar_med_insats,
        version=Insats.objects.get(pk=ar_med_insats.pk).version,
        ar=AR,
        values={
            "budget": 100_000,
            "utfall": 96_000,
            "deltagare_kvinnor": 4,
            "deltagare_man": 5,
            "budgeterat_antal_deltagare": None,
            "deltagare_totalt": None,
        },
    )
    assert Arsrapport.objects.get(forbund=people.forbund, ar=AR).korrigerad
    assert Handelse.objects.filter(forbund=people.forbund, ar=AR, typ="korrigerad").count() == 1
    # Return needs a reason.
    with pytest.raises(ValidationError):
        arsrapport_atersand(forbund=people.forbund, ar=AR, user=granskare, skal=" ")
    arsrapport_atersand(forbund=people.forbund, ar=AR, user=granskare, skal="Kontrollera utfallet.")
    assert Arsrapport.objects.get(forbund=people.forbund, ar=AR).status == Status.ATERSANDA
    with pytest.raises(ValidationError):
        arsrapport_godkann(forbund=people.forbund, ar=AR, user=granskare)  # only a submitted year
    arsrapport_skicka_in(forbund=people.forbund, ar=AR, user=chef, forklaringar={})
    arsrapport_godkann(forbund=people.forbund, ar=AR, user=granskare)
    # Approved: locked for every write path of the förbund, with a message saying why.
    version = Insats.objects.get(pk=ar_med_insats.pk).version
    with pytest.raises(Last, match="godkänt"):
        insats_ar_save(insats=ar_med_insats, version=version, ar=AR, values={"budget": 1})
    with pytest.raises(Last):
        arsekonomi_update(forbund=people.forbund, ar=AR, administration_budget=5)
    rad.refresh_from_db()
    assert rad.budget == 100_000
    page = client_for(chef).get(skicka_in_url(people)).content.decode()
    assert "granskare om ett undantag" in page
    # A lock exception reopens the year (and the förbund submits again).
    c = client_for(granskare)
    till = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    response = c.post(
        f"/rapportering/granskning/{people.forbund.slug}/{AR}/",
        {"atgard": "undantag", "skal": "Rättelse av utfall", "till": till},
    )
    assert response.status_code == 302
    assert Lasundantag.objects.filter(forbund=people.forbund, ar=AR).exists()
    arsekonomi_update(forbund=people.forbund, ar=AR, administration_budget=5)
    assert Arsrapport.objects.get(forbund=people.forbund, ar=AR).status == Status.ATERSANDA


def test_every_year_locks_at_the_lock_date(people, ar_med_insats):
    Rapporteringsomgang.objects.filter(ar=AR).update(
        sista_dag=datetime.date(AR, 12, 1), last_datum=datetime.date.today()
    )
    with pytest.raises(Last, match="låsdatum"):
        arsekonomi_update(forbund=people.forbund, ar=AR, administration_budget=5)
    response = client_for(people.forbundsadministrator).post(skicka_in_url(people), {"atgard": "skicka_in"})
    assert response.status_code == 400
    assert not Arsrapport.objects.filter(status=Status.INSKICKAD).exists()


@pytest.mark.parametrize(
    "roll, status_review_get, status_action",
    [
        ("granskare", 200, 302),
        ("handlaggare", 200, 403),
        ("administrator", 200, 403),
        ("forbundsadministrator", 404, 404),
        ("deltagaransvarig", 404, 404),
        ("stranger", 404, 404),
    ],
)
def test_only_reviewers_approve_and_outsiders_do_not_see_the_queue(
    people, ar_med_insats, granskare, roll, status_review_get, status_action
):
    arsrapport_skicka_in(forbund=people.forbund, ar=AR, user=people.forbundsadministrator, forklaringar={})
    user = granskare if roll == "granskare" else getattr(people, roll)
    c = client_for(user)
    url = f"/rapportering/granskning/{people.forbund.slug}/{AR}/"
    assert c.get(url).status_code == status_review_get
    assert c.get(f"/rapportering/granskning/?ar={AR}").status_code == status_review_get
    response = c.post(url, {"atgard": "godkann"})
    assert response.status_code == status_action
    expected = Status.GODKAND if status_action == 302 else Status.INSKICKAD
    assert Arsrapport.objects.get(forbund=people.forbund, ar=AR).status == expected


@pytest.mark.parametrize(
    "roll, get_status, post_status",
    [
        ("forbundsadministrator", 200, 302),
        ("other_forbundsadministrator", 404, 404),
        ("deltagaransvarig", 403, 403),
        ("handlaggare", 200, 403),
        ("stranger", 404, 404),
    ],
)
def test_only_the_forbunds_administrator_submits(people, ar_med_insats, roll, get_status, post_status):
    c = client_for(getattr(people, roll))
    assert c.get(skicka_in_url(people)).status_code == get_status
    assert c.post(skicka_in_url(people), {"atgard": "skicka_in"}).status_code == post_status
    submitted = Arsrapport.objects.filter(status=Status.INSKICKAD).exists()
    assert submitted == (post_status == 302)


def test_the_task_list_on_the_start_page_leads_to_each_part(people, ar_med_insats):
    page = client_for(people.forbundsadministrator).get(f"/forbund/{people.forbund.slug}/?ar={AR}").content.decode()
    for namn in ("Insatser", "Medlemsbidrag", "Administration", "Eget kapital", "Kontrollera och skicka in"):
        assert namn in page
    assert f"/forbund/{people.forbund.slug}/rapport/{AR}/" in page
    assert "1 av 1 insatser har budget, utfall och deltagare" in page


def test_reminders_go_to_forbund_that_have_not_submitted_once_each(people, ar_med_insats):
    from django.core import mail
    from django.core.management import call_command

    from rapportering.models import Paminnelse
    from rapportering.paminnelser import skicka_paminnelser

    people.forbundsadministrator.email = "chef@example.se"
    people.forbundsadministrator.save()
    people.other_forbundsadministrator.email = "annan@example.se"
    people.other_forbundsadministrator.save()
    arsrapport_skicka_in(forbund=people.other_forbund, ar=AR, user=people.other_forbundsadministrator, forklaringar={})
    sista = Rapporteringsomgang.objects.get(ar=AR).sista_dag
    tre_dagar_fore = sista - datetime.timedelta(days=3)
    skickade = skicka_paminnelser(idag=tre_dagar_fore)
    assert [(p.forbund, p.dagar) for p in skickade] == [(people.forbund, -3)]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["chef@example.se"]
    assert f"/forbund/{people.forbund.slug}/rapport/{AR}/" in mail.outbox[0].body
    assert skicka_paminnelser(idag=tre_dagar_fore) == []  # the same day again: nothing
    assert skicka_paminnelser(idag=tre_dagar_fore + datetime.timedelta(days=1)) == []  # not a reminder day
    assert len(mail.outbox) == 1
    call_command("skicka_paminnelser")  # today is no reminder day for this round: runs and sends nothing
    dagen_efter = sista + datetime.timedelta(days=1)
    assert [p.dagar for p in skicka_paminnelser(idag=dagen_efter)] == [1]
    assert Paminnelse.objects.filter(forbund=people.forbund, ar=AR).count() == 2


def test_an_import_cannot_change_a_locked_year_and_flags_a_submitted_one(people, ar_med_insats, granskare):
    from core.importing.files import ImportFel
    from core.models import Importkorning
    from insatser.imports import insats_import

    def fil(utfall):
        return (
            "forbund;namn;typ;inriktning;malgrupper;startdatum;ar;budget;utfall;deltagare_kvinnor;deltagare_man\n"
            f"{people.forbund.slug};Steget;individinriktad;arbetslivsinriktad;unga;{AR}-01-01;{AR};100000;{utfall};4;5\n"
        ).encode()

    arsrapport_skicka_in(forbund=people.forbund, ar=AR, user=people.forbundsadministrator, forklaringar={})
    insats_import(content=fil(97_000), filnamn="a.csv", user=granskare)
    rapport = Arsrapport.objects.get(forbund=people.forbund, ar=AR)
    assert rapport.korrigerad
    arsrapport_skicka_in(forbund=people.forbund, ar=AR, user=people.forbundsadministrator, forklaringar={})
    arsrapport_godkann(forbund=people.forbund, ar=AR, user=granskare)
    antal = Importkorning.objects.count()
    for dry_run in (True, False):
        with pytest.raises(ImportFel) as fel:
            insats_import(content=fil(1), filnamn="b.csv", user=granskare, dry_run=dry_run)
        assert "rad 2" in str(fel.value).lower() and "godkänt" in str(fel.value)
    assert InsatsAr.objects.get(insats=ar_med_insats, ar=AR).utfall == 97_000
    assert Importkorning.objects.count() == antal


def test_an_administrator_sets_a_rounds_dates_in_the_admin_site_in_order(people):
    c = client_for(people.administrator)
    response = c.post(
        "/admin/rapportering/rapporteringsomgang/add/",
        {"ar": "2027", "oppnar": "2027-01-01", "sista_dag": "2028-01-15", "last_datum": "2028-01-01"},
    )
    assert response.status_code == 200  # refused: the lock date is before the deadline
    assert not Rapporteringsomgang.objects.filter(ar=2027).exists()
    response = c.post(
        "/admin/rapportering/rapporteringsomgang/add/",
        {"ar": "2027", "oppnar": "2027-01-01", "sista_dag": "2028-01-15", "last_datum": "2028-02-01"},
    )
    assert response.status_code == 302
    assert Rapporteringsomgang.objects.get(ar=2027).last_datum == datetime.date(2028, 2, 1)
    assert client_for(people.handlaggare).get("/admin/rapportering/rapporteringsomgang/").status_code in (302, 403)


def test_each_finding_links_to_where_it_is_corrected(people, ar_med_insats):
    ar_med_insats.malgrupper.set(Malgrupp.objects.exclude(kod="ingen_specifik"))  # malgrupper_alla: the insats form
    page = client_for(people.forbundsadministrator).get(skicka_in_url(people)).content.decode()
    assert f'href="/forbund/{people.forbund.slug}/insatser/{ar_med_insats.pk}/andra/">Ändra' in page
    ar_med_insats.malgrupper.set([Malgrupp.objects.get(kod="enbart_man")])  # kon_motsager_malgrupp: the year's figures
    page = client_for(people.forbundsadministrator).get(skicka_in_url(people)).content.decode()
    assert f'href="/forbund/{people.forbund.slug}/insatser/{ar_med_insats.pk}/ar/{AR}/">Ändra<span' in page
    reader = client_for(people.handlaggare).get(skicka_in_url(people)).content.decode()
    assert "Visa insatsen" in reader and f'/insatser/{ar_med_insats.pk}/ar/{AR}/">Ändra<span' not in reader
