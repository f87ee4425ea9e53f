"""The three imports (medlemskap, insatser, ekonomi) against files that are not what they claim, the encodings and
separators Swedish users produce, and values the database would refuse: through the command line and the admin
site's preview. A refused file changes nothing; the preview never accepts what the import then cannot save."""

import datetime
import io
import random
import zipfile
from dataclasses import dataclass

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connections

from core.models import Importkorning
from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
from forbund.models import Medlemskap
from insatser.models import Insats, InsatsAr
from tests.factories import ForbundFactory

pytestmark = pytest.mark.django_db

FORBUND = "Samordningsförbundet Malmö Västerås"  # by exact name: a wrongly decoded file does not find it
NAMN = "Västerås jobbspår"
AR = str(datetime.date.today().year)  # an open year: earlier years are locked once reported


@dataclass(frozen=True)
class Spec:
    """One import: its command, its admin page, its columns and one row it accepts."""

    namn: str
    command: str
    url: str
    header: tuple[str, ...]
    row: tuple[str, ...]
    text_column: str  # a column whose text is stored (or looked up)
    number_column: str  # a column holding a number (or a code)

    def csv(self, rows=None, sep=",", header=None) -> str:
        lines = [header or self.header, *(rows if rows is not None else [self.row])]
        return "".join(sep.join(line) + "\r\n" for line in lines)

    def with_cell(self, column: str, value: str) -> str:
        row = list(self.row)
        row[self.header.index(column)] = value
        return self.csv([row])


MEDLEMSKAP = Spec(
    "medlemskap",
    "import_medlemskap",
    "/admin/forbund/medlemskap/importera/",
    ("kommunkod", "forbund", "giltig_fran", "giltig_till"),
    ("0125", FORBUND, "2025-01-01", ""),
    text_column="forbund",
    number_column="kommunkod",
)
INSATSER = Spec(
    "insatser",
    "import_insatser",
    "/admin/insatser/insats/importera/",
    ("forbund", "namn", "typ", "inriktning", "malgrupper", "startdatum", "ar", "budget", "deltagare_kvinnor"),
    (FORBUND, NAMN, "individinriktad", "arbetslivsinriktad", "unga", f"{AR}-01-01", AR, "100000", "5"),
    text_column="namn",
    number_column="budget",
)
EKONOMI = Spec(
    "ekonomi",
    "import_ekonomi",
    "/admin/ekonomi/arsekonomi/importera/",
    ("forbund", "ar", "post", "belopp", "anteckning"),
    (FORBUND, AR, "ovrigt", "25000", "Gåva från Västerås stad"),
    text_column="anteckning",
    number_column="belopp",
)
SPECS = [MEDLEMSKAP, INSATSER, EKONOMI]


def imported(spec: Spec) -> bool:
    """The spec's row is in the database, with its Swedish letters intact."""
    if spec is MEDLEMSKAP:
        return Medlemskap.objects.filter(kommun_id="0125", forbund__namn=FORBUND).exists()
    if spec is INSATSER:
        return Insats.objects.filter(namn=NAMN, forbund__namn=FORBUND).exists()
    return Arsekonomi.objects.filter(ovriga_intakter_anteckning="Gåva från Västerås stad").exists()


def snapshot():
    models = [Medlemskap, Insats, InsatsAr, Medlemsbidrag, Arsekonomi, Statsbidrag]
    return [m.objects.count() for m in models] + [m.history.count() for m in models] + [Importkorning.objects.count()]


@pytest.fixture
def world(people):
    ForbundFactory(namn=FORBUND, slug="malmo-vasteras")
    return people


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("superuser", "su@example.se", "hemligt-lösenord-123")


@pytest.fixture
def su_client(client, superuser):
    client.force_login(superuser)
    return client


def xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def fake_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hej.txt", "Det här är ingen arbetsbok.")
    return buffer.getvalue()


