"""import_insatser: a national file goes in whole or not at all, and every error names row, column, value, reason."""

import datetime
import io
import time

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.importing.files import ImportFel
from forbund.models import Forbund
from insatser.imports import insats_import
from insatser.models import Insats, InsatsAr
from insatser.selectors import insats_historik
from tests.factories import ForbundFactory
from tests.insatser.test_validation import _csv


def row(forbund, namn, ar, **extra):
    return {
        "forbund": forbund,
        "namn": namn,
        "typ": "individinriktad",
        "inriktning": "arbetslivsinriktad",
        "malgrupper": "unga;langtidssjukskrivna",
        "startdatum": "2023-03-01",
        "slutdatum": "",
        "esf": "nej",
        "ar": ar,
        "budget": 100_000,
        "utfall": 90_000,
        "budgeterat_antal_deltagare": 20,
        "deltagare_kvinnor": 12,
        "deltagare_man": 7,
        **extra,
    }


def test_rows_with_the_same_forbund_and_namn_are_one_insats(setup):
    content = _csv(
        [
            row("test", "Jobbspåret", 2023),
            row("test", "Jobbspåret", 2024, deltagare_kvinnor=20),
            row("Samordningsförbundet Annat", "Jobbspåret", 2024),  # exact name instead of slug
            row(
                "test", "Dialogforum", 2024, typ="strukturovergripande", inriktning="utveckla_samverkan",
                malgrupper="", deltagaruppfoljning="ja", deltagare_kvinnor="", deltagare_man="", deltagare_totalt=55,
            ),
        ]
    )  # fmt: skip
    resultat = insats_import(content=content, filnamn="insatser.csv", user=None)
    assert (resultat.nya_insatser, resultat.nya_ar, len(resultat.forbund)) == (3, 4, 2)
    jobb = Insats.objects.get(forbund__slug="test", namn="Jobbspåret")
    assert sorted(jobb.malgrupper.values_list("kod", flat=True)) == ["langtidssjukskrivna", "unga"]
    assert {a.ar: a.deltagare_kvinnor for a in jobb.arsuppgifter.all()} == {2023: 12, 2024: 20}
    dialog = Insats.objects.get(namn="Dialogforum")
    assert dialog.deltagaruppfoljning and dialog.arsuppgifter.get().deltagare_totalt == 55
    assert Insats.objects.filter(forbund__slug="annat", namn="Jobbspåret").exists()
    # The import is in the history like any change.
    assert [h.vad for h in insats_historik(jobb)][-1] == "Insatsen registrerades"


def test_one_bad_row_changes_nothing_and_every_error_names_row_column_value(setup):
    before = (Insats.objects.count(), InsatsAr.objects.count(), Insats.history.count())
    content = _csv(
        [
            row("test", "Jobbspåret", 2023),
            row("test", "Hälsospåret", 2024, inriktning="arbetsinriktad"),
            row("okänt-förbund", "X", 2024),
            row("test", "Tredje", 2024, budget="12 tkr"),
        ]
    )
    with pytest.raises(ImportFel) as exc:
        insats_import(content=content, filnamn="insatser.csv", user=None)
    fel = [(f.rad, f.kolumn, f.varde) for f in exc.value.fel]
    assert fel == [(3, "inriktning", "arbetsinriktad"), (4, "forbund", "okänt-förbund"), (5, "budget", "12tkr")]
    assert "Menade du" in exc.value.fel[0].meddelande  # a hint to the closest code
    assert str(exc.value.fel[0]).startswith("Rad 3, kolumn inriktning")
    assert (Insats.objects.count(), InsatsAr.objects.count(), Insats.history.count()) == before


