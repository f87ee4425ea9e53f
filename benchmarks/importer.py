"""Benchmark of the file imports: a national year of insatser and an economy file, on the configured database.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/importer.py [--rader 42000] [--ekonomi 8000]

Generates, in a temporary directory, a national year of insatser (the active förbund of the reference registry,
two rows per insats for the year and the one before; 42 000 rows) and an economy file (members' contributions by
the registry and the year's other figures, 2015 on; 8 000 rows), then runs each step in a process of its own and
prints its seconds, CPU seconds (its own and its PostgreSQL backend's; the seconds depend on the load, these less so),
queries and peak RSS (the process's maximum resident set, Django included):

- the insatser import (the service `import_insatser` runs), first import and the same file again (no changes);
- the economy import at two sizes from an empty economy, to show its query count does not grow with the rows;
- the admin-site import of the national year (upload and preview, then confirm) through Django's test client
  ("admin", queries counted; the client's copies of the upload are in its RSS), and the same over HTTP against one
  gunicorn worker ("admin-worker": the worker's own peak RSS and CPU seconds), first import and the same file again.

It refuses the default SQLite file; the insatser and economy of the reference förbund are replaced in the database.
"""

import argparse
import csv
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("AXES_ENABLED", "False")
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
warnings.filterwarnings("ignore", message="No directory at")
AR = 2024
ANVANDARE = "benchmark-import"


def _setup():
    import django

    django.setup()
    from django.test.utils import override_settings

    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()


class Raknare:
    """Counts the queries without keeping them (a bulk insert's SQL is megabytes)."""

    def __init__(self):
        self.antal = 0

    def __call__(self, execute, sql, params, many, context):
        self.antal += 1
        return execute(sql, params, many, context)


def _aktiva_forbund():
    from forbund.models import Forbund

    start, slut = datetime.date(AR - 1, 1, 1), datetime.date(AR, 12, 31)
    return [
        f
        for f in Forbund.objects.order_by("slug")
        if (f.bildat is None or f.bildat <= start) and (f.upphort is None or f.upphort >= slut)
    ]


