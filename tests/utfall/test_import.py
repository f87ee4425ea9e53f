"""import_utfall: all or nothing, row/column/value errors, the same rules, the lock."""

import pytest
from django.core.management import CommandError, call_command

from core.models import Importkorning
from rapportering.models import Arsrapport, Status
from utfall.imports import utfall_import
from utfall.models import Utfall, Utfallsantal
from utfall.selectors import utfall_for

HEADER = "forbund;namn;ar;kategori;kod;kon;aldersgrupp;antal\n"
RADER = (
    "test;Steget vidare;2024;avslutade;;kvinnor;16_29;2\n"
    "test;Steget vidare;2024;utfall;studier;kvinnor;under_30;1\n"
    "test;Steget vidare;2024;utfall;arbete_utan_stod;kvinnor;under_30;1\n"
    "test;Steget vidare;2024;paborjade;;man;60_plus;0\n"
)


def run(content: str, setup, dry_run=False):
    return utfall_import(
        content=content.encode(), filnamn="utfall.csv", user=setup.people.forbundsadministrator, dry_run=dry_run
    )


def test_a_valid_file_is_imported_with_history_and_a_record(setup):
    resultat = run(HEADER + RADER, setup)
    assert resultat.celler == 4
    _utfall, varden = utfall_for(insats=setup.insats, ar=2024)
    assert varden[("paborjade", "", "man", "60_plus")] == 0
    assert varden[("utfall", "studier", "kvinnor", "under_30")] == 1
    assert ("paborjade", "", "man", "16_29") not in varden  # not in the file: not registered
    assert Utfallsantal.history.filter(history_user=setup.people.forbundsadministrator).count() == 4
    assert Importkorning.objects.get().typ == "utfall"


def test_cells_not_in_the_file_are_kept(setup):
    run(HEADER + RADER, setup)
    run(HEADER + "test;Steget vidare;2024;paborjade;;man;60_plus;3\n", setup)
    utfall, varden = utfall_for(insats=setup.insats, ar=2024)
    assert varden[("paborjade", "", "man", "60_plus")] == 3 and len(varden) == 4
    assert utfall.version == 2


def test_a_dry_run_changes_nothing(setup):
    assert run(HEADER + RADER, setup, dry_run=True).celler == 4
    assert not Utfall.objects.exists()


def test_errors_name_row_column_and_value_and_nothing_changes(setup):
    from core.importing.files import ImportFel

    fil = (
        HEADER
        + RADER
        + (
            "okant;Steget vidare;2024;avslutade;;kvinnor;16_29;1\n"
            "test;Finns inte;2024;avslutade;;kvinnor;16_29;1\n"
            "test;Steget vidare;2024;utfal;;kvinnor;16_29;1\n"
            "test;Steget vidare;2024;utfall;studier;kvinnor;16_29;1\n"
            "test;Steget vidare;2024;avslutade;;kvinnor;30_44;-1\n"
            "test;Steget vidare;2019;avslutade;;kvinnor;30_44;1\n"
        )
    )
    with pytest.raises(ImportFel) as exc:
        run(fil, setup)
    texter = [str(f) for f in exc.value.fel]
    assert any(t.startswith("Rad 6, kolumn forbund, värde ”okant”: Okänt förbund.") for t in texter)
    assert any(t.startswith("Rad 7, kolumn namn, värde ”Finns inte”") for t in texter)
    assert any(t.startswith("Rad 8, kolumn kategori, värde ”utfal”") and "utfall" in t for t in texter)
    assert any(t.startswith("Rad 9, kolumn aldersgrupp, värde ”16_29”") for t in texter)
    assert any(t.startswith("Rad 10, kolumn antal, värde ”-1”") for t in texter)
    assert any(t.startswith("Rad 11, kolumn ar, värde ”2019”: Insatsen pågår inte 2019") for t in texter)
    assert not Utfall.objects.exists()


def test_the_grid_as_it_will_be_must_add_up(setup):
    from core.importing.files import ImportFel

    fil = (
        HEADER
        + "test;Steget vidare;2024;avslutade;;kvinnor;16_29;2\ntest;Steget vidare;2024;utfall;studier;kvinnor;under_30;1\n"
    )
    with pytest.raises(ImportFel) as exc:
        run(fil, setup)
    assert "summerar till 1, men 2 har avslutat" in str(exc.value)
    assert str(exc.value.fel[0]).startswith("Rad 2, kolumn antal")


def test_a_locked_year_is_refused(setup):
    from core.importing.files import ImportFel

    Arsrapport.objects.create(forbund=setup.forbund, ar=2024, status=Status.GODKAND)
    with pytest.raises(ImportFel) as exc:
        run(HEADER + RADER, setup)
    assert "låst" in str(exc.value)
    assert not Utfall.objects.exists()


def test_the_command(setup, tmp_path, capsys):
    fil = tmp_path / "utfall.csv"
    fil.write_text(HEADER + RADER, encoding="utf-8")
    call_command("import_utfall", str(fil), "--anvandare", "chef", "--dry-run")
    assert "Filen är giltig" in capsys.readouterr().out
    assert not Utfall.objects.exists()
    call_command("import_utfall", str(fil), "--anvandare", "chef")
    assert Utfallsantal.objects.count() == 4
    fil.write_text(HEADER + "test;Steget vidare;2024;avslutade;;kvinnor;16_29;x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ingenting har ändrats"):
        call_command("import_utfall", str(fil), "--anvandare", "chef")