def test_reimport_updates_changed_figures_and_keeps_the_rest(setup):
    insats_import(
        content=_csv([row("test", "Jobbspåret", 2023), row("test", "Jobbspåret", 2024)]), filnamn="a.csv", user=None
    )
    jobb = Insats.objects.get(namn="Jobbspåret")
    version = jobb.version
    resultat = insats_import(content=_csv([row("test", "Jobbspåret", 2024, utfall=95_000)]), filnamn="b.csv", user=None)
    assert (resultat.oforandrade_insatser, resultat.andrade_ar, resultat.nya_ar) == (1, 1, 0)
    assert {a.ar: a.utfall for a in jobb.arsuppgifter.all()} == {2023: 90_000, 2024: 95_000}
    jobb.refresh_from_db()
    assert jobb.version == version + 1  # an open form on the old version is refused afterwards
    history = insats_historik(jobb)
    assert history[0].vad == "Uppgifterna för 2024 ändrades"
    assert [(a.fore, a.efter) for a in history[0].andringar] == [("90\xa0000", "95\xa0000")]


def test_reimport_may_change_the_classification(setup):
    insats_import(content=_csv([row("test", "Jobbspåret", 2024)]), filnamn="a.csv", user=None)
    insats_import(
        content=_csv([row("test", "Jobbspåret", 2024, inriktning="forberedande")]), filnamn="b.csv", user=None
    )
    jobb = Insats.objects.get(namn="Jobbspåret")
    assert jobb.inriktning_id == "forberedande"
    change = insats_historik(jobb)[0]
    assert change.vad == "Insatsen ändrades"
    assert [(a.falt, a.fore, a.efter) for a in change.andringar] == [
        ("preciserad inriktning", "Arbetslivsinriktad rehabilitering", "Förberedande insats")
    ]


def test_xlsx_with_real_dates_and_numbers(setup):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["forbund", "namn", "typ", "inriktning", "malgrupper", "startdatum", "ar", "budget", "deltagare_kvinnor"])
    ws.append(
        [
            "test",
            "Från Excel",
            "individinriktad",
            "forebyggande",
            "ingen_specifik",
            datetime.datetime(2024, 5, 2),
            2024,
            250000.0,
            3,
        ]
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    insats_import(content=buffer.getvalue(), filnamn="insatser.xlsx", user=None)
    insats = Insats.objects.get(namn="Från Excel")
    assert insats.startdatum == datetime.date(2024, 5, 2)
    assert insats.arsuppgifter.get().budget == 250_000


def test_historical_insatser_keep_their_sus_classification(setup):
    insats_import(
        content=_csv([row("test", "Gammal", 2021, inriktning="sus_rehabilitering", startdatum="2019-01-01", slutdatum="2021-12-31")]),
        filnamn="sus.csv", user=None,
    )  # fmt: skip
    assert Insats.objects.get(namn="Gammal").inriktning.system == "sus"


def test_the_command_exits_non_zero_and_lists_the_errors(setup, tmp_path, capsys):
    path = tmp_path / "fel.csv"
    path.write_bytes(_csv([row("test", "Jobbspåret", 2019)]))
    with pytest.raises(CommandError, match="Ingenting har ändrats"):
        call_command("import_insatser", str(path), "--anvandare", "chef")
    assert "Rad 2, kolumn ar, värde ”2019”: Insatsen pågår inte 2019" in capsys.readouterr().err
    assert not Insats.objects.filter(namn="Jobbspåret").exists()
    path.write_bytes(_csv([row("test", "Jobbspåret", 2024)]))
    call_command("import_insatser", str(path), "--anvandare", "chef")
    assert Insats.history.get(namn="Jobbspåret").history_user.username == "chef"


def test_the_command_runs_as_a_process_with_a_non_zero_exit(setup, tmp_path):
    # CommandError becomes exit status 1 when run from the shell.
    from django.core.management import ManagementUtility

    path = tmp_path / "fel.csv"
    path.write_bytes(b"forbund,namn\ntest,X\n")
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["manage.py", "import_insatser", str(path), "--anvandare", "chef"]).execute()
    assert exc.value.code == 1


