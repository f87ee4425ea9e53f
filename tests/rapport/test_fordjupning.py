"""Figures the report writes that the dashboard did not have: relative changes of counts, each kön's share per
inriktning, which målgrupper occur together, and the change of eget kapital over the years (issue 13)."""

import datetime

from insatser.models import Inriktning, Malgrupp
from rapport.meningar import jamforelse_mening
from rapport.selectors import rapport_underlag
from rapport.siffror import relativ_andring, relativ_mening
from rapport.utkast import skapa_utkast
from statistik.arsstatistik import ar_statistik
from statistik.urval import Urval
from tests.factories import ForbundFactory, InsatsArFactory, InsatsFactory
from tests.rapport.hjalp import oppna, tabell, text


def test_a_relative_change_is_written_in_whole_percent_with_the_word_that_follows_its_sign():
    assert round(relativ_andring(30, 70), 2) == -57.14
    assert relativ_mening(30, 70, 2023, "antalet insatser i procent") == (
        "För antalet insatser i procent är det en minskning med 57 procent jämfört med 2023."
    )
    assert "en ökning med 50 procent" in relativ_mening(60, 40, 2023, "x")
    # No base to compare with: the year before had none, or is unknown.
    assert relativ_andring(5, 0) is None and relativ_andring(None, 3) is None
    assert relativ_mening(5, 0, 2023, "x") == jamforelse_mening(None, enhet="procent", fore_ar=2023, storhet="x")


def _malgrupper(*koder):
    return [Malgrupp.objects.get(kod=k) for k in koder]


def test_pairs_of_malgrupper_and_each_kon_s_share_per_inriktning(db):
    f = ForbundFactory(namn="Samordningsförbundet Kombination", slug="kombination")
    arb, forb = Inriktning.objects.get(kod="arbetslivsinriktad"), Inriktning.objects.get(kod="forberedande")
    start = datetime.date(2031, 1, 1)
    a = InsatsFactory(
        forbund=f, inriktning=arb, startdatum=start, malgrupper=_malgrupper("unga", "langtidssjukskrivna")
    )
    b = InsatsFactory(
        forbund=f,
        inriktning=arb,
        startdatum=start,
        malgrupper=_malgrupper("unga", "langtidssjukskrivna", "enbart_kvinnor"),
    )
    c = InsatsFactory(forbund=f, inriktning=forb, startdatum=start, malgrupper=_malgrupper("unga"))
    InsatsArFactory(insats=a, ar=2031, deltagare_kvinnor=60, deltagare_man=20)
    InsatsArFactory(insats=b, ar=2031, deltagare_kvinnor=30, deltagare_man=30)
    InsatsArFactory(insats=c, ar=2031, deltagare_kvinnor=10, deltagare_man=50)

    ordning = {m.kod: m.ordning for m in Malgrupp.objects.all()}

    def par(x, y):
        return sorted([x, y], key=lambda k: (ordning[k], k))

    kombinationer = ar_statistik(Urval(ar=2031))["individinriktade"]["malgrupp_kombinationer"]
    assert kombinationer[0] == {"malgrupper": par("unga", "langtidssjukskrivna"), "insatser": 2}
    assert sorted((tuple(k["malgrupper"]), k["insatser"]) for k in kombinationer[1:]) == sorted(
        [(tuple(par("unga", "enbart_kvinnor")), 1), (tuple(par("langtidssjukskrivna", "enbart_kvinnor")), 1)]
    )

    doc = oppna(skapa_utkast(rapport_underlag(2031)))
    rader = tabell(doc, "Målgrupper som ingår i samma insats 2031")
    assert rader[1][1:] == ["2", "67 %"]  # 2 of the 3 individinriktade
    # Kvinnor 100 (90 in arbetslivsinriktad = 90 %), män 100 (50 = 50 %): counts large enough to be published.
    assert "Inriktningen har 90 procent av kvinnorna och 50 procent av männen" in text(doc)
