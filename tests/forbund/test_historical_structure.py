"""The registry reproduces the structure of the 2013 and 2021 reports (Bilaga 1), kommun by kommun.

The expected lists are forbund/data/bilaga1_2013.csv and bilaga1_2021.csv, derived from the reports' text with the
kommun names matched to SCB's codes (see forbund/data/README.md).
"""

import csv
import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from forbund.models import Forbund, Kommun, Medlemskap
from forbund.reference import DATA_DIR
from forbund.selectors import publicerade_serier, struktur_kand, struktur_kand_vid_arets_slut, struktur_on
from forbund.services import medlemskap_create

END_2013 = datetime.date(2013, 12, 31)
END_2021 = datetime.date(2021, 12, 31)
GOTEBORG = "1480"

pytestmark = pytest.mark.django_db


def bilaga1(ar: int) -> dict[str, set[tuple[str, str]]]:
    """kommunkod -> {(förbund slug, omfattning)}; an empty set for a kommun without förbund."""
    expected: dict[str, set[tuple[str, str]]] = {}
    with open(DATA_DIR / f"bilaga1_{ar}.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            members = expected.setdefault(row["kommunkod"], set())
            if row["forbund"]:
                members.add((row["forbund"], row["omfattning"]))
    return expected


def registry(datum: datetime.date) -> dict[str, set[tuple[str, str]]]:
    struktur = struktur_on(datum)
    actual: dict[str, set[tuple[str, str]]] = {k.kod: set() for k in struktur.kommuner_utan_forbund}
    for fs in struktur.forbund:
        for k in fs.kommuner:
            actual.setdefault(k.kod, set()).add((fs.forbund.slug, fs.omfattning.get(k.kod, "")))
    return actual


def differences(expected: dict, actual: dict) -> list[str]:
    namn = dict(Kommun.objects.values_list("kod", "namn"))
    return [
        f"{namn[kod]} ({kod}): rapporten {sorted(expected.get(kod, ()))}, registret {sorted(actual.get(kod, ()))}"
        for kod in sorted(set(expected) | set(actual))
        if expected.get(kod) != actual.get(kod)
    ]


@pytest.mark.parametrize("ar", [2013, 2021])
def test_the_expected_lists_cover_every_scb_kommun(ar):
    assert set(bilaga1(ar)) == set(Kommun.objects.values_list("kod", flat=True))


def test_end_of_2021_has_76_forbund_and_272_member_kommuner():
    struktur = struktur_on(END_2021)
    assert struktur.antal_forbund == 76
    assert struktur.antal_medlemskommuner == 272
    assert len(struktur.kommuner_utan_forbund) == 18


def test_end_of_2021_matches_the_2021_report_kommun_by_kommun():
    assert differences(bilaga1(2021), registry(END_2021)) == []


def test_end_of_2013_has_83_forbund_225_member_kommuner_and_65_without():
    struktur = struktur_on(END_2013)
    assert struktur.antal_forbund == 83
    assert struktur.antal_medlemskommuner == 225
    assert len(struktur.kommuner_utan_forbund) == 65


def test_end_of_2013_matches_the_2013_report_kommun_by_kommun():
    assert differences(bilaga1(2013), registry(END_2013)) == []


def test_gavleborg_had_no_forbund_in_2013():
    utan = {k.kod for k in struktur_on(END_2013).kommuner_utan_forbund}
    assert set(Kommun.objects.filter(lan_id="21").values_list("kod", flat=True)) <= utan


def test_goteborg_was_in_four_forbund_for_parts_of_the_city_and_counts_once():
    struktur = struktur_on(END_2013)
    delar = {fs.forbund.slug: fs.omfattning[GOTEBORG] for fs in struktur.forbund if GOTEBORG in fs.omfattning}
    assert delar == {
        "samordningsforbundet-goteborg-centrum": "Centrum",
        "samordningsforbundet-goteborg-hisingen-delta": "Hisingen",
        "samordningsforbundet-goteborg-nordost": "Nordost",
        "samordningsforbundet-goteborg-vaster": "Väster",
    }
    assert sum(1 for fs in struktur.forbund for k in fs.kommuner if k.kod == GOTEBORG) == 4
    assert GOTEBORG not in {k.kod for k in struktur.kommuner_utan_forbund}
    nordost = next(fs for fs in struktur.forbund if fs.forbund.slug == "samordningsforbundet-goteborg-nordost")
    assert [(k.namn, del_) for k, del_ in nordost.kommuner_med_omfattning] == [("Göteborg", "Nordost")]
    # Västra Götaland's group in the Bilaga 1 page keeps the districts.
    vg = next(forbund for lan, forbund, _utan in struktur.per_lan() if lan.kod == "14")
    assert {fs.omfattning.get(GOTEBORG) for fs in vg} >= {"Centrum", "Hisingen", "Nordost", "Väster"}
    # From 2014 one förbund for the whole city.
    after = [fs for fs in struktur_on(END_2021).forbund if any(k.kod == GOTEBORG for k in fs.kommuner)]
    assert [(fs.forbund.slug, fs.omfattning) for fs in after] == [("samordningsforbundet-goteborg", {})]
    for slug in delar:
        assert Forbund.objects.get(slug=slug).efterfoljare.slug == "samordningsforbundet-goteborg"


def test_a_partial_membership_names_its_parts():
    m = Medlemskap.objects.get(kommun_id=GOTEBORG, forbund__slug="samordningsforbundet-goteborg-nordost")
    assert m.medlem_namn == "Göteborg (Nordost)"
    assert m.ar_del


def test_partial_memberships_may_overlap_only_each_other():
    forbund = Forbund.objects.get(slug="samordningsforbundet-insjoriket")
    fran, till = datetime.date(2013, 6, 1), datetime.date(2013, 12, 31)
    goteborg = Kommun.objects.get(kod=GOTEBORG)
    # Another district in a fifth förbund: allowed, the others are partial too.
    m = medlemskap_create(forbund=forbund, kommun=goteborg, giltig_fran=fran, giltig_till=till, omfattning="Angered")
    assert m.omfattning == "Angered"
    # The whole city on the same days: not allowed.
    other = Forbund.objects.get(slug="samordningsforbundet-alv-och-kust")
    with pytest.raises(ValidationError, match="bara ingå i ett förbund åt gången"):
        medlemskap_create(forbund=other, kommun=goteborg, giltig_fran=fran, giltig_till=till)
    # A part of a kommun that is a whole member of a förbund: not allowed either.
    molndal = Kommun.objects.get(namn="Mölndal")
    with pytest.raises(ValidationError):
        medlemskap_create(forbund=other, kommun=molndal, giltig_fran=datetime.date(2020, 1, 1), omfattning="Centrum")
    # The model's own check (admin forms) follows the same rule.
    whole = Medlemskap(forbund=other, kommun=goteborg, giltig_fran=fran, giltig_till=till)
    with pytest.raises(ValidationError):
        whole.clean()
    part = Medlemskap(forbund=other, kommun=goteborg, giltig_fran=fran, giltig_till=till, omfattning="Torslanda")
    part.clean()


def test_forbund_that_ended_before_2023_have_their_dates_and_successors():
    falun = Forbund.objects.get(slug="samordningsforbundet-finsam-falun")
    assert falun.upphort == datetime.date(2022, 12, 31)
    assert falun.efterfoljare.slug == "samordningsforbundet-finsam-falun-borlange"
    badesa = Forbund.objects.get(slug="samordningsforbundet-badesa")
    assert badesa.efterfoljare.slug == "vastra-varmlands-och-norra-dalslands-samordningsforbund"
    # 2021 fn 6: Norra and Östra Skaraborg went into Västra Skaraborg, which was renamed Skaraborg.
    for slug in ("samordningsforbundet-norra-skaraborg", "samordningsforbundet-ostra-skaraborg"):
        assert Forbund.objects.get(slug=slug).efterfoljare.slug == "samordningsforbundet-skaraborg"
    skaraborg = Forbund.objects.prefetch_related("tidigare_namn").get(slug="samordningsforbundet-skaraborg")
    assert skaraborg.namn_on(END_2013) == "Samordningsförbundet i Västra Skaraborg"
    assert skaraborg.namn_on(END_2021) == "Samordningsförbundet Skaraborg"
    # Kävlinge-Lomma ended when Kävlinge moved (2023 report §1.1 fn 1); Lomma has had no förbund since.
    lomma = Kommun.objects.get(namn="Lomma")
    assert [m.forbund.slug for m in Medlemskap.objects.active_on(END_2021).filter(kommun=lomma)] == [
        "samordningsforbundet-finsam-kavlinge-lomma"
    ]
    assert not Medlemskap.objects.active_on(datetime.date(2023, 1, 1)).filter(kommun=lomma).exists()


def test_names_the_reports_used_are_kept_as_former_names():
    samsund = Forbund.objects.prefetch_related("tidigare_namn").get(slug="samordningsforbundet-samsund")
    assert samsund.namn_on(END_2021) == "Samordningsförbundet Sundbyberg"
    assert samsund.namn_on(datetime.date(2022, 12, 31)) == "Samordningsförbundet Samsund"
    namn_2021 = {fs.forbund.slug: fs.namn for fs in struktur_on(END_2021).forbund}
    assert namn_2021["samordningsforbundet-finsam-sydvast"] == "Samordningsförbundet Burlöv-Staffanstorp"
    assert namn_2021["samordningsforbundet-vastmanland"] == "Norra Västmanlands Samordningsförbund"


def test_the_dates_the_footnotes_give():
    def fran(namn: str, slug: str):
        return Medlemskap.objects.get(kommun__namn=namn, forbund__slug=slug).giltig_fran

    assert fran("Uppvidinge", "samordningsforbundet-varend") == datetime.date(2020, 1, 1)  # 2021 fn 28
    assert fran("Boden", "samordningsforbundet-sodra-norrbotten") == datetime.date(2021, 1, 1)  # 2021 fn 29
    assert fran("Salem", "samordningsforbundet-botkyrka-huddinge-salem") == datetime.date(2013, 1, 1)
    assert Forbund.objects.get(slug="norra-dalarnas-samordningsforbund").bildat == datetime.date(2013, 1, 1)


def test_the_structure_is_known_at_the_reports_year_ends_but_not_between_them():
    for datum in (END_2013, END_2021, datetime.date(2022, 12, 31), datetime.date(2023, 1, 1)):
        assert struktur_kand(datum), datum
    for datum in (datetime.date(2013, 6, 30), datetime.date(2017, 12, 31), datetime.date(2022, 6, 30)):
        assert not struktur_kand(datum), datum
    assert [ar for ar in range(2012, 2026) if struktur_kand_vid_arets_slut(ar)] == [2013, 2021, 2022, 2023, 2024, 2025]


def test_published_series_are_the_reports_figures_with_their_source():
    serie = publicerade_serier()
    assert [(p.ar, p.forbund, p.kommuner) for p in serie] == [
        (2012, 83, 221),
        (2013, 83, 225),
        (2021, 76, 272),
        (2023, 72, 274),
        (2024, 69, 274),
    ]
    assert all(p.publicerad and p.kalla.startswith("Försäkringskassan") for p in serie)
    # Where the registry knows the structure, its own count agrees with the published one.
    for p in serie:
        datum = datetime.date(p.ar, 12, 31)
        if struktur_kand(datum):
            struktur = struktur_on(datum)
            assert (struktur.antal_forbund, struktur.antal_medlemskommuner) == (p.forbund, p.kommuner), p.ar


def test_loading_over_an_older_registry_dates_the_open_memberships_instead_of_adding_rows():
    """A database loaded before the history was added has these memberships with no start; a reload dates them."""
    upplands_bro = Medlemskap.objects.get(kommun__namn="Upplands-Bro", forbund__slug="samordningsforbundet-samsund")
    assert upplands_bro.giltig_fran == datetime.date(2022, 1, 1)
    Medlemskap.objects.filter(pk=upplands_bro.pk).update(giltig_fran=None)
    Forbund.objects.filter(slug="samordningsforbundet-goteborg").update(bildat=None)
    before = Medlemskap.objects.count()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "0 nya och 2 uppdaterade" in out.getvalue()
    assert Medlemskap.objects.count() == before
    upplands_bro.refresh_from_db()
    assert upplands_bro.giltig_fran == datetime.date(2022, 1, 1)
    assert struktur_on(END_2013).antal_forbund == 83
