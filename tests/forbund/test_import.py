"""Importing membership changes: all or nothing, every error names row, column, value and reason."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from core.importing.files import ImportFel
from core.models import Importkorning
from forbund.imports import medlemskap_import
from forbund.models import Medlemskap
from forbund.selectors import kommun_forbund_on
from tests.factories import ForbundFactory, MedlemskapFactory, kommun

pytestmark = pytest.mark.django_db

EKERO, SOLNA, LIDINGO = "0125", "0184", "0186"  # three kommuner without förbund in the reference data
HEADER = "kommunkod,forbund,giltig_fran,giltig_till\n"


@pytest.fixture
def alfa():
    return ForbundFactory(namn="Samordningsförbundet Alfa", slug="alfa")


@pytest.fixture
def beta():
    return ForbundFactory(namn="Samordningsförbundet Beta", slug="beta")


def run(text: str, user=None, **kwargs):
    return medlemskap_import(content=(HEADER + text).encode(), filnamn="andringar.csv", user=user, **kwargs)


def snapshot():
    return sorted(
        Medlemskap.objects.values_list("pk", "forbund_id", "kommun_id", "region_id", "giltig_fran", "giltig_till")
    )


def rejected(text: str) -> list:
    before = snapshot()
    with pytest.raises(ImportFel) as exc:
        run(text)
    assert snapshot() == before, "a rejected file must change nothing"
    assert not Importkorning.objects.exists()
    return exc.value.fel


def test_it_adds_new_members_by_slug_or_exact_name(alfa, beta):
    andringar = run(f"{EKERO},alfa,2025-01-01,\n{SOLNA},Samordningsförbundet Beta,2025-03-01,\n")
    assert [a.typ for a in andringar] == ["ny", "ny"]
    assert kommun_forbund_on(EKERO, datetime.date(2025, 1, 1)) == alfa
    assert kommun_forbund_on(SOLNA, datetime.date(2025, 2, 28)) is None
    assert kommun_forbund_on(SOLNA, datetime.date(2025, 3, 1)) == beta


def test_moving_a_kommun_ends_its_old_membership_the_day_before(alfa, beta):
    MedlemskapFactory(forbund=alfa, kommun=kommun(EKERO), giltig_fran=datetime.date(2020, 1, 1))
    andringar = run(f"{EKERO},beta,2025-07-01,\n")
    assert andringar[0].typ == "flyttad"
    assert andringar[0].tidigare_forbund == "Samordningsförbundet Alfa"
    old = Medlemskap.objects.get(forbund=alfa, kommun_id=EKERO)
    assert old.giltig_till == datetime.date(2025, 6, 30)
    assert kommun_forbund_on(EKERO, datetime.date(2025, 6, 30)) == alfa
    assert kommun_forbund_on(EKERO, datetime.date(2025, 7, 1)) == beta


def test_a_kommun_leaving_is_an_end_date_on_its_membership(alfa):
    MedlemskapFactory(forbund=alfa, kommun=kommun(EKERO), giltig_fran=datetime.date(2020, 1, 1))
    andringar = run(f"{EKERO},alfa,2020-01-01,2024-12-31\n")
    assert andringar[0].typ == "avslutad"
    assert kommun_forbund_on(EKERO, datetime.date(2025, 1, 1)) is None
    assert Medlemskap.objects.filter(kommun_id=EKERO).count() == 1


def test_importing_the_same_file_twice_changes_nothing_the_second_time(alfa):
    run(f"{EKERO},alfa,2025-01-01,\n")
    before = snapshot()
    andringar = run(f"{EKERO},alfa,2025-01-01,\n")
    assert [a.typ for a in andringar] == ["oforandrad"]
    assert snapshot() == before


def test_a_region_can_be_member_of_several_forbund(alfa, beta):
    run_text = "region,forbund,giltig_fran,giltig_till\n01,alfa,2025-01-01,\nRegion Stockholm,beta,2025-01-01,\n"
    medlemskap_import(content=run_text.encode(), filnamn="r.csv", user=None)
    assert Medlemskap.objects.filter(region_id="01", forbund__in=[alfa, beta]).count() == 2


def test_dry_run_previews_without_saving(alfa):
    andringar = run(f"{EKERO},alfa,2025-01-01,\n", dry_run=True)
    assert [(a.typ, a.medlem, a.forbund) for a in andringar] == [("ny", "Ekerö", "Samordningsförbundet Alfa")]
    assert not Medlemskap.objects.filter(kommun_id=EKERO).exists()
    assert not Importkorning.objects.exists()


def test_every_import_is_recorded_with_who_file_and_changes(alfa, people):
    run(f"{EKERO},alfa,2025-01-01,\n", user=people.administrator)
    record = Importkorning.objects.get()
    assert record.user == people.administrator
    assert record.filnamn == "andringar.csv"
    assert record.andringar[0]["typ"] == "ny" and record.andringar[0]["medlem"] == "Ekerö"


def test_unknown_kommunkod_is_rejected_naming_row_column_and_value(alfa):
    fel = rejected(f"{EKERO},alfa,2025-01-01,\n9999,alfa,2025-01-01,\n")
    assert [(f.rad, f.kolumn, f.varde) for f in fel] == [(3, "kommunkod", "9999")]
    assert "Okänd kommunkod" in str(fel[0])


def test_unknown_forbund_suggests_the_closest_name(alfa):
    fel = rejected(f"{EKERO},Samordningsförbundet Alfaa,2025-01-01,\n")
    assert (fel[0].rad, fel[0].kolumn) == (2, "forbund")
    assert "Menade du ”Samordningsförbundet Alfa”?" in fel[0].meddelande


def test_bad_date_is_rejected(alfa):
    fel = rejected(f"{EKERO},alfa,2025-13-01,\n")
    assert (fel[0].rad, fel[0].kolumn, fel[0].varde) == (2, "giltig_fran", "2025-13-01")
    assert "ÅÅÅÅ-MM-DD" in fel[0].meddelande


def test_end_before_start_is_rejected(alfa):
    fel = rejected(f"{EKERO},alfa,2025-06-01,2025-05-31\n")
    assert (fel[0].kolumn, fel[0].varde) == ("giltig_till", "2025-05-31")


def test_duplicate_rows_are_rejected(alfa):
    fel = rejected(f"{EKERO},alfa,2025-01-01,\n{EKERO},alfa,2025-01-01,\n")
    assert (fel[0].rad, fel[0].kolumn) == (3, "kommunkod")
    assert "Dubblett av rad 2" in fel[0].meddelande


def test_two_changes_in_one_file_that_overlap_are_rejected(alfa, beta):
    fel = rejected(f"{EKERO},alfa,2025-01-01,2025-12-31\n{EKERO},beta,2025-06-01,\n")
    assert fel[0].rad == 3 and "överlappar rad 2" in fel[0].meddelande


def test_overlap_with_an_existing_membership_is_rejected(alfa, beta):
    MedlemskapFactory(forbund=alfa, kommun=kommun(EKERO), giltig_fran=datetime.date(2026, 1, 1))
    # beta from 2025 would still be open when the alfa membership starts in 2026.
    fel = rejected(f"{EKERO},beta,2025-01-01,\n")
    assert fel[0].kolumn == "kommunkod" and "redan medlem i Samordningsförbundet Alfa" in fel[0].meddelande


def test_one_bad_row_rejects_the_whole_file(alfa):
    fel = rejected(f"{EKERO},alfa,2025-01-01,\n{SOLNA},alfa,2025-01-01,\n{LIDINGO},okant,2025-01-01,\n")
    assert [f.rad for f in fel] == [4]
    assert not Medlemskap.objects.filter(kommun_id__in=[EKERO, SOLNA]).exists()


def test_a_missing_column_is_rejected():
    with pytest.raises(ImportFel) as exc:
        medlemskap_import(content=b"kommunkod,forbund,giltig_fran\n0125,alfa,2025-01-01\n", filnamn="x.csv", user=None)
    assert exc.value.filfel.startswith("Kolumnen giltig_till saknas i rubrikraden")


def test_kommunkod_and_region_on_one_row_is_rejected(alfa):
    content = "kommunkod,region,forbund,giltig_fran,giltig_till\n0125,01,alfa,2025-01-01,\n"
    with pytest.raises(ImportFel) as exc:
        medlemskap_import(content=content.encode(), filnamn="x.csv", user=None)
    assert exc.value.fel[0].kolumn == "region"


def test_xlsx_files_are_read_with_numeric_codes_and_real_dates(alfa):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kommunkod", "forbund", "giltig_fran", "giltig_till"])
    ws.append([125, "alfa", datetime.datetime(2025, 1, 1), None])  # Excel drops the leading zero
    buf = io.BytesIO()
    wb.save(buf)
    medlemskap_import(content=buf.getvalue(), filnamn="andringar.xlsx", user=None)
    assert kommun_forbund_on(EKERO, datetime.date(2025, 1, 1)) == alfa


def test_semicolon_separated_csv_from_swedish_excel_is_read(alfa):
    content = "kommunkod;forbund;giltig_fran;giltig_till\n0125;alfa;2025-01-01;\n"
    medlemskap_import(content=content.encode("utf-8-sig"), filnamn="x.csv", user=None)
    assert kommun_forbund_on(EKERO, datetime.date(2025, 1, 1)) == alfa


def test_the_command_exits_non_zero_and_changes_nothing_on_a_bad_file(alfa, people, tmp_path, capsys):
    path = tmp_path / "fel.csv"
    path.write_text(HEADER + f"{EKERO},alfa,2025-01-01,\n0000,alfa,2025-01-01,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ingenting har ändrats"):
        call_command("import_medlemskap", str(path), "--anvandare", people.administrator.username)
    assert "Rad 3, kolumn kommunkod, värde ”0000”" in capsys.readouterr().err
    assert not Medlemskap.objects.filter(kommun_id=EKERO).exists()


def test_the_command_dry_run_saves_nothing(alfa, people, tmp_path, capsys):
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f"{EKERO},alfa,2025-01-01,\n", encoding="utf-8")
    call_command("import_medlemskap", str(path), "--dry-run", "--anvandare", people.administrator.username)
    out = capsys.readouterr().out
    assert "Nytt medlemskap: Ekerö" in out and "Inget är sparat" in out
    assert not Medlemskap.objects.filter(kommun_id=EKERO).exists()
    call_command("import_medlemskap", str(path), "--anvandare", people.administrator.username)
    assert Medlemskap.objects.filter(kommun_id=EKERO, forbund=alfa).exists()
    assert Medlemskap.history.get(kommun_id=EKERO).history_user == people.administrator


def test_the_admin_previews_then_saves_on_confirmation(alfa, people, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.administrator)
    upload = SimpleUploadedFile("andringar.csv", (HEADER + f"{EKERO},alfa,2025-01-01,\n").encode())
    response = client.post("/admin/forbund/medlemskap/importera/", {"fil": upload})
    assert response.status_code == 200
    assert "Förhandsgranskning" in response.text and "Ekerö" in response.text
    assert not Medlemskap.objects.filter(kommun_id=EKERO).exists()
    response = client.post("/admin/forbund/medlemskap/importera/", {"bekrafta": "1"})
    assert response.status_code == 302
    assert Medlemskap.objects.filter(kommun_id=EKERO, forbund=alfa).exists()
    assert Importkorning.objects.get().user == people.administrator


def test_the_admin_shows_every_error_and_saves_nothing(alfa, people, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.administrator)
    upload = SimpleUploadedFile("fel.csv", (HEADER + "9999,alfa,2025-01-01,\n").encode())
    response = client.post("/admin/forbund/medlemskap/importera/", {"fil": upload})
    assert "Filen avvisades (1 fel). Ingenting har ändrats." in response.text
    assert "Rad 2, kolumn kommunkod, värde ”9999”" in response.text
