import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from core.importing.files import ImportFel
from ekonomi.imports import ekonomi_import
from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from ekonomi.selectors import ekonomi_statistik, forbund_historik
from ekonomi.services import arsekonomi_update, medlemsbidrag_set

pytestmark = pytest.mark.django_db


def test_a_contribution_from_a_non_member_is_refused(tvalans):
    with pytest.raises(ValidationError, match="inte medlem"):
        medlemsbidrag_set(forbund=tvalans, ar=2023, belopp={("kommun", "1492"): 1000})  # Åmål joined in 2024
    assert not Medlemsbidrag.objects.exists()


def test_errors_name_the_member_not_only_its_code(tvalans):
    with pytest.raises(ValidationError) as e:
        medlemsbidrag_set(
            forbund=tvalans,
            ar=2023,
            belopp={
                ("kommun", "0180"): 1000,  # Stockholm: never a member
                ("kommun", "1492"): 1000,  # Åmål joined in 2024
                ("region", "01"): 1000,
                ("kommun", "1784"): -5,
                ("stat", ""): -1,
                ("kommun", "9999"): 5,
            },
        )
    assert sorted(e.value.messages) == sorted(
        [
            "Stockholm (0180) var inte medlem i förbundet under 2023.",
            "Åmål (1492) var inte medlem i förbundet under 2023.",
            "Region Stockholm (01) var inte medlem i förbundet under 2023.",
            "Beloppet för Arvika (1784) kan inte vara negativt.",
            "Beloppet för Staten (Försäkringskassan) kan inte vara negativt.",
            "Det finns ingen kommun med koden 9999.",
        ]
    )
    assert not Medlemsbidrag.objects.exists()


def test_an_empty_amount_removes_the_contribution_and_history_keeps_it(tvalans):
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp={("kommun", "1784"): 1000})
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp={("kommun", "1784"): 1500})
    medlemsbidrag_set(forbund=tvalans, ar=2024, belopp={("kommun", "1784"): None})
    assert not Medlemsbidrag.objects.exists()
    andringar = [
        (h.vad, a.fore, a.efter, h.typ)
        for h in forbund_historik(tvalans, 2024)
        for a in h.andringar
        if "Arvika" in h.vad
    ]
    assert andringar == [
        ("Arvika (borttagen)", "1\xa0500", "–", "-"),
        ("Arvika", "1\xa0000", "1\xa0500", "~"),
        ("Arvika", "–", "1\xa0000", "+"),
    ]


def test_saving_unchanged_figures_writes_no_history(tvalans):
    arsekonomi_update(forbund=tvalans, ar=2024, administration_budget=100)
    arsekonomi_update(forbund=tvalans, ar=2024, administration_budget=100)
    assert Arsekonomi.history.count() == 1


def test_ovriga_intakter_need_a_note(tvalans):
    with pytest.raises(ValidationError):
        arsekonomi_update(forbund=tvalans, ar=2024, ovriga_intakter=10)


CSV_OK = """forbund,ar,post,kommunkod,region,belopp,anteckning
tvalan,2024,stat,,,4 000 000,
tvalan,2024,region,,17,1200000,
tvalan,2024,region,,Västra Götalandsregionen,800000,
tvalan,2024,kommun,1784,,800000,
tvalan,2024,kommun,1492,,1200000,
tvalan,2024,esf,,,50000,
tvalan,2024,ovrigt,,,20000,Gåva
tvalan,2024,administration_budget,,,700000,
tvalan,2024,administration_utfall,,,650000,
tvalan,2023,eget_kapital_utgaende,,,-120000,
tvalan,2023,arets_resultat,,,-20000,
,2024,statsbidrag,,,339000000,
"""


def test_an_import_loads_every_kind_of_figure(tvalans):
    ekonomi_import(content=CSV_OK.encode(), filnamn="ekonomi.csv", user=None)
    s = ekonomi_statistik(ar=2024, forbund_ids=[tvalans.pk])
    assert s["medlemsbidrag"] == {"stat": 4_000_000, "regioner": 2_000_000, "kommuner": 2_000_000, "totalt": 8_000_000}
    assert s["administration"] == {"budget": 700_000, "utfall": 650_000}
    assert s["esf_intakter"] == 50_000 and s["ovriga_intakter"] == 20_000
    assert s["statsbidrag"]["tilldelat"] == 339_000_000
    # Ingående 2024 = fastställt utgående 2023; resultat 8 070 000 − 650 000.
    assert s["eget_kapital_utgaende"] == -120_000 + 8_070_000 - 650_000
    assert Arsekonomi.objects.get(forbund=tvalans, ar=2023).faststallt_arets_resultat == -20_000


