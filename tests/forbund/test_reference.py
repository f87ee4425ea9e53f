"""The shipped reference data reproduces the structure the 2023 and 2024 reports describe."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from forbund.models import Forbund, Kommun, Lan, Medlemskap
from forbund.selectors import struktur_on

END_2023 = datetime.date(2023, 12, 31)
END_2024 = datetime.date(2024, 12, 31)

pytestmark = pytest.mark.django_db


def export(datum: str) -> dict:
    out = StringIO()
    call_command("export_medlemskap", "--datum", datum, stdout=out)
    return json.loads(out.getvalue())


def test_it_has_every_scb_kommun_and_lan():
    assert Kommun.objects.count() == 290
    assert Lan.objects.count() == 21
    assert Kommun.objects.get(kod="0980").namn == "Gotland"
    assert Lan.objects.get(kod="09").region_namn == "Region Gotland"


def test_end_of_2023_has_72_forbund_and_274_member_kommuner():
    struktur = struktur_on(END_2023)
    assert struktur.antal_forbund == 72
    assert struktur.antal_medlemskommuner == 274
    assert len(struktur.kommuner_utan_forbund) == 16


def test_end_of_2024_has_69_forbund_and_274_member_kommuner():
    struktur = struktur_on(END_2024)
    assert struktur.antal_forbund == 69
    assert struktur.antal_medlemskommuner == 274


def test_kommuner_without_forbund_are_derived_from_the_data():
    data = export("2024-12-31")
    utan = {Kommun.objects.get(kod=k).namn for k in data["kommuner_utan_forbund"]}
    # Norrbotten's ten, plus the six the 2023 report lists (the 2024 report's list forgot Överkalix).
    assert utan == {
        "Arjeplog", "Arvidsjaur", "Gällivare", "Haparanda", "Jokkmokk", "Kalix", "Kiruna", "Pajala", "Överkalix",
        "Övertorneå", "Lomma", "Ekerö", "Lidingö", "Nykvarn", "Solna", "Ydre",
    }  # fmt: skip


def test_a_forbund_spanning_two_lan_lists_both():
    data = export("2024-12-31")
    spanning = [f for f in data["forbund"] if len(f["lan"]) > 1]
    assert [f["slug"] for f in spanning] == ["vastra-varmlands-och-norra-dalslands-samordningsforbund"]
    assert spanning[0]["lan"] == ["14", "17"]
    names = {Kommun.objects.get(kod=k).namn for k in spanning[0]["kommuner"]}
    assert names == {"Säffle", "Årjäng", "Arvika", "Eda", "Bengtsfors", "Åmål", "Dals-Ed"}


def test_the_changes_of_2024_are_dated_as_the_footnotes_tell():
    # Höganäs förbund ceased at the end of 2023; the kommun moved to NNV Skåne.
    hoganas_forbund = Forbund.objects.get(slug="samordningsforbundet-i-hoganas")
    assert hoganas_forbund.upphort == END_2023
    assert hoganas_forbund.efterfoljare.slug == "samordningsforbundet-nnv-skane"
    hoganas = Kommun.objects.get(namn="Höganäs")
    in_2023 = [f["slug"] for f in export("2023-12-31")["forbund"] if hoganas.kod in f["kommuner"]]
    in_2024 = [f["slug"] for f in export("2024-12-31")["forbund"] if hoganas.kod in f["kommuner"]]
    assert in_2023 == ["samordningsforbundet-i-hoganas"]
    assert in_2024 == ["samordningsforbundet-nnv-skane"]
    # Västerås joined Samordningsförbundet Västmanland (formerly Norra Västmanland) from 2024.
    vasteras = Kommun.objects.get(namn="Västerås").kod
    vastmanland = next(f for f in export("2024-12-31")["forbund"] if vasteras in f["kommuner"])
    assert vastmanland["namn"] == "Samordningsförbundet Västmanland"
    fagersta = Kommun.objects.get(namn="Fagersta").kod
    old = next(f for f in export("2023-12-31")["forbund"] if fagersta in f["kommuner"])
    assert old["slug"] == vastmanland["slug"]
    assert old["namn"] == "Norra Västmanlands Samordningsförbund"  # the name it had then


def test_no_kommun_is_in_two_forbund_on_any_day():
    """Except for parts of a kommun: Göteborg's districts were in four förbund until the end of 2013."""
    periods: dict[str, list] = {}
    for m in Medlemskap.objects.kommuner():
        periods.setdefault(m.kommun_id, []).append(m)
    partial = set()
    for kod, ms in periods.items():
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                if a.overlaps(b.giltig_fran, b.giltig_till):
                    assert a.may_overlap(b), f"{kod}: {a} / {b}"
                    partial.add(kod)
    assert partial == {"1480"}
    assert not Medlemskap.objects.kommuner().exclude(omfattning="").filter(giltig_till__gte=datetime.date(2014, 1, 1))


def test_each_forbund_has_the_regions_of_the_lan_its_kommuner_lie_in():
    for datum in (END_2023, END_2024):
        for fs in struktur_on(datum).forbund:
            assert sorted(r.kod for r in fs.regioner) == fs.lan_koder, fs.namn


def test_gotland_is_member_both_as_kommun_and_as_region():
    fs = next(f for f in struktur_on(END_2024).forbund if f.forbund.slug == "samordningsforbundet-finsam-gotland")
    assert [k.kod for k in fs.kommuner] == ["0980"]
    assert [r.kod for r in fs.regioner] == ["09"]


def test_export_json_has_exactly_the_documented_shape():
    data = export("2024-12-31")
    assert set(data) == {"datum", "forbund", "kommuner_utan_forbund"}
    assert data["datum"] == "2024-12-31"
    first = data["forbund"][0]
    assert set(first) == {"namn", "slug", "lan", "kommuner"}
    assert [f["slug"] for f in data["forbund"]] == sorted(f["slug"] for f in data["forbund"])
    for f in data["forbund"]:
        assert f["kommuner"] == sorted(f["kommuner"]) and all(len(k) == 4 for k in f["kommuner"])
        assert all(len(code) == 2 for code in f["lan"])
    assert data["kommuner_utan_forbund"] == sorted(data["kommuner_utan_forbund"])


def test_export_csv_has_one_row_per_kommun():
    out = StringIO()
    call_command("export_medlemskap", "--datum", "2024-12-31", "--format", "csv", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "Datum;Länskod;Län;Kommunkod;Kommun;Samordningsförbund;Kortnamn"
    assert len(lines) == 1 + 290


def test_load_reference_twice_changes_nothing():
    before = (Forbund.objects.count(), Medlemskap.objects.count(), Kommun.objects.count())
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "0 nya och 0 uppdaterade" in out.getvalue()
    assert (Forbund.objects.count(), Medlemskap.objects.count(), Kommun.objects.count()) == before
