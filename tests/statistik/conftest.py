"""A small hand-made national year on top of the real 2023/2024 registry, with every figure computed by hand.

Two test förbund in Norrbotten (a län with kommuner outside every förbund): "Gamla" merged into "Nya" on
30 June 2024; Kiruna moved with it. The figures each test expects are written next to the data below.
"""

import datetime

import pytest

from forbund.models import Forbund, Medlemskap
from insatser.models import Inriktning, InsatsAr, Malgrupp, Typ
from tests.factories import ForbundFactory, InsatsArFactory, InsatsFactory, MedlemskapFactory, kommun

D = datetime.date
I, S = Typ.INDIVIDINRIKTAD, Typ.STRUKTUROVERGRIPANDE  # noqa: E741


def inr(kod):
    return Inriktning.objects.get(kod=kod)


def mg(*koder):
    return list(Malgrupp.objects.filter(kod__in=koder))


def ar(insats, ar, **kw):
    return InsatsArFactory(insats=insats, ar=ar, **kw)


@pytest.fixture
def handdata(db):
    return build_handdata()


def build_handdata():
    """2024 (national): 8 insatser, 5 individinriktade, 3 strukturövergripande; see the comments per insats."""
    nya = ForbundFactory(namn="Samordningsförbundet Nya", slug="nya", bildat=D(2024, 7, 1))
    gamla = ForbundFactory(namn="Samordningsförbundet Gamla", slug="gamla", upphort=D(2024, 6, 30), efterfoljare=nya)
    MedlemskapFactory(forbund=gamla, kommun=kommun("2584"), giltig_fran=D(2020, 1, 1), giltig_till=D(2024, 6, 30))
    MedlemskapFactory(forbund=nya, kommun=kommun("2584"), giltig_fran=D(2024, 7, 1))
    varmland = Forbund.objects.get(slug="vastra-varmlands-och-norra-dalslands-samordningsforbund")
    blekinge = Forbund.objects.get(slug="samordningsforbundet-i-blekinge")

    # 1. Gamla, individ, arbetslivsinriktad, 2023-03-01 – 2024-05-31: counts in 2023 and 2024, avslutad 2024.
    a = InsatsFactory(
        forbund=gamla,
        typ=I,
        inriktning=inr("arbetslivsinriktad"),
        startdatum=D(2023, 3, 1),
        slutdatum=D(2024, 5, 31),
        malgrupper=mg("ingen_specifik"),
    )
    ar(a, 2023, deltagare_kvinnor=8, deltagare_man=4, budget=100_000, utfall=90_000)
    ar(a, 2024, deltagare_kvinnor=10, deltagare_man=5, budget=50_000, utfall=40_000)
    # 2. Nya, individ, forberedande, påbörjad 2024-08-01, målgrupper unga + långtidssjukskrivna.
    b = InsatsFactory(
        forbund=nya,
        typ=I,
        inriktning=inr("forberedande"),
        startdatum=D(2024, 8, 1),
        malgrupper=mg("unga", "langtidssjukskrivna"),
    )
    ar(b, 2024, deltagare_kvinnor=7, deltagare_man=3, budget=200_000)
    # 3. Värmland (län 17 and 14), individ, arbetslivsinriktad, 2022 – open, unga.
    c = InsatsFactory(
        forbund=varmland, typ=I, inriktning=inr("arbetslivsinriktad"), startdatum=D(2022, 1, 1), malgrupper=mg("unga")
    )
    ar(c, 2024, deltagare_kvinnor=20, deltagare_man=20, budget=300_000, utfall=310_000)
    ar(c, 2023, deltagare_kvinnor=30, deltagare_man=10, budget=300_000, utfall=300_000)
    # 4. Blekinge, individ, identifiera_behov, 2024-01-01 – 2024-12-31: påbörjad and avslutad 2024, no målgrupp.
    d = InsatsFactory(
        forbund=blekinge,
        typ=I,
        inriktning=inr("identifiera_behov"),
        startdatum=D(2024, 1, 1),
        slutdatum=D(2024, 12, 31),
    )
    ar(d, 2024, deltagare_kvinnor=3, deltagare_man=None)
    # 5. Blekinge, individ, forebyggande, 2021 – open, no figures for 2024 (registration missing).
    InsatsFactory(
        forbund=blekinge,
        typ=I,
        inriktning=inr("forebyggande"),
        startdatum=D(2021, 5, 1),
        malgrupper=mg("ingen_specifik"),
    )
    # 6. Nya, struktur, utveckla_samverkan, with deltagaruppföljning: 40 participants.
    e = InsatsFactory(
        forbund=nya, typ=S, inriktning=inr("utveckla_samverkan"), startdatum=D(2024, 9, 1), deltagaruppfoljning=True
    )
    ar(e, 2024, deltagare_totalt=40, budget=10_000, utfall=9_000)
    # 7. Blekinge, struktur, kompetenshojande, without deltagaruppföljning: its 99 "participants" do not count.
    f = InsatsFactory(
        forbund=blekinge, typ=S, inriktning=inr("kompetenshojande"), startdatum=D(2023, 1, 1), slutdatum=D(2025, 6, 30)
    )
    ar(f, 2024, deltagare_totalt=99, budget=20_000, utfall=20_000)
    # 8. Värmland, struktur, behovsanalys, with deltagaruppföljning but 0 participants.
    g = InsatsFactory(
        forbund=varmland,
        typ=S,
        inriktning=inr("behovsanalys"),
        startdatum=D(2024, 2, 1),
        slutdatum=D(2024, 3, 1),
        deltagaruppfoljning=True,
    )
    ar(g, 2024, deltagare_totalt=0)
    # Not in 2024: ended 2023-12-31, and starts 2025.
    InsatsFactory(forbund=blekinge, typ=I, startdatum=D(2022, 1, 1), slutdatum=D(2023, 12, 31))
    InsatsFactory(forbund=blekinge, typ=S, startdatum=D(2025, 1, 1))
    return {"gamla": gamla, "nya": nya, "varmland": varmland, "blekinge": blekinge}


def scale_up(factor: int, ar: int = 2024):
    """More of everything: `factor` extra förbund with insatser of both kinds and yearly figures."""
    for n in range(factor):
        f = ForbundFactory()
        Medlemskap.objects.create(forbund=f, kommun=kommun("2505"), giltig_fran=D(2020, 1, 1))
        for typ in (I, S):
            for m in range(3):
                insats = InsatsFactory(
                    forbund=f,
                    typ=typ,
                    startdatum=D(ar, 1 + m, 1),
                    malgrupper=mg("unga", "unga_funktionsnedsattning") if typ == I else None,
                    deltagaruppfoljning=typ == S,
                )
                InsatsAr.objects.create(
                    insats=insats,
                    ar=ar,
                    deltagare_kvinnor=2,
                    deltagare_man=2,
                    deltagare_totalt=4,
                    budget=1000,
                    utfall=900,
                )
