"""Each figure of the year against the hand-computed dataset in conftest.py."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forbund.models import Lan
from statistik.selectors import Urval, ar_statistik, forbund_oversikt, trend
from tests.statistik.conftest import scale_up


def stats(ar=2024, **kw):
    return ar_statistik(Urval(ar=ar, **kw))


def test_it_counts_forbund_and_kommuner_at_year_end_with_a_mid_year_merger(handdata):
    assert stats(2024)["forbund"] == {
        "antal": 70,  # 69 in the real registry + Nya; Gamla merged on 30 June
        "under_aret": 71,  # Gamla too: the year's economy and reporting cover it
        "kommuner_i_forbund": 275,  # 274 + Kiruna
        "kommuner_utan_forbund": 15,
        "kommuner_totalt": 290,
        "med_individinriktade_insatser": 4,  # Gamla (merged, its insats still counts), Nya, Värmland, Blekinge
        "med_insatser": 4,
    }
    f2023 = stats(2023)["forbund"]
    assert (f2023["antal"], f2023["kommuner_i_forbund"], f2023["kommuner_utan_forbund"]) == (73, 275, 15)


def test_it_counts_insatser_that_ran_any_day_and_starts_and_ends_in_the_year(handdata):
    assert {
        k: v
        for k, v in stats(2024)["insatser"].items()
        if k in ("totalt", "individinriktade", "strukturovergripande", "paborjade", "avslutade")
    } == {
        "totalt": 8,
        "individinriktade": 5,
        "strukturovergripande": 3,
        "paborjade": 4,
        "avslutade": 3,
    }
    i2023 = stats(2023)["insatser"]
    assert (i2023["totalt"], i2023["individinriktade"], i2023["paborjade"], i2023["avslutade"]) == (5, 4, 2, 1)


def test_tabell_1_counts_insatser_and_participants_per_inriktning_and_kon(handdata):
    ind = stats(2024)["individinriktade"]
    assert (ind["deltagare"], ind["kvinnor"], ind["man"]) == (68, 40, 28)
    per = ind["per_inriktning"]
    assert per["arbetslivsinriktad"] | {} == {
        **per["arbetslivsinriktad"],
        "insatser": 2,
        "deltagare": 55,
        "kvinnor": 30,
        "man": 25,
    }
    assert (per["forberedande"]["insatser"], per["forberedande"]["kvinnor"], per["forberedande"]["man"]) == (1, 7, 3)
    assert (per["identifiera_behov"]["insatser"], per["identifiera_behov"]["deltagare"]) == (1, 3)
    assert (per["forebyggande"]["insatser"], per["forebyggande"]["deltagare"]) == (1, 0)
    # Every code is there, the old SUS ones with 0.
    assert per["sus_rehabilitering"] == {
        "insatser": 0,
        "deltagare": 0,
        "kvinnor": 0,
        "man": 0,
        "volym": 0,
        "paborjade": 0,
        "avslutade": 0,
    }


def test_tabell_2_counts_participants_only_with_deltagaruppfoljning(handdata):
    st = stats(2024)["strukturovergripande"]
    assert (st["deltagare"], st["med_deltagaruppfoljning"]) == (40, 2)
    per = st["per_inriktning"]
    assert (
        per["utveckla_samverkan"]["insatser"],
        per["utveckla_samverkan"]["med_deltagaruppfoljning"],
        per["utveckla_samverkan"]["deltagare"],
    ) == (1, 1, 40)
    assert (per["kompetenshojande"]["insatser"], per["kompetenshojande"]["deltagare"]) == (1, 0)
    assert (per["behovsanalys"]["med_deltagaruppfoljning"], per["behovsanalys"]["med_registrerade_deltagare"]) == (1, 0)


def test_it_counts_an_insats_once_per_malgrupp(handdata):
    ind = stats(2024)["individinriktade"]
    assert ind["malgrupper"] == {
        "enbart_kvinnor": 0,
        "enbart_man": 0,
        "unga": 2,
        "unga_funktionsnedsattning": 0,
        "unga_aktivitetsersattning": 0,
        "langtidssjukskrivna": 1,
        "ingen_specifik": 2,
    }
    assert ind["utan_malgrupp"] == 1


def test_it_sums_budget_and_utfall_per_typ(handdata):
    ek = stats(2024)["ekonomi"]
    assert (ek["budget_individinriktade"], ek["budget_strukturovergripande"]) == (550_000, 30_000)
    assert (ek["utfall_individinriktade"], ek["utfall_strukturovergripande"]) == (350_000, 29_000)
    assert set(ek["medlemsbidrag"]) >= {"stat", "regioner", "kommuner"}
    assert set(ek["administration"]) >= {"budget", "utfall"}
    assert "eget_kapital_utgaende" in ek


def test_a_lan_follows_the_membership_of_that_year(handdata):
    norrbotten = Lan.objects.get(kod="25")
    s = stats(2024, lan=norrbotten)
    # Gamla belonged to Norrbotten until 30 June: its insats counts; at year end only Södra Norrbotten and Nya.
    assert (s["insatser"]["totalt"], s["insatser"]["individinriktade"], s["individinriktade"]["deltagare"]) == (
        3,
        2,
        25,
    )
    assert s["strukturovergripande"]["deltagare"] == 40
    assert {
        k: s["forbund"][k] for k in ("antal", "kommuner_i_forbund", "kommuner_utan_forbund", "kommuner_totalt")
    } == {"antal": 2, "kommuner_i_forbund": 5, "kommuner_utan_forbund": 9, "kommuner_totalt": 14}


def test_a_forbund_in_two_lan_counts_in_both_and_once_nationally(handdata):
    varmland, vgr = Lan.objects.get(kod="17"), Lan.objects.get(kod="14")
    assert stats(2024, lan=varmland)["insatser"]["totalt"] == 2
    assert stats(2024, lan=vgr)["insatser"]["totalt"] == 2
    assert stats(2024)["insatser"]["totalt"] == 8


def test_a_forbund_selection_has_only_its_own_figures(handdata):
    s = stats(2024, forbund=handdata["gamla"])
    assert (s["insatser"]["totalt"], s["insatser"]["avslutade"], s["individinriktade"]["deltagare"]) == (1, 1, 15)
    assert (s["forbund"]["antal"], s["forbund"]["kommuner_utan_forbund"]) == (0, 0)


def test_trend_follows_each_years_figures(handdata):
    rows = {r["ar"]: r for r in trend(Urval(ar=2024), 2022)}
    assert (rows[2024]["insatser"], rows[2023]["insatser"], rows[2022]["insatser"]) == (8, 5, 3)
    assert (rows[2024]["forbund"], rows[2023]["forbund"]) == (70, 73)
    assert (rows[2024]["individinriktade"], rows[2023]["strukturovergripande"]) == (5, 1)


def test_registration_status_shows_what_each_forbund_lacks(handdata):
    rows = {r["slug"]: r for r in forbund_oversikt(Urval(ar=2024))}
    blekinge = rows["samordningsforbundet-i-blekinge"]
    # Blekinge: d has counts, the förebyggande insats (5) has none; f has no deltagaruppföljning.
    assert (blekinge["insatser"], blekinge["insatser_med_deltagarkrav"], blekinge["insatser_med_deltagare"]) == (
        3,
        2,
        1,
    )
    assert blekinge["status"]["deltagare"] is False
    assert rows["nya"]["status"]["deltagare"] is True
    assert rows["nya"]["status"]["utfall"] is False  # b has no utfall
    assert rows["gamla"]["status"]["utfall"] is True
    assert rows["samordningsforbundet-halland"]["status"]["insatser"] is False
    assert len(rows) == 71  # every förbund that existed some day of 2024: the 69 at year end, Nya and Gamla


def _queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_data(handdata):
    def run():
        ar_statistik(Urval(ar=2024))
        trend(Urval(ar=2024), 2015)
        forbund_oversikt(Urval(ar=2024))

    small = _queries(run)
    scale_up(10)
    assert _queries(run) == small


def test_the_economy_says_how_many_of_the_years_forbund_registered_a_merged_one_included(handdata):
    from ekonomi.services import medlemsbidrag_set
    from forbund.models import Forbund
    from statistik.tabeller import rapport

    for slug in ("gamla", "nya"):
        medlemsbidrag_set(forbund=Forbund.objects.get(slug=slug), ar=2024, belopp={("stat", ""): 1_000_000})
    definition = rapport(Urval(ar=2024)).per_nyckel["ekonomi"].definition
    # Gamla merged on 30 June: its medlemsbidrag count, so it is one of the 71 förbund of the year (not "2 av 70").
    assert "uppgifter från 2 av 71 förbund för medlemsbidragen" in definition