def test_a_large_file_runs_a_fixed_number_of_queries(setup):
    """70 förbund x 20 insatser x 2 years: the number of queries does not grow with the rows."""
    forbund = [ForbundFactory(slug=f"f{n}", namn=f"Förbund {n}") for n in range(70)]
    rows = [row(f.slug, f"Insats {i}", ar) for f in forbund for i in range(20) for ar in (2023, 2024)]
    content = _csv(rows)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        resultat = insats_import(content=content, filnamn="nationell.csv", user=None)
    elapsed = time.perf_counter() - started
    assert (resultat.nya_insatser, resultat.nya_ar) == (1400, 2800)
    assert len(queries) < 60, len(queries)
    assert elapsed < 30
    assert Forbund.objects.get(slug="f69").insatser.count() == 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_large_import_leaves_the_planner_knowing_the_rows_it_wrote(setup):
    """Else the next import and the pages are planned for nearly empty tables (a nested loop of minutes)."""
    forbund = [ForbundFactory(slug=f"f{n}", namn=f"Förbund {n}") for n in range(10)]
    rows = [row(f.slug, f"Insats {i}", ar) for f in forbund for i in range(60) for ar in (2023, 2024)]
    insats_import(content=_csv(rows), filnamn="nationell.csv", user=None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN ('insatser_insats', 'insatser_insatsar')"
        )
        skattning = dict(cursor.fetchall())
    assert skattning["insatser_insats"] >= 600 and skattning["insatser_insatsar"] >= 1200, skattning