# name, file name, content, what the one sentence says
def bad_files(spec: Spec):
    good_xlsx = xlsx([spec.header, spec.row])
    return [
        ("random bytes", "data.csv", random.Random(7).randbytes(4000), "varken en CSV-fil"),
        ("fake zip", "data.xlsx", fake_zip(), "går inte att läsa som XLSX"),
        ("corrupt xlsx", "data.xlsx", good_xlsx[: len(good_xlsx) // 2], "går inte att läsa som XLSX"),
        ("xlsx that is text", "data.xlsx", spec.csv().encode(), "ingen Excel-fil"),
        ("empty", "data.csv", b"", "Filen är tom."),
        ("only a BOM", "data.csv", b"\xef\xbb\xbf\r\n", "Filen är tom."),
        ("header only", "data.csv", spec.csv([]).encode(), "bara en rubrikrad"),
        ("header only xlsx", "data.xlsx", xlsx([spec.header]), "bara en rubrikrad"),
        (
            "unknown column",
            "data.csv",
            spec.csv([[*spec.row, "x"]], header=[*spec.header, "kommentar"]).encode(),
            "okänd kolumn (kommentar); förväntade kolumner är",
        ),
        (
            "missing column",
            "data.csv",
            spec.csv([spec.row[:1] + spec.row[2:]], header=spec.header[:1] + spec.header[2:]).encode(),
            f"Kolumnen {spec.header[1]} saknas i rubrikraden",
        ),
    ]


def bad_values(spec: Spec):
    """name, CSV text, column, what the row error says (None: any reason; the value is only looked up)."""
    cases = [
        ("NUL byte", spec.with_cell(spec.text_column, "Väst\x00erås"), spec.text_column, "NUL-tecken"),
        ("bigint overflow", spec.with_cell(spec.number_column, "99999999999999999999"), spec.number_column, None),
        ("too long text", spec.with_cell(spec.text_column, "Ö" * 600), spec.text_column, None),
    ]
    if spec is not MEDLEMSKAP:
        cases[1] = (*cases[1][:3], "för stort")
        cases[2] = (*cases[2][:3], "för lång")
    return cases


def good_files(spec: Spec):
    text = spec.csv()
    return [
        ("utf-8", "data.csv", text.encode("utf-8")),
        ("utf-8 with BOM", "data.csv", text.encode("utf-8-sig")),
        ("cp1252 from older Excel", "data.csv", text.encode("cp1252")),
        ("iso-8859-1", "data.csv", text.encode("iso-8859-1")),
        ("semicolon", "data.csv", spec.csv(sep=";").encode("cp1252")),
        ("tab", "data.txt", spec.csv(sep="\t").encode()),
        ("xlsx", "data.xlsx", xlsx([spec.header, spec.row])),
    ]


def cases(factory):
    return [pytest.param(spec, *case, id=f"{spec.namn}-{case[0]}") for spec in SPECS for case in factory(spec)]


# ----------------------------------------------------------------------------------------------- Command line


def run(spec: Spec, tmp_path, filnamn: str, content: bytes, *args):
    path = tmp_path / filnamn
    path.write_bytes(content)
    call_command(spec.command, str(path), *args)


@pytest.mark.parametrize(("spec", "fall", "filnamn", "content", "sentence"), cases(bad_files))
def test_the_command_refuses_a_file_that_is_not_what_it_claims_in_one_sentence(
    world, tmp_path, capsys, spec, fall, filnamn, content, sentence
):
    before = snapshot()
    with pytest.raises(CommandError) as exc:
        run(spec, tmp_path, filnamn, content, "--anvandare", "admin")
    assert sentence in str(exc.value) and str(exc.value).endswith("Ingenting har ändrats.")
    assert exc.value.returncode == 1
    assert capsys.readouterr().err == ""  # the one sentence, nothing else
    assert snapshot() == before


@pytest.mark.parametrize(("spec", "fall", "text", "kolumn", "reason"), cases(bad_values))
def test_the_command_and_its_dry_run_refuse_what_the_database_would(
    world, tmp_path, capsys, spec, fall, text, kolumn, reason
):
    before = snapshot()
    for args in (["--dry-run"], []):
        with pytest.raises(CommandError, match="Ingenting har ändrats"):
            run(spec, tmp_path, "data.csv", text.encode(), "--anvandare", "admin", *args)
        err = capsys.readouterr().err
        assert f"Rad 2, kolumn {kolumn}, värde" in err
        assert reason is None or reason in err
        assert "Traceback" not in err and "Ö" * 100 not in err  # long values are shortened
    assert snapshot() == before


@pytest.mark.parametrize(("spec", "fall", "filnamn", "content"), cases(good_files))
def test_the_command_reads_the_encodings_and_separators_swedish_users_produce(
    world, tmp_path, spec, fall, filnamn, content
):
    run(spec, tmp_path, filnamn, content, "--dry-run", "--anvandare", "admin")
    assert not imported(spec) and not Importkorning.objects.exists()
    run(spec, tmp_path, filnamn, content, "--anvandare", "admin")
    assert imported(spec)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.namn)
def test_the_command_records_the_import_with_the_person_in_the_history_too(world, tmp_path, spec):
    model = {"medlemskap": Medlemskap, "insatser": Insats, "ekonomi": Arsekonomi}[spec.namn]
    earlier = list(model.history.values_list("history_id", flat=True))  # the reference data's own history
    content = spec.csv().encode()
    run(spec, tmp_path, "data.csv", content, "--anvandare", "admin")
    record = Importkorning.objects.get()
    assert (record.typ, record.user, record.filnamn, record.storlek) == (
        spec.namn,
        world.administrator,
        "data.csv",
        len(content),
    )
    assert len(record.sha256) == 64 and record.antal >= 1 and record.andringar
    assert {h.history_user for h in model.history.exclude(history_id__in=earlier)} == {world.administrator}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.namn)
