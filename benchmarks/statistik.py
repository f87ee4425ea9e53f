"""Benchmark of the national dashboard and the statistics API on a synthetic national dataset.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/statistik.py --scale 10

1x is ~70 förbund and ~600 insatser a year over 10 years (2015–2024), with medlemsbidrag and årsekonomi per förbund
and year; 10x and 100x multiply the förbund. The data is written with bulk_create into whichever database
DATABASE_URL names (it refuses the default db.sqlite3); an earlier synthetic dataset of another scale is replaced.
Prints median and p95 time and the query count for each page, measured with Django's test client in-process.
"""

import argparse
import os
import random
import statistics
import string
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
# Production-like: DEBUG off (no template debug information, no query log except while counting).
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
# A cache of its own (the statistics are cached under the data version: core.dataversion).
os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="finsam-bench-cache-"))
warnings.filterwarnings("ignore", message="No directory at")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1, help="1 = ~70 förbund (default), 10, 100")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--ar", type=int, default=2024)
    parser.add_argument("--reuse", action="store_true", help="keep an existing dataset of the same scale")
    parser.add_argument(
        "--targets", action="store_true", help="only the pages with a target (dashboard, API, registration status)"
    )
    args = parser.parse_args()
    if not os.getenv("DATABASE_URL"):
        sys.exit("Sätt DATABASE_URL till en egen databas (skriptet skriver syntetiska data i den).")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    # The manifest static storage of production needs collectstatic; the pages only need the URLs.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    t0 = time.perf_counter()
    n = build(args.scale, args.ar, args.reuse)
    print(f"# {connection.vendor}, scale {args.scale}x: {n} (data ready in {time.perf_counter() - t0:.1f} s)")
    measure(args.ar, args.runs, TARGETS if args.targets else None)