def test_the_admin_site_previews_then_imports(setup, client, admin_user):
    client.force_login(admin_user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("insatser.csv", _csv([row("test", "Via admin", 2024)]), content_type="text/csv")
    response = client.post("/admin/insatser/insats/importera/", {"fil": upload})
    assert response.status_code == 200 and "1 nya insatser" in response.content.decode()
    assert not Insats.objects.filter(namn="Via admin").exists()  # preview only
    response = client.post("/admin/insatser/insats/importera/", {"bekrafta": "1"})
    assert response.status_code == 302
    assert Insats.objects.filter(namn="Via admin").exists()
    bad = SimpleUploadedFile("fel.csv", _csv([row("test", "Fel", 2024, typ="annan")]), content_type="text/csv")
    page = client.post("/admin/insatser/insats/importera/", {"fil": bad}).content.decode()
    assert "Rad 2, kolumn typ" in page


def test_a_bad_value_is_reported_once(setup):
    content = _csv([row("test", "Jobbspåret", 2023), row("test", "Jobbspåret", 2024, inriktning="fel")])
    with pytest.raises(ImportFel) as exc:
        insats_import(content=content, filnamn="insatser.csv", user=None)
    assert [(f.rad, f.kolumn) for f in exc.value.fel] == [(3, "inriktning")]


def test_the_admin_site_only_reads_insatser(setup, client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/insatser/insats/").content.decode()
    assert "Importera insatser" in page and "/admin/insatser/insats/export/" in page
    assert client.get("/admin/insatser/insats/add/").status_code == 403
    client.post(f"/admin/insatser/insats/{setup.insats.pk}/change/", {"namn": "Ändrad i admin"})
    assert Insats.objects.get(pk=setup.insats.pk).namn == "Steget vidare"


def test_the_administrator_role_may_import_and_other_staff_may_not(setup, client):
    from tests.factories import UserFactory

    staff = UserFactory(username="personal", is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/insatser/insats/importera/")
    assert response.status_code == 302
    client.force_login(setup.people.administrator)
    assert client.get("/admin/insatser/insats/importera/").status_code == 200


def test_new_dates_must_fit_the_membership_of_the_kommuner_that_run_an_existing_insats(setup):
    """The import does not change utförare, but it changes dates: Stockholm left the förbund before the new period."""
    from tests.factories import InsatsFactory, MedlemskapFactory, kommun, lan

    MedlemskapFactory(forbund=setup.forbund, kommun=kommun("0180"), giltig_fran=datetime.date(2020, 1, 1),
                      giltig_till=datetime.date(2023, 12, 31))  # fmt: skip
    MedlemskapFactory(forbund=setup.forbund, region=lan("01"), giltig_fran=datetime.date(2020, 1, 1))
    insats = InsatsFactory(forbund=setup.forbund, namn="Jobbspåret", startdatum=datetime.date(2023, 1, 1),
                           slutdatum=datetime.date(2023, 12, 31))  # fmt: skip
    insats.utforare_kommuner.add(kommun("0180"))
    insats.utforare_regioner.add(lan("01"))
    before = (Insats.history.count(), Insats.objects.get(pk=insats.pk).startdatum)
    content = _csv([row("test", "Jobbspåret", 2024, startdatum="2024-03-01")])
    with pytest.raises(ImportFel) as exc:
        insats_import(content=content, filnamn="insatser.csv", user=None)
    assert [(f.rad, f.kolumn, f.varde) for f in exc.value.fel] == [(2, "startdatum", "2024-03-01")]
    assert "Stockholm var inte medlem i förbundet under insatsens period" in exc.value.fel[0].meddelande
    assert (Insats.history.count(), Insats.objects.get(pk=insats.pk).startdatum) == before
    # Within the membership the same insats is updated.
    content = _csv([row("test", "Jobbspåret", 2023, startdatum="2023-03-01", slutdatum="2023-12-31")])
    assert insats_import(content=content, filnamn="insatser.csv", user=None).andrade_insatser == 1
    assert Insats.objects.get(pk=insats.pk).startdatum == datetime.date(2023, 3, 1)


def test_an_import_raises_the_version_of_each_year_it_changes_so_an_open_year_form_sees_a_conflict(setup, chef_client):
    row = InsatsAr.objects.get(insats=setup.insats, ar=2024)
    opened = row.version
    content = _csv(
        [{"forbund": "test", "namn": "Steget vidare", "typ": "individinriktad", "inriktning": "arbetslivsinriktad",
          "malgrupper": "unga", "startdatum": "2024-01-01", "ar": 2024, "budget": 500_000, "utfall": 480_000,
          "deltagare_kvinnor": 11, "deltagare_man": 8}]
    )  # fmt: skip
    insats_import(content=content, filnamn="insatser.csv", user=setup.people.administrator)
    assert InsatsAr.objects.get(pk=row.pk).version == opened + 1
    insats_version = Insats.objects.get(pk=setup.insats.pk).version
    # The year form opened before the import, saved with its versions: refused, the import's figure kept.
    response = chef_client.post(
        f"/forbund/test/insatser/{setup.insats.pk}/ar/2024/",
        {"version": insats_version, "ar_version": opened, "budget": "500000", "utfall": "480000",
         "deltagare_kvinnor": "99", "deltagare_man": "8"},
    )  # fmt: skip
    assert "Någon annan har sparat uppgifterna för året" in response.content.decode()
    assert InsatsAr.objects.get(pk=row.pk).deltagare_kvinnor == 11
    # The same file again changes nothing, and so raises no version.
    insats_import(content=content, filnamn="insatser.csv", user=setup.people.administrator)
    assert InsatsAr.objects.get(pk=row.pk).version == opened + 1


def _record(record) -> dict:
    """What a historical record says: every tracked field but the save's own moment, who, why, and its m2m snapshot."""
    values = {f.attname: getattr(record, f.attname) for f in record.tracked_fields if f.attname != "andrad"}
    values.update(history_user_id=record.history_user_id, history_change_reason=record.history_change_reason)
    for field in getattr(record, "_history_m2m_fields", ()):
        snapshot = getattr(record, field.name).values()
        values[field.name] = sorted(
            tuple(v for k, v in sorted(r.items()) if k not in {"m2m_history_id", "history_id"}) for r in snapshot
        )
    return values


def test_an_imports_history_rows_are_those_a_save_in_the_browser_writes(setup):
    """History written in bulk by the database equals simple-history's per-object record, m2m snapshot included."""
    from core.importing.files import history_user

    user = setup.people.administrator
    content = _csv(
        [
            row(
                "test",
                "Steget vidare",
                2024,
                startdatum="2024-01-01",
                malgrupper="unga;langtidssjukskrivna",
                utfall=470_000,
            ),
            row("test", "Nytt spår", 2024),
            row("test", "Nytt spår", 2025, budget=""),
        ]
    )
    resultat = insats_import(content=content, filnamn="insatser.csv", user=user)
    assert (resultat.nya_insatser, resultat.andrade_insatser, resultat.nya_ar, resultat.andrade_ar) == (1, 1, 2, 1)
    nytt = Insats.objects.get(namn="Nytt spår")
    objects = [setup.insats, nytt, *InsatsAr.objects.filter(insats__in=[setup.insats, nytt])]
    imported = {(type(o), o.pk): o.history.latest() for o in objects}
    assert {r.history_type for r in imported.values()} == {"+", "~"}
    assert imported[(Insats, setup.insats.pk)].history_type == "~" and imported[(Insats, nytt.pk)].history_type == "+"
    assert len({r.history_date for r in imported.values()}) == 1
    with history_user(user):
        for obj in objects:
            type(obj).objects.get(pk=obj.pk).save()  # the per-object path: simple-history's post_save
    for obj in objects:
        saved = obj.history.latest()
        assert saved.history_id != imported[(type(obj), obj.pk)].history_id
        assert _record(imported[(type(obj), obj.pk)]) == _record(saved)
    assert [m.malgrupp_id for m in imported[(Insats, setup.insats.pk)].malgrupper.all()] == [
        "langtidssjukskrivna",
        "unga",
    ]
    assert [d.user_id for d in imported[(Insats, setup.insats.pk)].deltagaransvariga.all()] == [
        setup.people.deltagaransvarig.pk
    ]


def test_the_admin_site_keeps_a_previewed_file_out_of_the_session_and_removes_it_once_confirmed(
    setup, client, admin_user, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    url = "/admin/insatser/insats/importera/"
    content = _csv([row("test", "Via admin", 2024)])
    client.post(url, {"fil": SimpleUploadedFile("insatser.csv", content, content_type="text/csv")})
    stored = client.session["import_insatser_insats_importera"]
    assert "content" not in stored and stored["filnamn"] == "insatser.csv"
    waiting = list((settings.MEDIA_ROOT / "importer").iterdir())
    assert [f.read_bytes() for f in waiting] == [content]
    # A second upload replaces the first preview: only the file last previewed can be confirmed.
    other = _csv([row("test", "Andra filen", 2024)])
    client.post(url, {"fil": SimpleUploadedFile("andra.csv", other, content_type="text/csv")})
    assert [f.read_bytes() for f in (settings.MEDIA_ROOT / "importer").iterdir()] == [other]
    assert client.post(url, {"bekrafta": "1"}).status_code == 302
    assert Insats.objects.filter(namn="Andra filen").exists() and not Insats.objects.filter(namn="Via admin").exists()
    assert list((settings.MEDIA_ROOT / "importer").iterdir()) == []
    # Confirming again: the preview is gone, nothing is imported twice.
    response = client.post(url, {"bekrafta": "1"}, follow=True)
    assert "Förhandsgranskningen har gått ut" in response.content.decode()


def test_a_file_compared_with_the_database_a_few_forbund_at_a_time_gives_the_same_plan(setup, monkeypatch):
    """A national file is compared with the registered insatser in parts of whole förbund (memory); the parts
    together see every insats: here each part is one förbund."""
    monkeypatch.setattr("insatser.imports.DEL", 1)
    rows = [row("test", "Jobbspåret", 2024), row("Samordningsförbundet Annat", "Jobbspåret", 2024)]
    rows += [row("test", "Steget vidare", 2024, startdatum="2024-01-01", malgrupper="unga", budget=500_000)]
    assert insats_import(content=_csv(rows), filnamn="i.csv", user=None).nya_insatser == 2
    rows[1]["utfall"] = 91_000
    resultat = insats_import(content=_csv(rows), filnamn="i.csv", user=None)
    assert (resultat.nya_insatser, resultat.oforandrade_insatser, resultat.nya_ar, resultat.andrade_ar) == (0, 3, 0, 1)
    assert InsatsAr.objects.get(insats__forbund__slug="annat", ar=2024).utfall == 91_000