def test_the_command_refuses_to_run_without_a_named_person(world, tmp_path, spec):
    before = snapshot()
    with pytest.raises(CommandError, match="Ange vem som importerar med --anvandare"):
        run(spec, tmp_path, "data.csv", spec.csv().encode())
    with pytest.raises(CommandError, match="ingen aktiv användare med användarnamnet okänd"):
        run(spec, tmp_path, "data.csv", spec.csv().encode(), "--anvandare", "okänd")
    assert snapshot() == before


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.namn)
@pytest.mark.parametrize("args", [[], ["--anvandare", "admin"]], ids=["no-user", "random-bytes"])
def test_from_the_shell_a_refusal_is_exit_status_1_without_a_traceback(
    world, tmp_path, capsys, monkeypatch, spec, args
):
    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test database's connection
    path = tmp_path / "data.csv"
    path.write_bytes(random.Random(7).randbytes(4000))
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["manage.py", spec.command, str(path), *args]).execute()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("CommandError: ") and "Traceback" not in err and err.count("\n") == 1


# ----------------------------------------------------------------------------------------------- Admin preview


def post(client, spec: Spec, filnamn: str, content: bytes):
    return client.post(spec.url, {"fil": SimpleUploadedFile(filnamn, content)})


@pytest.mark.parametrize(("spec", "fall", "filnamn", "content", "sentence"), cases(bad_files))
def test_the_preview_refuses_a_file_that_is_not_what_it_claims(
    world, su_client, spec, fall, filnamn, content, sentence
):
    before = snapshot()
    response = post(su_client, spec, filnamn, content)
    assert response.status_code == 200
    page = response.text
    if content:
        assert sentence in page and "Ingenting har ändrats." in page
    else:
        assert "Den skickade filen var tom." in page  # the upload form refuses it first
    assert "Bekräfta och spara" not in page
    assert snapshot() == before


@pytest.mark.parametrize(("spec", "fall", "text", "kolumn", "reason"), cases(bad_values))
def test_the_preview_refuses_what_the_database_would(world, su_client, spec, fall, text, kolumn, reason):
    before = snapshot()
    response = post(su_client, spec, "data.csv", text.encode())
    assert response.status_code == 200
    assert f"Rad 2, kolumn {kolumn}, värde" in response.text
    assert reason is None or reason in response.text
    assert "Bekräfta och spara" not in response.text
    # Nothing is left to confirm: a stale preview cannot be saved by mistake.
    assert su_client.post(spec.url, {"bekrafta": "1"}).status_code == 302
    assert snapshot() == before


