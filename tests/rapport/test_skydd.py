"""The draft's counts of people follow a release's suppression pattern: a small count never reaches the report."""

import datetime

import pytest

from forbund.models import Forbund
from insatser.models import Inriktning, Typ
from publicering.services import publicering_skapa
from rapport.selectors import rapport_underlag
from rapport.utkast import skapa_utkast
from statistik.arsstatistik import ar_statistik
from statistik.urval import Urval
from tests.factories import InsatsArFactory, InsatsFactory, UserFactory
from tests.rapport.hjalp import kolumn, oppna, tabell, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def liten(handdata):
    """Two women and one man in förebyggande insatser in the whole country in 2024."""
    insats = InsatsFactory(
        forbund=Forbund.objects.get(slug="samordningsforbundet-i-blekinge"),
        typ=Typ.INDIVIDINRIKTAD,
        inriktning=Inriktning.objects.get(kod="forebyggande"),
        startdatum=datetime.date(2024, 2, 1),
    )
    InsatsArFactory(insats=insats, ar=2024, deltagare_kvinnor=2, deltagare_man=1)
    rad = ar_statistik(Urval(ar=2024))["individinriktade"]["per_inriktning"]["forebyggande"]
    assert (rad["kvinnor"], rad["man"]) == (2, 1)
    return insats


def test_a_small_count_never_reaches_the_draft(liten):
    doc = oppna(skapa_utkast(rapport_underlag(2024)))
    rader = tabell(doc, "Tabell 1.")
    k = kolumn(rader, Inriktning.objects.get(kod="forebyggande").namn)
    assert k["Antal deltagare"] == ".."
    assert k["Andel kvinnor"] == ".." and k["Andel män"] == ".."
    # The footnote under the table, and in the source note.
    assert "Värdet visas inte för att skydda enskilda" in text(doc)
    assert "året är inte publicerat än" in text(doc)
    # Nothing in the table of people counts is between 1 and 4.
    for rad in rader:
        if rad[0] in ("Antal deltagare",):
            assert not any(c in {"1", "2", "3", "4"} for c in rad[1:]), rad


def test_the_draft_shows_the_counts_of_people_as_the_release_published_them(liten):
    p = publicering_skapa(ar=2024, user=UserFactory())
    publicerat = {(r["indikator"], r["kon"]): r for r in p.data if r["omrade_typ"] == "riket"}
    u = rapport_underlag(2024)
    assert f"publicering nr {p.pk}" in u.kalla.skydd
    doc = oppna(skapa_utkast(u))
    totalt = kolumn(tabell(doc, "Tabell 1."), "Totalt")
    r = publicerat[("deltagare_individinriktade", "T")]
    assert totalt["Antal deltagare"] == (".." if r["status"] else f"{r['varde']}")
    forebyggande = publicerat[("deltagare_individinriktade_forebyggande", "T")]
    assert forebyggande["status"] == ".."
    assert kolumn(tabell(doc, "Tabell 1."), Inriktning.objects.get(kod="forebyggande").namn)["Antal deltagare"] == ".."