def _kod(n: int) -> str:
    """Synthetic kommunkod 'Z' + 3 base-36 characters (real codes are four digits)."""
    chars = string.digits + string.ascii_uppercase
    return "Z" + chars[n // 1296 % 36] + chars[n // 36 % 36] + chars[n % 36]


def build(scale: int, ar: int, reuse: bool) -> str:
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from core import dataversion
    from ekonomi.models import Arsekonomi, Medlemsbidrag
    from forbund.models import Behorighet, Forbund, Kommun, Lan, Medlemskap, Roll
    from insatser.models import Insats, InsatsAr
    from statistik.syntetisk import generate

    antal = 70 * scale
    bench = Forbund.objects.filter(slug__startswith="bench-")
    if reuse and bench.count() == antal:
        return f"{antal} förbund, {Insats.objects.filter(forbund__in=bench).count()} insatser (reused)"
    rng = random.Random(scale)
    with transaction.atomic():
        InsatsAr.objects.filter(insats__forbund__in=bench).delete()
        Insats.malgrupper.through.objects.filter(insats__forbund__in=bench).delete()
        Insats.objects.filter(forbund__in=bench).delete()
        Medlemsbidrag.objects.filter(forbund__in=bench).delete()
        Arsekonomi.objects.filter(forbund__in=bench).delete()
        Medlemskap.objects.filter(forbund__in=bench).delete()
        bench.filter(efterfoljare__isnull=False).delete()
        bench.delete()
        Kommun.objects.filter(kod__startswith="Z").delete()

        lan = list(Lan.objects.all())
        forbund = Forbund.objects.bulk_create(
            Forbund(slug=f"bench-{i}", namn=f"Syntetiskt förbund {i}") for i in range(antal)
        )
        # Every twentieth förbund merged into the next one on 30 June of a year in the period.
        for i in range(0, antal - 1, 20):
            forbund[i].upphort = datetime.date(rng.randint(ar - 8, ar), 6, 30)
            forbund[i].efterfoljare = forbund[i + 1]
        Forbund.objects.bulk_update(forbund, ["upphort", "efterfoljare"])
        kommuner, medlemskap = [], []
        for i, f in enumerate(forbund):
            f_lan = lan[i % len(lan)]
            for k in range(4):
                kommun = Kommun(kod=_kod(i * 4 + k), namn=f"Kommun {i}-{k}", lan=f_lan)
                kommuner.append(kommun)
                medlemskap.append(
                    Medlemskap(forbund=f, kommun=kommun, giltig_fran=datetime.date(2010, 1, 1), giltig_till=f.upphort)
                )
                if f.upphort:
                    medlemskap.append(
                        Medlemskap(
                            forbund=f.efterfoljare, kommun=kommun, giltig_fran=f.upphort + datetime.timedelta(days=1)
                        )
                    )
            medlemskap.append(
                Medlemskap(forbund=f, region=f_lan, giltig_fran=datetime.date(2010, 1, 1), giltig_till=f.upphort)
            )
        Kommun.objects.bulk_create(kommuner, batch_size=2000)
        Medlemskap.objects.bulk_create(medlemskap, batch_size=2000)
        insatser = generate(forbund, ar - 9, ar, seed=scale)

        bidrag, ekonomi = [], []
        for i, f in enumerate(forbund):
            for year in range(ar - 9, ar + 1):
                if f.upphort and f.upphort.year < year:
                    continue
                stat = rng.randrange(1_000_000, 8_000_000, 1000)
                bidrag.append(Medlemsbidrag(forbund=f, ar=year, medlemstyp="stat", belopp=stat))
                bidrag.append(
                    Medlemsbidrag(forbund=f, ar=year, medlemstyp="region", region=lan[i % len(lan)], belopp=stat // 2)
                )
                for k in range(4):
                    bidrag.append(
                        Medlemsbidrag(
                            forbund=f, ar=year, medlemstyp="kommun", kommun_id=_kod(i * 4 + k), belopp=stat // 8
                        )
                    )
                ekonomi.append(
                    Arsekonomi(
                        forbund=f,
                        ar=year,
                        administration_budget=stat // 5,
                        administration_utfall=stat // 6,
                        eget_kapital_ingaende=stat if year == ar - 9 else None,
                        # A fastställd årsredovisning for every year but the last, as in late January.
                        faststallt_arets_resultat=rng.randrange(-500_000, 500_000, 1000) if year < ar else None,
                        faststallt_eget_kapital_utgaende=stat if year < ar else None,
                    )
                )
        Medlemsbidrag.objects.bulk_create(bidrag, batch_size=2000)
        Arsekonomi.objects.bulk_create(ekonomi, batch_size=2000)

        user, _ = get_user_model().objects.get_or_create(username="bench-handlaggare")
        Behorighet.objects.get_or_create(user=user, roll=Roll.NATIONELL_HANDLAGGARE, forbund=None)
        dataversion.bump()  # bulk writes send no signals
    running = Insats.objects.running_in(ar).filter(forbund__in=bench).count()
    return f"{antal} förbund, {insatser} insatser in all, {running} running in {ar}"


TARGETS = {"dashboard", "dashboard, one län", "API statistics", "registration status"}
PAGES = [
    ("dashboard", "/statistik/?ar={ar}"),
    ("dashboard, one län", "/statistik/?ar={ar}&lan=01"),
    ("API statistics", "/api/v1/statistik/{ar}/"),
    ("registration status", "/statistik/registrering/?ar={ar}"),
    ("national economy", "/ekonomi/{ar}/"),
    ("workbook (XLSX)", "/statistik/statistik.xlsx?ar={ar}"),
]


def measure(ar: int, runs: int, only: set | None = None):
    """The pages take turns (round-robin), so no page is measured with only its own data in the caches."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-handlaggare"))
    pages = [(name, url.format(ar=ar)) for name, url in PAGES if only is None or name in only]
    queries = {}
    for name, url in pages:  # warm up: connection, templates; the first request of each page is counted
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            assert client.get(url).status_code == 200, url
            first = (time.perf_counter() - t) * 1000
        queries[name] = (len(ctx.captured_queries), first)
    times = {name: [] for name, _url in pages}
    cpu = {name: [] for name, _url in pages}
    for _ in range(runs):
        for name, url in pages:
            t, c = time.perf_counter(), time.process_time()
            client.get(url)
            times[name].append((time.perf_counter() - t) * 1000)
            cpu[name].append((time.process_time() - c) * 1000)
    counted = {}
    for name, url in pages:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counted[name] = len(ctx.captured_queries)
    # "cpu ms" is this process's CPU (Django, not PostgreSQL): on a busy machine the wall time mostly says how long
    # the request waited for a core.
    print(
        f"{'page':<22} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8} {'first ms':>9} {'1st queries':>12}"
    )
    for name, _url in pages:
        t = sorted(times[name])
        p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
        first_q, first_ms = queries[name]
        print(
            f"{name:<22} {statistics.median(t):>10.1f} {p95:>8.1f} {statistics.median(cpu[name]):>7.1f} "
            f"{counted[name]:>8} {first_ms:>9.1f} {first_q:>12}"
        )


if __name__ == "__main__":
    main()