def write_insatser(path: Path, rader: int) -> None:
    """Two rows (last year and this year) per insats, insatser spread over the active förbund."""
    from insatser.exports import KOLUMNER
    from insatser.models import Inriktning, Malgrupp, Typ

    forbund = _aktiva_forbund()
    start = datetime.date(AR - 1, 1, 1)
    inriktningar = {
        typ: [i.kod for i in Inriktning.objects.filter(typ=typ) if i.valid_during(start, None)] for typ in Typ.values
    }
    malgrupper = [m.kod for m in Malgrupp.objects.exclude(kod=Malgrupp.INGEN_SPECIFIK)]
    per_forbund = -(-rader // (2 * len(forbund)))
    with path.open("w", newline="", encoding="utf-8") as fil:
        w = csv.DictWriter(fil, fieldnames=KOLUMNER, delimiter=";")
        w.writeheader()
        n = 0
        for f in forbund:
            for i in range(per_forbund):
                individ = i % 2 == 0
                typ = Typ.INDIVIDINRIKTAD if individ else Typ.STRUKTUROVERGRIPANDE
                uppfoljning = not individ and i % 4 == 1
                for ar in (AR - 1, AR):
                    if n >= rader:
                        return
                    n += 1
                    w.writerow(
                        {
                            "forbund": f.slug,
                            "namn": f"Benchmarkinsats {i}",
                            "typ": typ,
                            "inriktning": inriktningar[typ][i % len(inriktningar[typ])],
                            "malgrupper": ";".join(malgrupper[i % len(malgrupper) : i % len(malgrupper) + 2])
                            if individ
                            else "",
                            "startdatum": datetime.date(AR - 1, 1 + i % 6, 1 + i % 28).isoformat(),
                            "slutdatum": "",
                            "esf": "ja" if i % 20 == 0 else "nej",
                            "deltagaruppfoljning": "ja" if uppfoljning else "nej",
                            "ar": ar,
                            "budget": 100_000 + 1_000 * (i % 300),
                            "utfall": 90_000 + 1_000 * (i % 250),
                            "budgeterat_antal_deltagare": 20 + i % 30 if individ else "",
                            "deltagare_kvinnor": 10 + i % 17 if individ else "",
                            "deltagare_man": 8 + i % 13 if individ else "",
                            "deltagare_totalt": 30 + i % 40 if uppfoljning else "",
                        }
                    )


def write_ekonomi(path: Path, rader: int) -> None:
    """The members' contributions (by the registry) and the other figures of each förbund-year, 2015 on."""
    from ekonomi.services import registry_members_for
    from forbund.models import Forbund

    forbund = list(Forbund.objects.order_by("slug"))
    par = {
        (f.pk, ar)
        for f in forbund
        for ar in range(2015, AR + 1)
        if (f.bildat is None or f.bildat.year <= ar) and (f.upphort is None or f.upphort.year >= ar)
    }
    medlemmar = registry_members_for(par)
    slug = {f.pk: f.slug for f in forbund}
    rows = []
    for fid, ar in sorted(par, key=lambda p: (p[1], p[0])):
        for (typ, kod), obj in medlemmar[(fid, ar)].items():
            region = obj.region_namn if typ == "region" else ""
            rows.append([slug[fid], ar, typ, kod if typ == "kommun" else "", region, 100_000 + len(rows), ""])
        for post in ("esf", "administration_budget", "administration_utfall", "arets_resultat"):
            rows.append([slug[fid], ar, post, "", "", 10_000 + len(rows), ""])
        rows.append([slug[fid], ar, "ovrigt", "", "", 5_000, "Bidrag från annan part"])
        rows.append([slug[fid], ar, "eget_kapital_utgaende", "", "", -20_000 + len(rows), ""])
    if len(rows) < rader:
        sys.exit(f"Registret räcker till {len(rows)} ekonomirader, inte {rader}.")
    with path.open("w", newline="", encoding="utf-8") as fil:
        w = csv.writer(fil, delimiter=";")
        w.writerow(["forbund", "ar", "post", "kommunkod", "region", "belopp", "anteckning"])
        w.writerows(rows[:rader])


def prepare(katalog: Path, rader: int, ekonomi: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
    from insatser.models import Insats

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    get_user_model().objects.filter(username=ANVANDARE).exists() or get_user_model().objects.create_superuser(
        ANVANDARE, f"{ANVANDARE}@example.invalid", None
    )
    write_insatser(katalog / "insatser.csv", rader)
    write_ekonomi(katalog / "ekonomi.csv", ekonomi)
    with (katalog / "ekonomi.csv").open(encoding="utf-8") as fil:
        (katalog / "ekonomi-liten.csv").write_text("".join(fil.readlines()[: ekonomi // 10 + 1]), encoding="utf-8")
    _empty_insatser(Insats)
    _empty_ekonomi(Arsekonomi, Medlemsbidrag, Statsbidrag)


def _empty_insatser(Insats) -> None:
    """Remove an earlier run's insatser and their history with plain DELETEs: the ORM would load every row (and
    write a history row for each deletion)."""
    from django.db import connection

    from insatser.models import InsatsAr

    ids = list(Insats.objects.filter(namn__startswith="Benchmarkinsats ").values_list("pk", flat=True))
    from django.apps import apps

    tabeller = [
        (apps.get_model("insatser", f"HistoricalInsats_{m}"), "insats_id")
        for m in ("malgrupper", "utforare_kommuner", "utforare_regioner", "deltagaransvariga")
    ]
    tabeller += [(InsatsAr.history.model, "insats_id"), (InsatsAr, "insats_id"), (Insats.history.model, "id")]
    tabeller += [(getattr(Insats, m).through, "insats_id") for m in ("malgrupper", "utforare_kommuner")]
    tabeller += [(getattr(Insats, m).through, "insats_id") for m in ("utforare_regioner", "deltagaransvariga")]
    tabeller.append((Insats, "id"))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            del_ids = ids[start : start + 500]
            for model, kolumn in tabeller:
                platser = ",".join(["%s"] * len(del_ids))
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {kolumn} IN ({platser})", del_ids)


def _empty_ekonomi(*models) -> None:
    for model in models:
        model.history.all().delete()
        model.objects.all().delete()


def steg(namn: str, katalog: Path) -> dict:
    """One measured step, in this process (started by main for each step, so its peak RSS is the step's own)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from ekonomi.imports import ekonomi_import
    from ekonomi.models import Arsekonomi, Medlemsbidrag, Statsbidrag
    from insatser.imports import insats_import
    from insatser.models import Insats

    user = get_user_model().objects.get(username=ANVANDARE)
    raknare = Raknare()
    if namn.startswith("ekonomi"):
        _empty_ekonomi(Arsekonomi, Medlemsbidrag, Statsbidrag)
    if namn in {"insatser", "admin"}:
        _empty_insatser(Insats)
    fil = katalog / {"ekonomi-liten": "ekonomi-liten.csv", "ekonomi": "ekonomi.csv"}.get(namn, "insatser.csv")
    content = fil.read_bytes()
    rss_fore = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()" if connection.vendor == "postgresql" else "SELECT NULL")
        backend = cursor.fetchone()[0]  # the PostgreSQL process serving this one, on this machine
    cpu0, pg0 = os.times(), _cpu(backend) if backend else 0.0
    t0 = time.perf_counter()
    with connection.execute_wrapper(raknare):
        if namn.startswith("ekonomi"):
            resultat = ekonomi_import(content=content, filnamn=fil.name, user=user)
        elif namn in {"insatser", "insatser-igen"}:
            resultat = insats_import(content=content, filnamn=fil.name, user=user)
        else:
            resultat = _admin_import(user, fil)
    sekunder = time.perf_counter() - t0
    cpu1, pg1 = os.times(), _cpu(backend) if backend else 0.0
    return {
        "cpu": round(cpu1.user - cpu0.user + cpu1.system - cpu0.system, 2),
        "cpu_pg": round(pg1 - pg0, 2),
        "steg": namn,
        "rader": content.count(b"\n") - 1,
        "sekunder": round(sekunder, 2),
        "queries": raknare.antal,
        "rss_mb_fore": round(rss_fore / 1024),
        "rss_mb_topp": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "resultat": str(resultat),
    }


def _admin_import(user, fil: Path) -> str:
    """Upload (preview) and confirm, as in the admin site."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("admin:insatser_insats_importera")
    with fil.open("rb") as upload:
        svar = client.post(url, {"fil": upload}, secure=True)  # production settings redirect plain HTTP
    if svar.status_code != 200 or b"bekrafta" not in svar.content:
        sys.exit(f"Förhandsgranskningen misslyckades: {svar.status_code}")
    svar = client.post(url, {"bekrafta": "1"}, secure=True)
    if svar.status_code != 302:
        sys.exit(f"Bekräftelsen misslyckades: {svar.status_code}")
    return "förhandsgranskad och bekräftad"


def _vmhwm(pid: int) -> int:
    """A process's peak resident set so far, MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def admin_worker(fil: Path, port: int = 8791, *, igen: bool = False) -> dict:
    """The admin-site import as a web worker runs it: one gunicorn worker (production settings, plain HTTP on
    127.0.0.1), upload and preview, then confirm, over HTTP; the worker's own peak RSS (VmHWM) after each step.
    Nothing of the client (this process) is in the figure, unlike with Django's test client."""
    import http.client
    import re
    import uuid

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.urls import reverse
    from django.utils.module_loading import import_string

    from insatser.models import Insats

    if not igen:
        _empty_insatser(Insats)
    user = get_user_model().objects.get(username=ANVANDARE)
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    url = reverse("admin:insatser_insats_importera")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings_import",
        "SECURE_SSL_REDIRECT": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--timeout", "900", "--no-control-socket", "--log-level", "warning", "finsam.wsgi:application"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        cookies = {settings.SESSION_COOKIE_NAME: session.session_key}

        def request(method, body=b"", headers=None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
            cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
            conn.request(method, url, body=body, headers={"Cookie": cookie, **(headers or {})})
            svar = conn.getresponse()
            for k, v in svar.getheaders():
                if k.lower() == "set-cookie":
                    name, value = v.split(";", 1)[0].split("=", 1)
                    cookies[name] = value
            return svar.status, svar.read()

        for _ in range(150):
            try:
                status, page = request("GET")
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn startade inte.")
        worker = int(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()[0])
        vila = _vmhwm(worker)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        grans = uuid.uuid4().hex
        body = b"".join(
            [
                f'--{grans}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'.encode(),
                token + b"\r\n",
                f'--{grans}\r\nContent-Disposition: form-data; name="fil"; filename="{fil.name}"\r\n'.encode(),
                b"Content-Type: text/csv\r\n\r\n" + fil.read_bytes() + b"\r\n",
                f"--{grans}--\r\n".encode(),
            ]
        )
        cpu0, t0 = _cpu(worker), time.perf_counter()
        status, page = request("POST", body, {"Content-Type": f"multipart/form-data; boundary={grans}"})
        if status != 200 or b"bekrafta" not in page:
            sys.exit(f"Förhandsgranskningen misslyckades: {status} {page[:300]!r}")
        forhand = _vmhwm(worker)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = b"csrfmiddlewaretoken=" + token + b"&bekrafta=1"
        status, page = request("POST", form, {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            sys.exit(f"Bekräftelsen misslyckades: {status} {page[:300]!r}")
        return {
            "steg": "admin-worker-igen" if igen else "admin-worker",
            "rader": fil.read_bytes().count(b"\n") - 1,
            "sekunder": round(time.perf_counter() - t0, 2),
            "cpu": round(_cpu(worker) - cpu0, 2),
            "cpu_pg": "–",
            "queries": "–",
            "rss_mb_fore": vila,
            "rss_mb_forhand": forhand,
            "rss_mb_topp": _vmhwm(worker),
            "resultat": f"worker: {vila} MB at rest, {forhand} MB after the preview, then confirmed",
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rader", type=int, default=42_000, help="rows of the insatser file (default 42 000)")
    parser.add_argument("--ekonomi", type=int, default=8_000, help="rows of the economy file (default 8 000)")
    parser.add_argument("--steg", help=argparse.SUPPRESS)
    parser.add_argument("--katalog", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not os.getenv("DATABASE_URL"):
        sys.exit("Sätt DATABASE_URL till en egen databas (skriptet skriver syntetiska data i den).")
    _setup()
    if args.steg in {"admin-worker", "admin-worker-igen"}:
        print(json.dumps(admin_worker(Path(args.katalog) / "insatser.csv", igen=args.steg.endswith("igen"))))
        return
    if args.steg:
        print(json.dumps(steg(args.steg, Path(args.katalog))))
        return
    from django.db import connection

    with tempfile.TemporaryDirectory(prefix="importbench-") as katalog:
        prepare(Path(katalog), args.rader, args.ekonomi)
        print(f"# {connection.vendor}; files in {katalog}")
        print(f"# load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min) at the start")
        print(f"{'steg':<15}{'rader':>8}{'s':>8}{'CPU s':>7}{'PG CPU':>7}{'queries':>9}{'RSS MB':>8}  resultat")
        for namn in (
            "insatser",
            "insatser-igen",
            "ekonomi-liten",
            "ekonomi",
            "admin",
            "admin-worker",
            "admin-worker-igen",
        ):
            ut = subprocess.run(
                [sys.executable, __file__, "--steg", namn, "--katalog", katalog],
                capture_output=True,
                text=True,
                check=False,
            )
            if ut.returncode:
                sys.exit(f"{namn}: {ut.stderr[-3000:]}{ut.stdout[-3000:]}")
            r = json.loads(ut.stdout.strip().splitlines()[-1])
            print(
                f"{r['steg']:<15}{r['rader']:>8}{r['sekunder']:>8}{r['cpu']:>7}{r['cpu_pg']:>7}{r['queries']:>9}"
                f"{r['rss_mb_topp']:>8}  {r['resultat'][:70]}  (load {os.getloadavg()[0]:.1f})"
            )


if __name__ == "__main__":
    main()
