"""Cells and summavillkor from Finsam's tables."""

import random

import pytest

from publicering.celler import Villkor
from publicering.skydd import skydda
from publicering.tabeller import cell_id, forbundstabell, sla_ihop, uppdelning


def test_it_aggregates_forbund_to_lan_and_riket_with_every_sum():
    tabell = forbundstabell(
        {"a": {"kvinnor": 3, "man": 4}, "b": {"kvinnor": 10, "man": 0}, "c": {"kvinnor": 1, "man": 1, "totalt": 2}},
        {"a": "01", "b": "01", "c": "08"},
    )
    varden = tabell.varden()
    assert varden["deltagare:forbund:a:totalt"] == 7
    assert varden["deltagare:lan:01:kvinnor"] == 13
    assert varden["deltagare:lan:08:totalt"] == 2
    assert varden["deltagare:riket:totalt"] == 19
    assert Villkor("deltagare:lan:01:man", ("deltagare:forbund:a:man", "deltagare:forbund:b:man")) in tabell.villkor
    assert Villkor("deltagare:riket:totalt", ("deltagare:lan:01:totalt", "deltagare:lan:08:totalt")) in tabell.villkor
    assert Villkor("deltagare:riket:totalt", ("deltagare:riket:kvinnor", "deltagare:riket:man")) in tabell.villkor
    assert len(tabell.villkor) == 3 + 2 + 1 + 2 * 3 + 3  # rows of förbund, län, riket; columns of län, riket


def test_it_refuses_a_total_that_is_not_the_sum():
    with pytest.raises(ValueError, match="inte summan"):
        forbundstabell({"a": {"kvinnor": 3, "man": 4, "totalt": 9}}, {"a": "01"})


def test_it_refuses_a_forbund_without_lan():
    with pytest.raises(ValueError, match="saknar län"):
        forbundstabell({"a": {"kvinnor": 3, "man": 4}}, {})


def test_a_breakdown_links_to_a_cell_of_another_table():
    tabell = forbundstabell({"a": {"kvinnor": 3, "man": 4}}, {"a": "01"})
    riket = cell_id("deltagare", "riket", "totalt")
    ihop = sla_ihop(tabell, uppdelning(riket, {"arbetslivsinriktad": 5, "forberedande": 2}, namn="inr"))
    assert ihop.varden()["inr:forberedande"] == 2
    assert Villkor(riket, ("inr:arbetslivsinriktad", "inr:forberedande")) in ihop.villkor
    assert len([c for c in ihop.celler if c.id == riket]) == 1
    with pytest.raises(ValueError, match="olika värden"):
        sla_ihop(tabell, uppdelning(riket, {"arbetslivsinriktad": 5}, namn="inr"))


def test_money_tables_are_built_but_never_hidden():
    tabell = forbundstabell(
        {"a": {"budget": 3, "utfall": 2}},
        {"a": "01"},
        namn="kr",
        delar=("budget", "utfall"),
        total="summa",
        personer=False,
    )
    assert skydda(tabell.celler, tabell.villkor).dolda == set()


def test_a_national_sized_table_is_protected_and_stable():
    slump = random.Random(7)
    rader = {
        f"f{i:02d}": {"kvinnor": slump.choice([0, 1, 2, 3, 6, 15, 40, 120]), "man": slump.choice([0, 1, 4, 8, 35, 100])}
        for i in range(70)
    }
    tabell = forbundstabell(rader, {f: f"{slump.randrange(21):02d}" for f in rader})
    monster = skydda(tabell.celler, tabell.villkor)
    assert monster.oskyddade == []
    assert all(hogst - lagst >= 5 for lagst, hogst in monster.intervall.values())
    assert skydda(tabell.celler, tabell.villkor, tidigare=monster).to_json() == monster.to_json()
