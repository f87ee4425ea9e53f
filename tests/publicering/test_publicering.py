"""Releases: made from an extract or a closed year's live figures, suppressed consistently, money never hidden."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from forbund.models import Roll
from insatser.models import Inriktning, Typ
from publicering.models import Publicering
from publicering.services import publicering_skapa
from publicering.skydd import Skyddsmonster
from publicering.verifiering import intervall
from rapportering.uttag import uttag_ta
from tests.factories import (
    BehorighetFactory,
    ForbundFactory,
    InsatsArFactory,
    InsatsFactory,
    MedlemskapFactory,
    UserFactory,
    kommun,
)

pytestmark = pytest.mark.django_db
AR = 2024


def forbund_i(slug: str, kommunkod: str):
    f = ForbundFactory(slug=slug, namn=f"Samordningsförbundet {slug}")
    MedlemskapFactory(forbund=f, kommun=kommun(kommunkod))
    return f


def individ(forbund, kvinnor, man, *, budget=100_000, inriktning="arbetslivsinriktad"):
    insats = InsatsFactory(forbund=forbund, inriktning=Inriktning.objects.get(kod=inriktning))
    return InsatsArFactory(
        insats=insats, ar=AR, deltagare_kvinnor=kvinnor, deltagare_man=man, budget=budget, utfall=budget
    )


def struktur(forbund, totalt):
    insats = InsatsFactory(forbund=forbund, typ=Typ.STRUKTUROVERGRIPANDE, deltagaruppfoljning=True)
    return InsatsArFactory(insats=insats, ar=AR, deltagare_totalt=totalt, budget=5, utfall=3)


@pytest.fixture
def granskare(db):
    user = UserFactory(username="granskare")
    BehorighetFactory(user=user, roll=Roll.GRANSKARE)
    return user


@pytest.fixture
def landet(db):
    """Three förbund in Stockholms län (01) and two in Uppsala (03), one of them with a single man."""
    a, b, c = forbund_i("a", "0180"), forbund_i("b", "0114"), forbund_i("c", "0184")
    d, e = forbund_i("d", "0380"), forbund_i("e", "0381")
    individ(a, 40, 30)
    individ(b, 12, 9, inriktning="forberedande")
    individ(c, 20, 25)
    individ(d, 0, 1, budget=7)
    individ(e, 15, 18)
    struktur(a, 50)
    struktur(d, 2)
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def varden(p: Publicering) -> dict[tuple, tuple]:
    return {(r["indikator"], r["omrade_typ"], r["omrade"], r["kon"]): (r["varde"], r["status"]) for r in p.data}


def test_a_single_one_beside_its_total_is_hidden_with_a_complementary_cell(landet, granskare):
    p = publicering_skapa(ar=AR, user=granskare)
    v = varden(p)
    assert v[("deltagare_individinriktade", "forbund", "d", "M")] == (None, "..")
    assert v[("deltagare_individinriktade", "forbund", "d", "T")] == (None, "..")
    # Uppsala's men would give d's man by subtraction of e's: something else in the line is hidden too.
    dolda = {k for k, (varde, status) in v.items() if status == ".."}
    assert len(dolda) > 2
    assert v[("deltagare_individinriktade", "forbund", "d", "K")] == (0, None)  # zero is shown
    # Every hidden cell's range, solved from everything published, is at least the threshold wide.
    monster = Skyddsmonster.from_json(p.monster)
    assert monster.oskyddade == []
    assert all(hogst - lagst >= 5 for lagst, hogst in monster.intervall.values())


def test_the_exact_check_holds_against_the_published_values(landet, granskare):
    from publicering.selectors import siffror_live
    from publicering.services import tabell_for

    p = publicering_skapa(ar=AR, user=granskare)
    tabell = tabell_for(siffror_live(AR))
    monster = Skyddsmonster.from_json(p.monster)
    spann = intervall(tabell.varden(), tabell.villkor, monster.dolda)
    assert all(h - lag >= 5 for lag, h in spann.values())
    # What is published is exactly the true value of every cell not hidden, or "–" where the förbund registered none.
    siffror = siffror_live(AR)
    for cell in tabell.celler:
        indikator, typ, *rest = cell.id.split(":")
        omrade = "SE" if typ == "riket" else rest[0]
        saknas = typ == "forbund" and "deltagare" in siffror.forbund[omrade]["saknas"]
        assert varden(p)[(indikator, typ, omrade, rest[-1])] == (
            (None, "..") if monster.ar_dold(cell.id) else (None, "–") if saknas else (cell.varde, None)
        )
        if saknas:
            assert cell.varde == 0  # nothing registered adds nothing to the län and riket


def test_what_a_forbund_has_not_registered_is_published_as_not_registered_not_0(landet, granskare):
    tyst = forbund_i("tyst", "0186")  # in Stockholms län, nothing registered for the year
    InsatsArFactory(insats=InsatsFactory(forbund=landet["e"]), ar=AR, budget=9)  # e: participants of one insats only
    v = varden(publicering_skapa(ar=AR, user=granskare))
    for indikator in ("deltagare_individinriktade", "insatser", "budget", "utfall"):
        assert v[(indikator, "forbund", tyst.slug, "T")] == (None, "–"), indikator
    # Län and riket sum what was registered, and the release says from how many förbund.
    assert v[("budget", "lan", "01", "T")] == (3 * 100_000 + 5, None)
    from publicering.selectors import siffror_live

    n = len(siffror_live(AR).forbund)  # every förbund of the year (the registry's too)
    p = Publicering.objects.latest("skapad")
    assert f"Deltagare: uppgifter från 5 av {n} förbund." in p.andringar
    assert f"Insatser: uppgifter från 5 av {n} förbund." in p.andringar


def test_money_and_counts_of_insatser_are_never_hidden(landet, granskare):
    v = varden(publicering_skapa(ar=AR, user=granskare))
    assert v[("budget", "forbund", "d", "T")] == (7 + 5, None)
    assert v[("insatser", "forbund", "d", "T")] == (2, None)
    assert v[("insatser_individinriktade", "forbund", "d", "T")] == (1, None)
    assert v[("utfall", "riket", "SE", "T")] == (100_000 * 4 + 7 + 3 * 2, None)


def test_two_releases_hide_consistently(landet, granskare):
    forsta = publicering_skapa(ar=AR, user=granskare)
    # A correction makes another cell small: the cells hidden before stay hidden.
    individ(landet["b"], 0, 3)
    andra = publicering_skapa(ar=AR, user=granskare)
    fore, nu = Skyddsmonster.from_json(forsta.monster), Skyddsmonster.from_json(andra.monster)
    assert fore.dolda <= nu.dolda
    assert nu.oskyddade == []
    # What a reader knows from the first release is carried on and checked together with the second's.
    assert fore.ekvationer and {str(e) for e in fore.ekvationer} <= {str(e) for e in nu.ekvationer}
    assert "Jämfört med publicering" in andra.andringar
    # Unchanged figures give the same pattern.
    tredje = publicering_skapa(ar=AR, user=granskare)
    assert tredje.monster == andra.monster and tredje.data == andra.data


def test_a_release_from_an_extract_equals_the_extract_where_not_hidden(landet, granskare):
    uttag = uttag_ta(ar=AR, user=granskare)
    individ(landet["a"], 1000, 1000)  # after the extract: not in the release
    p = publicering_skapa(ar=AR, user=granskare, uttag=uttag)
    assert p.uttag == uttag and "uttag" in p.andringar
    v = varden(p)
    for slug, figurer in uttag.statistik["forbund"].items():
        for falt, indikator in (
            ("deltagare_individinriktade", "deltagare_individinriktade"),
            ("deltagare_strukturovergripande", "deltagare_strukturovergripande"),
            ("insatser", "insatser"),
            ("budget", "budget"),
            ("utfall", "utfall"),
        ):
            varde, status = v[(indikator, "forbund", slug, "T")]
            # The extract holds None for a figure the förbund has not registered; the release writes "–", not 0.
            assert status == ".." or (varde, status) in {(figurer[falt], None), (None, "–")}, (slug, falt)
            if status == "–":
                assert not figurer[falt], (slug, falt)
    stat = uttag.statistik["statistik"]["individinriktade"]
    assert v[("deltagare_individinriktade", "riket", "SE", "K")] == (stat["kvinnor"], None)
    assert v[("deltagare_individinriktade", "forbund", "a", "K")] == (40, None)  # the extract keeps kön per förbund


def test_an_extract_taken_before_it_kept_kon_per_forbund_gives_kon_for_the_country_only(landet, granskare):
    uttag = uttag_ta(ar=AR, user=granskare)
    del uttag.statistik["publicering"]
    uttag.save()
    v = varden(publicering_skapa(ar=AR, user=granskare, uttag=uttag))
    assert ("deltagare_individinriktade", "forbund", "a", "K") not in v
    assert v[("deltagare_individinriktade", "riket", "SE", "K")][0] == 87


def test_a_year_that_has_not_ended_is_released_only_from_an_extract(granskare):
    with pytest.raises(ValidationError, match="inte tagit slut"):
        publicering_skapa(ar=datetime.date.today().year, user=granskare)


def test_the_command_prints_the_release_id(landet, granskare):
    out = StringIO()
    call_command("publicera", "--ar", str(AR), "--anvandare", "granskare", stdout=out)
    assert out.getvalue().strip() == str(Publicering.objects.get().pk)
    uttag = uttag_ta(ar=AR, user=granskare)
    out = StringIO()
    call_command("publicera", "--ar", str(AR), "--anvandare", "granskare", "--uttag", str(uttag.pk), stdout=out)
    assert Publicering.objects.get(pk=int(out.getvalue())).uttag == uttag
    with pytest.raises(CommandError, match="inget uttag"):
        call_command("publicera", "--ar", str(AR), "--anvandare", "granskare", "--uttag", "99999", stdout=StringIO())
    with pytest.raises(CommandError, match="inte 2023"):
        call_command(
            "publicera", "--ar", "2023", "--anvandare", "granskare", "--uttag", str(uttag.pk), stdout=StringIO()
        )
    with pytest.raises(CommandError, match="ingen användare"):
        call_command("publicera", "--ar", str(AR), "--anvandare", "finns-inte", stdout=StringIO())


def angrip(client, ar: int, troskel: int = 5) -> dict:
    """Attack what the open API publishes: every sum a reader knows, solved for each hidden cell (lowest, highest)."""
    from publicering.celler import Villkor

    client.get("/")  # nothing but the open API is used below
    meta = {i["id"]: i for i in client.get("/api/oppen/v1/indikator").json()["values"]}
    forbund = {f["slug"]: f["publicerat_lan"] for f in client.get(f"/api/oppen/v1/forbund?ar={ar}").json()["values"]}
    ids = ",".join(i for i, m in meta.items() if m["personer"])
    values = client.get(f"/api/oppen/v1/data/indikator/{ids}/ar/{ar}").json()["values"]
    cell = {(v["indikator"], v["omrade_typ"], v["omrade"], v["kon"]): v for v in values}

    def cid(*k):
        return "|".join(k)

    kanda = {cid(*k): v["varde"] for k, v in cell.items() if v["status"] is None}
    # Not registered ("–"): the reader knows the förbund adds nothing to its län and riket.
    kanda |= {cid(*k): 0 for k, v in cell.items() if v["status"] == "–"}
    dolda = {cid(*k) for k, v in cell.items() if v["status"] == ".."}
    villkor = []
    for ind, typ, omr, kon in cell:
        if kon == "T" and (ind, typ, omr, "K") in cell:
            villkor.append(Villkor(cid(ind, typ, omr, "T"), (cid(ind, typ, omr, "K"), cid(ind, typ, omr, "M"))))
    for ind in {k[0] for k in cell}:
        for kon in ("K", "M", "T"):
            lan = sorted({k[2] for k in cell if k[:2] == (ind, "lan") and k[3] == kon})
            for kod in lan:
                delar = tuple(cid(ind, "forbund", s, kon) for s, lankod in forbund.items() if lankod == kod)
                delar = tuple(d for d in delar if d in kanda or d in dolda)
                villkor.append(Villkor(cid(ind, "lan", kod, kon), delar))
            if lan:
                villkor.append(Villkor(cid(ind, "riket", "SE", kon), tuple(cid(ind, "lan", k, kon) for k in lan)))
    for total in ("deltagare_individinriktade", "deltagare_strukturovergripande", "avslutade_individinriktade"):
        for kon in ("K", "M", "T"):
            delar = tuple(cid(*k) for k in cell if k[0].startswith(total + "_") and k[3] == kon and k[0] != total)
            if delar and (total, "riket", "SE", kon) in cell:
                villkor.append(Villkor(cid(total, "riket", "SE", kon), delar))
    for kon in ("K", "M", "T"):  # work or studies: its four outcomes
        if ("avslutade_arbete_eller_studier", "riket", "SE", kon) in cell:
            koder = ("arbete_utan_stod", "arbete_med_stod", "eget_foretag", "studier")
            delar = tuple(cid(f"avslutade_individinriktade_{x}", "riket", "SE", kon) for x in koder)
            villkor.append(Villkor(cid("avslutade_arbete_eller_studier", "riket", "SE", kon), delar))
    return intervall({**kanda, **dict.fromkeys(dolda, 0)}, villkor, dolda)


def test_attacking_the_published_tables_finds_no_hidden_value(landet, granskare, client):
    # A län with one förbund: its row equals the förbund's, so both are hidden together.
    ensam = forbund_i("ensam", "2580")  # Norrbotten
    individ(ensam, 3, 30)
    publicering_skapa(ar=AR, user=granskare)
    spann = angrip(client, AR)
    assert spann and all(h - lag >= 5 for lag, h in spann.values()), spann
    assert "deltagare_individinriktade|lan|25|K" in spann and "deltagare_individinriktade|forbund|ensam|K" in spann


def test_a_later_release_never_hides_a_value_the_earlier_one_published_unchanged(landet, granskare, client):
    """Hiding a value a reader already has from the earlier release would protect nothing: other cells are hidden."""
    from publicering.selectors import siffror_live
    from publicering.services import tabell_for

    forsta = publicering_skapa(ar=AR, user=granskare)
    individ(forbund_i("f", "0182"), 2, 40)  # a new förbund in Stockholms län with two women
    andra = publicering_skapa(ar=AR, user=granskare)
    fore, nu = varden(forsta), varden(andra)
    assert nu[("deltagare_individinriktade", "forbund", "f", "K")] == (None, "..")
    sanna = {}
    for cell in tabell_for(siffror_live(AR)).celler:
        indikator, typ, *rest = cell.id.split(":")
        sanna[(indikator, typ, "SE" if typ == "riket" else rest[0], rest[-1])] = cell.varde
    for k, (_varde, status) in nu.items():
        if status == ".." and k in fore and fore[k][1] is None:
            assert fore[k][0] != sanna[k], k  # published then with the value it has now: it would be known
    assert Skyddsmonster.from_json(forsta.monster).dolda <= Skyddsmonster.from_json(andra.monster).dolda
    spann = angrip(client, AR)
    assert all(h - lag >= 5 for lag, h in spann.values())


def test_the_admin_site_lists_releases_and_changes_none(client, people, landet, granskare):
    p = publicering_skapa(ar=AR, user=granskare)
    client.force_login(people.administrator)
    assert client.get("/admin/publicering/publicering/").status_code == 200
    assert client.get(f"/admin/publicering/publicering/{p.pk}/change/").status_code == 200
    assert client.post(f"/admin/publicering/publicering/{p.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/publicering/publicering/add/").status_code == 403