@pytest.mark.parametrize(("spec", "fall", "filnamn", "content"), cases(good_files))
def test_the_preview_reads_the_same_files_and_the_confirmation_saves_them(
    world, su_client, superuser, spec, fall, filnamn, content
):
    response = post(su_client, spec, filnamn, content)
    assert response.status_code == 200 and "Bekräfta och spara" in response.text
    assert not imported(spec)
    assert su_client.post(spec.url, {"bekrafta": "1"}).status_code == 302
    assert imported(spec)
    record = Importkorning.objects.get()
    assert (record.typ, record.user, record.filnamn) == (spec.namn, superuser, filnamn)


def test_import_records_are_read_only_in_the_admin(world, su_client, tmp_path):
    run(MEDLEMSKAP, tmp_path, "data.csv", MEDLEMSKAP.csv().encode(), "--anvandare", "admin")
    record = Importkorning.objects.get()
    assert su_client.get("/admin/core/importkorning/").status_code == 200
    page = su_client.get(f"/admin/core/importkorning/{record.pk}/change/")
    assert page.status_code == 200 and record.sha256 in page.text and 'name="_save"' not in page.text
    assert su_client.get("/admin/core/importkorning/add/").status_code == 403
    assert su_client.post(f"/admin/core/importkorning/{record.pk}/delete/").status_code == 403
    assert Importkorning.objects.count() == 1


def test_the_administrator_role_reads_the_import_records_and_cannot_change_them(world, client, tmp_path):
    run(INSATSER, tmp_path, "data.csv", INSATSER.csv().encode(), "--anvandare", "admin")
    record = Importkorning.objects.get()
    client.force_login(world.administrator)
    assert "data.csv" in client.get("/admin/core/importkorning/").text
    assert client.get(f"/admin/core/importkorning/{record.pk}/change/").status_code == 200
    assert client.post(f"/admin/core/importkorning/{record.pk}/delete/").status_code == 403
    client.force_login(world.forbundsadministrator)
    assert client.get("/admin/core/importkorning/").status_code == 302  # not admin-site staff: to the login


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.namn)
def test_a_rule_checked_only_on_save_is_a_refusal_not_a_server_error(world, su_client, tmp_path, monkeypatch, spec):
    """E.g. a year locked between the preview and the confirmation: the service raises, the transaction is undone."""
    from django.core.exceptions import ValidationError

    def refuse(*args, **kwargs):
        raise ValidationError("Året är låst.")

    monkeypatch.setattr("core.services.Importkorning.objects.create", refuse)  # the last write of every import
    before = snapshot()
    with pytest.raises(CommandError, match="Året är låst. Ingenting har ändrats."):
        run(spec, tmp_path, "data.csv", spec.csv().encode(), "--anvandare", "admin")
    assert post(su_client, spec, "data.csv", spec.csv().encode()).status_code == 200  # the preview saves nothing
    response = su_client.post(spec.url, {"bekrafta": "1"})
    assert response.status_code == 200 and "Året är låst." in response.text
    assert snapshot() == before


def test_a_locked_year_is_refused_by_the_ekonomi_preview_not_first_by_the_confirmation(world, tmp_path, capsys):
    from rapportering.models import Rapporteringsomgang

    year = datetime.date.today().year - 2
    Rapporteringsomgang.objects.create(
        ar=year,
        oppnar=datetime.date(year, 1, 1),
        sista_dag=datetime.date(year + 1, 1, 15),
        last_datum=datetime.date(year + 1, 3, 1),
    )
    locked = str(year)
    before = snapshot()
    with pytest.raises(CommandError, match="Ingenting har ändrats"):
        run(
            EKONOMI, tmp_path, "data.csv", EKONOMI.with_cell("ar", locked).encode(), "--anvandare", "admin", "--dry-run"
        )
    assert f"Rad 2, kolumn ar, värde ”{locked}”: {locked} är låst" in capsys.readouterr().err
    assert snapshot() == before
