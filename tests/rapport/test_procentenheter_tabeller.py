"""The dashboard's tables and their downloads follow the same percentage-point convention as the draft."""

import pytest

from rapport.procent import AVRUNDADE, EXAKTA, procentenheter
from statistik import exports
from statistik.tabeller import rapport
from statistik.urval import Urval

pytestmark = pytest.mark.django_db


def andel(a, b):
    return 100 * a / b if b else None


def forvantat(r, konv):
    """Tabell 1's change of each inriktning's share of insatser, computed here from the JSON."""
    n, f = r.nu, r.fore
    tot, ftot = n["insatser"]["individinriktade"], f["insatser"]["individinriktade"]
    ut = {}
    for inr in r.referens.inriktningar_for("individinriktad"):
        if inr.system != "uppfoljning_finsam":
            continue
        a = n["individinriktade"]["per_inriktning"][inr.kod]["insatser"]
        b = f["individinriktade"]["per_inriktning"][inr.kod]["insatser"]
        ut[inr.namn] = procentenheter(andel(a, tot), andel(b, ftot), konv)
    return ut


def test_the_dashboard_rounds_shares_first_by_default(client, people, handdata):
    r = rapport(Urval(ar=2024))
    rader = {rad[0]: rad for rad in r.per_nyckel["tabell1"].rader}
    for namn, pe in forvantat(r, AVRUNDADE).items():
        assert rader[namn][3] == pe and isinstance(pe, int)
    # Andel individinriktade in the key-figure table: 5 of 8 (62,5 % → 63) against 2023's share.
    insatser = {rad[0]: rad for rad in r.per_nyckel["insatser"].rader}
    andel_rad = insatser["Andel individinriktade"]
    assert andel_rad[3] == procentenheter(andel_rad[1], andel_rad[2], AVRUNDADE)
    csv = exports.tabell_csv(r.per_nyckel["tabell1"])
    text = csv.decode("utf-8-sig") if isinstance(csv, bytes) else csv
    forsta = next(iter(forvantat(r, AVRUNDADE).items()))
    rad = next(line for line in text.splitlines() if line.startswith(forsta[0]))
    assert rad.split(";" if ";" in rad else ",")[3] == str(forsta[1])  # a whole number in the download too

    client.force_login(people.handlaggare)
    html = client.get("/statistik/?ar=2024").content.decode()
    assert f">{'+' if forsta[1] > 0 else '−'}{abs(forsta[1])}</td>" in html


def test_exakta_gives_the_exact_difference_everywhere(settings, handdata):
    settings.PROCENTENHETER = EXAKTA
    r = rapport(Urval(ar=2024))
    rader = {rad[0]: rad for rad in r.per_nyckel["tabell1"].rader}
    for namn, pe in forvantat(r, EXAKTA).items():
        assert rader[namn][3] == pytest.approx(pe)