def test_importing_the_same_file_twice_changes_nothing(tvalans):
    ekonomi_import(content=CSV_OK.encode(), filnamn="ekonomi.csv", user=None)
    antal = Medlemsbidrag.history.count() + Arsekonomi.history.count() + Statsbidrag.history.count()
    ekonomi_import(content=CSV_OK.encode(), filnamn="ekonomi.csv", user=None)
    assert Medlemsbidrag.history.count() + Arsekonomi.history.count() + Statsbidrag.history.count() == antal


def test_a_bad_import_changes_nothing_and_names_row_column_value_and_reason(tvalans):
    bad = (
        CSV_OK
        + "tvalan,2023,kommun,1492,,100,\ntvalan,2024,stat,,,12 kr x,\ntvalan,2024,bidrag,,,1,\nokänt,2024,stat,,,1,\n"
    )
    with pytest.raises(ImportFel) as exc:
        ekonomi_import(content=bad.encode(), filnamn="ekonomi.csv", user=None)
    fel = {(f.rad, f.kolumn, f.varde) for f in exc.value.fel}
    assert (14, "kommunkod", "1492") in fel  # Åmål was not a member in 2023
    assert (15, "belopp", "12 kr x") in fel
    assert (16, "post", "bidrag") in fel
    assert (17, "forbund", "okänt") in fel
    assert "Inte medlem i Samordningsförbundet Tvålän under 2023" in str(exc.value)
    assert not Medlemsbidrag.objects.exists() and not Arsekonomi.objects.exists() and not Statsbidrag.objects.exists()


def test_duplicate_rows_and_missing_columns_are_errors(tvalans):
    with pytest.raises(ImportFel) as exc:
        ekonomi_import(content=b"forbund,ar,post\ntvalan,2024,stat\n", filnamn="x.csv", user=None)
    assert exc.value.filfel.startswith("Kolumnen belopp saknas i rubrikraden")
    dubbel = "forbund,ar,post,belopp\ntvalan,2024,stat,1\ntvalan,2024,stat,2\n"
    with pytest.raises(ImportFel, match="Rad 3.*redan på rad 2"):
        ekonomi_import(content=dubbel.encode(), filnamn="x.csv", user=None)


def test_the_import_reads_xlsx(tvalans):
    import tablib

    data = tablib.Dataset(headers=["förbund", "år", "post", "kommunkod", "belopp"])
    data.append(["Samordningsförbundet Tvålän", 2024, "kommun", 1784, 800000])
    ekonomi_import(content=data.export("xlsx"), filnamn="ekonomi.xlsx", user=None)
    assert Medlemsbidrag.objects.get().belopp == 800_000


def test_the_command_exits_non_zero_on_a_bad_file(tvalans, people, tmp_path, capsys):
    path = tmp_path / "ekonomi.csv"
    path.write_text("forbund,ar,post,belopp\ntvalan,2024,stat,-5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ingenting har ändrats"):
        call_command("import_ekonomi", str(path), "--anvandare", people.administrator.username)
    assert "Rad 2, kolumn belopp, värde ”-5”: Beloppet kan inte vara negativt." in capsys.readouterr().err
    path.write_text("forbund,ar,post,belopp\ntvalan,2024,stat,5\n", encoding="utf-8")
    call_command("import_ekonomi", str(path), "--anvandare", people.administrator.username)
    assert Medlemsbidrag.objects.get().belopp == 5
    assert Medlemsbidrag.history.get().history_user == people.administrator


def test_an_import_refuses_a_year_the_forbund_did_not_exist_and_takes_its_last_half_year(tvalans):
    import datetime

    tvalans.upphort = datetime.date(2024, 6, 30)
    tvalans.save()
    header = CSV_OK.splitlines()[0]
    content = f"{header}\ntvalan,2024,stat,,,1000,\ntvalan,2025,stat,,,1000,\n"
    with pytest.raises(ImportFel) as exc:
        ekonomi_import(content=content.encode(), filnamn="ekonomi.csv", user=None)
    assert [(f.rad, f.kolumn, f.varde, f.meddelande) for f in exc.value.fel] == [
        (3, "ar", "2025", "Samordningsförbundet Tvålän fanns inte under 2025.")
    ]
    ekonomi_import(content=f"{header}\ntvalan,2024,stat,,,1000,\n".encode(), filnamn="ekonomi.csv", user=None)
    assert Medlemsbidrag.objects.get(forbund=tvalans, ar=2024).belopp == 1000
