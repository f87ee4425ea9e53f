"""The 2024 report's sections 3 and 4 (seed 001) reproduced from a dataset made to match its insats counts."""

import datetime
import itertools

import pytest

from forbund.selectors import forbund_list_on
from insatser.models import Inriktning, Insats, InsatsAr, Malgrupp, Typ
from statistik.arsstatistik import ar_statistik
from statistik.tabeller import rapport
from statistik.urval import Urval

D = datetime.date
INDIVID = {"arbetslivsinriktad": 167, "forberedande": 87, "identifiera_behov": 26, "forebyggande": 10}
STRUKTUR = {"utveckla_samverkan": 144, "kompetenshojande": 127, "behovsanalys": 30}
UPPFOLJNING = {"utveckla_samverkan": 70, "kompetenshojande": 65, "behovsanalys": 9}  # 144 in all
# Participants per inriktning (report: 13 650, 6 581, 3 043, 575; 57 % kvinnor) and struktur (10 945, 16 455, 268).
KON = {
    "arbetslivsinriktad": (7371, 6279),
    "forberedande": (4080, 2501),
    "identifiera_behov": (1765, 1278),
    "forebyggande": (403, 172),
}
STRUKTUR_DELTAGARE = {"utveckla_samverkan": 10945, "kompetenshojande": 16455, "behovsanalys": 268}


@pytest.fixture
def rapport_2024(db):
    forbund = list(forbund_list_on(D(2024, 12, 31)).order_by("slug"))
    assert len(forbund) == 69
    individ_forbund = itertools.cycle(forbund[:61])  # 61 of 69 funded individinriktade insatser
    alla_forbund = itertools.cycle(forbund)
    plan = [(Typ.INDIVIDINRIKTAD, k, next(individ_forbund)) for k, n in INDIVID.items() for _ in range(n)]
    plan += [(Typ.STRUKTUROVERGRIPANDE, k, next(alla_forbund)) for k, n in STRUKTUR.items() for _ in range(n)]
    inriktningar = {i.kod: i for i in Inriktning.objects.all()}
    insatser, uppf = [], dict(UPPFOLJNING)
    for n, (typ, kod, f) in enumerate(plan):
        insatser.append(
            Insats(forbund=f, namn=f"Insats {n}", typ=typ, inriktning=inriktningar[kod], startdatum=D(2022, 6, 1))
        )
        if typ == Typ.STRUKTUROVERGRIPANDE and uppf[kod]:
            insatser[-1].deltagaruppfoljning = True
            uppf[kod] -= 1
    # 136 started during 2024 (every fourth insats first), 70 of the older ones ended during it.
    for insats in insatser[::4][:136]:
        insats.startdatum = D(2024, 3, 1)
    aldre = [i for i in insatser if i.startdatum.year == 2022]
    for insats in aldre[:70]:
        insats.slutdatum = D(2024, 10, 31)
    Insats.objects.bulk_create(insatser)

    ingen, unga = Malgrupp.objects.get(kod="ingen_specifik"), Malgrupp.objects.get(kod="unga")
    individ = [i for i in insatser if i.typ == Typ.INDIVIDINRIKTAD]
    Insats.malgrupper.through.objects.bulk_create(
        Insats.malgrupper.through(insats_id=i.pk, malgrupp_id=(ingen if n < 168 else unga).pk)
        for n, i in enumerate(individ)
    )
    forsta = {}
    for i in insatser:
        forsta.setdefault(i.inriktning_id, i)
    rows = [
        InsatsAr(insats=forsta[k], ar=2024, deltagare_kvinnor=kv, deltagare_man=man) for k, (kv, man) in KON.items()
    ]
    rows += [
        InsatsAr(
            insats=next(i for i in insatser if i.inriktning_id == k and i.deltagaruppfoljning),
            ar=2024,
            deltagare_totalt=n,
        )
        for k, n in STRUKTUR_DELTAGARE.items()
    ]
    InsatsAr.objects.bulk_create(rows)


def test_section_3_insats_counts_are_reproduced(rapport_2024):
    s = ar_statistik(Urval(ar=2024))
    assert {
        k: s["insatser"][k] for k in ("totalt", "individinriktade", "strukturovergripande", "paborjade", "avslutade")
    } == {"totalt": 591, "individinriktade": 290, "strukturovergripande": 301, "paborjade": 136, "avslutade": 70}
    assert (s["forbund"]["med_individinriktade_insatser"], s["forbund"]["antal"]) == (61, 69)
    assert s["individinriktade"]["deltagare"] == 23849
    assert s["strukturovergripande"]["deltagare"] == 27668
    assert s["strukturovergripande"]["med_deltagaruppfoljning"] == 144
    assert s["individinriktade"]["malgrupper"]["ingen_specifik"] == 168


def test_tabell_1_counts_and_shares_match_the_report(rapport_2024):
    tabell = rapport(Urval(ar=2024)).per_nyckel["tabell1"]
    rows = {r[0]: r for r in tabell.rader}
    names = {i.kod: i.namn for i in Inriktning.objects.all()}
    assert [rows[names[k]][1] for k in INDIVID] == [167, 87, 26, 10]
    # One decimal; the report rounds to whole percent (57, 30, 10, 3: it rounded 9.0 up).
    assert [round(rows[names[k]][2], 1) for k in INDIVID] == [57.6, 30.0, 9.0, 3.4]
    assert [rows[names[k]][4] for k in INDIVID] == [13650, 6581, 3043, 575]
    assert [round(rows[names[k]][5]) for k in INDIVID] == [57, 28, 13, 2]  # share of participants, as the report
    assert tabell.summa[1] == 290 and tabell.summa[4] == 23849
    assert round(tabell.summa[9]) == 57  # 57 % kvinnor


def test_tabell_2_counts_and_shares_match_the_report(rapport_2024):
    tabell = rapport(Urval(ar=2024)).per_nyckel["tabell2"]
    rows = {r[0]: r for r in tabell.rader}
    names = {i.kod: i.namn for i in Inriktning.objects.all()}
    assert [rows[names[k]][1] for k in STRUKTUR] == [144, 127, 30]
    assert [round(rows[names[k]][2]) for k in STRUKTUR] == [48, 42, 10]
    assert [round(rows[names[k]][7]) for k in STRUKTUR] == [40, 59, 1]
    assert (tabell.summa[1], tabell.summa[4], tabell.summa[6]) == (301, 144, 27668)


def test_the_share_of_individinriktade_is_49_percent(rapport_2024):
    tabell = rapport(Urval(ar=2024)).per_nyckel["insatser"]
    rows = {r[0]: r for r in tabell.rader}
    assert round(rows["Andel individinriktade"][1]) == 49
    assert round(rows["Andel strukturövergripande"][1]) == 51
