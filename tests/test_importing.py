"""The import framework (core.importing) as every import uses it: one lookup rule for förbund, kommun and region,
an import record for every accepted file, and writes whose number of queries does not grow with the rows."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.importing.celler import parse_date, parse_int
from core.importing.files import ImportFel, read_rows
from core.importing.lookups import normalise
from core.models import Importkorning, Importtyp
from ekonomi.imports import ekonomi_import
from ekonomi.models import Arsekonomi, Medlemsbidrag
from forbund.imports import medlemskap_import
from insatser.imports import insats_import
from tests.ekonomi.conftest import tvalans  # noqa: F401 - the fixture
from tests.factories import lan
from utfall.imports import utfall_import

pytestmark = pytest.mark.django_db

FORBUND = ["tvalan", "TVALAN", "Samordningsförbundet Tvålän", "  samordningsförbundet   TVÅLÄN "]
INSATS = (
    "forbund;namn;typ;inriktning;malgrupper;startdatum;ar;budget;deltagare_kvinnor;deltagare_man\n"
    "{f};Steget vidare;individinriktad;arbetslivsinriktad;unga;2024-01-01;2024;1000;3;2\n"
)
UTFALL = "forbund;namn;ar;kategori;kod;kon;aldersgrupp;antal\n{f};Steget vidare;2024;paborjade;;kvinnor;16_29;2\n"
EKONOMI = "forbund;ar;post;kommunkod;region;belopp\n{f};2024;kommun;{k};;1000\n{f};2024;region;;{r};2000\n"
MEDLEMSKAP = "kommunkod;region;forbund;giltig_fran;giltig_till\n{k};;{f};2015-01-01;2030-12-31\n"
MEDLEMSKAP_REGION = "kommunkod;region;forbund;giltig_fran;giltig_till\n;{r};{f};2015-01-01;2030-12-31\n"


def _csv(mall: str, **values) -> bytes:
    return mall.format(**values).encode()


def test_normalise_ignores_case_and_spacing():
    assert normalise("  Samordningsförbundet \t TVÅLÄN ") == "samordningsförbundet tvålän"


def test_every_import_accepts_the_same_spellings_of_forbund_kommun_and_region(tvalans, people):  # noqa: F811
    insats_import(content=_csv(INSATS, f="tvalan"), filnamn="i.csv", user=people.administrator)
    varmland = lan("17")
    kommuner = ["1784", "Arvika", " ARVIKA "]
    regioner = ["17", varmland.region_namn.upper(), varmland.namn]
    for i, f in enumerate(FORBUND):
        k, r = kommuner[i % len(kommuner)], regioner[i % len(regioner)]
        assert insats_import(content=_csv(INSATS, f=f), filnamn="i.csv", user=None, dry_run=True).rader == 1
        assert utfall_import(content=_csv(UTFALL, f=f), filnamn="u.csv", user=None, dry_run=True).celler == 1
        assert (
            ekonomi_import(content=_csv(EKONOMI, f=f, k=k, r=r), filnamn="e.csv", user=None, dry_run=True).medlemsbidrag
            == 2
        )
        for mall in (MEDLEMSKAP, MEDLEMSKAP_REGION):
            [andring] = medlemskap_import(content=_csv(mall, f=f, k=k, r=r), filnamn="m.csv", user=None, dry_run=True)
            assert (andring.typ, andring.forbund) == ("avslutad", "Samordningsförbundet Tvålän")


def test_every_accepted_import_is_recorded_with_user_file_and_checksum_and_a_dry_run_is_not(tvalans, people):  # noqa: F811
    user = people.administrator
    filer = [
        (insats_import, _csv(INSATS, f="tvalan"), Importtyp.INSATSER),
        (utfall_import, _csv(UTFALL, f="tvalan"), Importtyp.UTFALL),
        (ekonomi_import, _csv(EKONOMI, f="tvalan", k="1784", r="17"), Importtyp.EKONOMI),
        (medlemskap_import, _csv(MEDLEMSKAP, f="tvalan", k="1784"), Importtyp.MEDLEMSKAP),
    ]
    for importera, content, typ in filer:
        importera(content=content, filnamn=f"{typ}.csv", user=user, dry_run=True)
        assert not Importkorning.objects.filter(typ=typ).exists()
        importera(content=content, filnamn=f"{typ}.csv", user=user)
        post = Importkorning.objects.get(typ=typ)
        assert (post.user, post.filnamn, post.storlek) == (user, f"{typ}.csv", len(content))
        assert len(post.sha256) == 64 and post.antal >= 1
    assert Importkorning.objects.count() == len(filer)


POSTER = [  # each kind of write within the first five rows
    ("stat", "", ""), ("esf", "", ""), ("kommun", "1784", ""), ("administration_budget", "", ""), ("region", "", "17"),
    ("kommun", "1730", ""), ("kommun", "1460", ""), ("region", "", "14"), ("administration_utfall", "", ""),
    ("arets_resultat", "", ""),
]  # fmt: skip


def _ekonomi(antal: int, belopp: int) -> bytes:
    rader = [(ar, *post) for ar in range(2015, 2025) for post in POSTER][:antal]
    return (
        "forbund;ar;post;kommunkod;region;belopp\n"
        + "".join(f"tvalan;{ar};{post};{k};{r};{belopp}\n" for ar, post, k, r in rader)
    ).encode()


def _queries(content: bytes) -> int:
    with CaptureQueriesContext(connection) as ctx:
        ekonomi_import(content=content, filnamn="e.csv", user=None)
    return len(ctx.captured_queries)


def test_an_economy_import_makes_as_many_queries_for_50_rows_as_for_5(tvalans):  # noqa: F811
    fem, femtio = _queries(_ekonomi(5, 1000)), None
    Medlemsbidrag.history.all().delete()
    Arsekonomi.history.all().delete()
    Medlemsbidrag.objects.all().delete()
    Arsekonomi.objects.all().delete()
    femtio = _queries(_ekonomi(50, 1000))
    assert fem == femtio
    # Changing figures already there: the same again, with a history row for each change.
    assert _queries(_ekonomi(5, 2000)) == _queries(_ekonomi(50, 3000))
    assert Medlemsbidrag.history.filter(belopp=3000, history_type="~").count() == 30


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_the_rows_an_import_copies_are_counted_as_queries(tvalans, people):  # noqa: F811
    """psycopg's COPY bypasses Django's cursor; the query log and the execute wrappers (tests, benchmarks, the
    debug toolbar) see it all the same."""
    wrapped = []

    def wrapper(execute, sql, params, many, context):
        wrapped.append(sql)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(wrapper):
        insats_import(content=_csv(INSATS, f="tvalan"), filnamn="i.csv", user=people.administrator)
    tabeller = ['"insatser_insats"', '"insatser_insats_malgrupper"', '"insatser_insatsar"']
    assert [q["sql"].split()[1] for q in ctx.captured_queries if q["sql"].startswith("COPY")] == tabeller
    assert [sql.split()[1] for sql in wrapped if sql.startswith("COPY")] == tabeller


def test_the_row_reader_gives_each_cell_as_the_text_a_person_wrote():
    content = "namn;antal;formel\n  Steget  ;12 500;'=SUMMA(A1)\n;;\n'Lyftet' ;1\u00a0000;\n".encode()
    forsta, andra = read_rows(content, "f.csv", {"namn", "antal"}, {"formel"})
    assert (forsta.nummer, andra.nummer) == (2, 4)  # the blank row 3 is skipped, the numbers are the sheet's
    assert forsta.text("namn") == "Steget" and forsta.text("formel") == "=SUMMA(A1)" and forsta.text("okand") == ""
    assert andra.text("namn") == "'Lyftet'"  # an apostrophe before no formula is the name's own
    fel = []
    assert [parse_int(r, "antal", required=True, fel=fel) for r in (forsta, andra)] == [12500, 1000]
    assert fel == []
    with pytest.raises(ImportFel) as exc:
        read_rows(b"namn;antal\nSteget;1;x\n", "f.csv", {"namn", "antal"})
    [radfel] = exc.value.fel
    assert (radfel.rad, radfel.varde) == (2, "x") and "fler celler" in radfel.meddelande


def test_the_row_reader_reads_an_xlsx_number_and_date_as_written():
    book = openpyxl.Workbook()
    book.active.append(["namn", "antal", "startdatum"])
    book.active.append(["Steget", 3.0, datetime.datetime(2024, 1, 15)])
    buffer = io.BytesIO()
    book.save(buffer)
    [rad] = read_rows(buffer.getvalue(), "f.xlsx", {"namn", "antal", "startdatum"})
    assert rad.text("antal") == "3"
    assert parse_date(rad, "startdatum", required=True, fel=[]) == datetime.date(2024, 1, 15)


def test_a_file_that_starts_with_much_white_space_is_read_not_taken_for_empty():
    """The emptiness check looks at the file without copying it, and without going back over the white space (a
    pattern that did would take hours over 100 000 spaces)."""
    [rad] = read_rows(b" " * 100_000 + b"namn\nSteget\n", "f.csv", {"namn"})
    assert rad.text("namn") == "Steget"
    with pytest.raises(ImportFel) as exc:
        read_rows(b"\xef\xbb\xbf" + b" \r\n" * 50_000, "f.csv", {"namn"})
    assert exc.value.filfel == "Filen är tom."
