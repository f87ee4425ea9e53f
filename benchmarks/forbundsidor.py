"""Throughput of the förbund pages under gunicorn, compared with a logged-in page that runs one query.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/forbundsidor.py [--scale 1] [--seconds 5] [--rounds 3]

Builds (or reuses) the synthetic national dataset of benchmarks/statistik.py, makes a förbundsadministratör of one
synthetic förbund with a logged-in session, starts gunicorn (2 workers, DEBUG off, persistent database
connections) with benchmarks/settings_bench.py, which adds the baseline page /bench/baseline/ (only there), and
sends requests from --concurrency threads that keep their connections open. The pages take turns: each round asks
each page for --seconds, so a change in the machine's load hits every page alike. Prints requests/s per page and
its ratio to the baseline (the target: at least 30 % for the start page, the insatser list and an insats).
"""

import argparse
import http.client
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _statistik_benchmark():
    """benchmarks/statistik.py as a module (benchmarks/ is no package): its build() makes the national dataset."""
    spec = importlib.util.spec_from_file_location("benchmark_statistik", ROOT / "benchmarks" / "statistik.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(scale: int, ar: int) -> dict:
    """The dataset, a förbundsadministratör with a session, and the pages to ask for."""
    benchmark = _statistik_benchmark()  # sets the environment for production-like settings
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.core.management import call_command
    from django.utils.module_loading import import_string

    from forbund.models import Behorighet, Forbund, Roll
    from insatser.models import Insats

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    print(f"# dataset: {benchmark.build(scale, ar, reuse=True)}")
    forbund = Forbund.objects.filter(slug__startswith="bench-", upphort__isnull=True).order_by("pk").first()
    user, _ = get_user_model().objects.get_or_create(username="bench-chef")
    Behorighet.objects.get_or_create(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=forbund)
    insats = Insats.objects.running_in(ar).filter(forbund=forbund, arsuppgifter__ar=ar).order_by("pk").first()
    # A session as django.contrib.auth.login() leaves it (the login itself is PBKDF2, slow on purpose).
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    bas = f"/forbund/{forbund.slug}"
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "pages": [
            ("baseline (one query)", f"/bench/baseline/?slug={forbund.slug}"),
            ("förbund start page", f"{bas}/?ar={ar}"),
            ("insatser list", f"{bas}/insatser/?ar={ar}"),
            ("insats detail", f"{bas}/insatser/{insats.pk}/"),
        ],
    }


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings_bench",
        "PYTHONPATH": str(ROOT),
        "CACHE_DIR": tempfile.mkdtemp(prefix="finsam-bench-cache-"),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--log-level",
            "warning",
            "finsam.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/konto/logga-in/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn startade inte.")


def workers_cpu(master: int) -> float:
    """CPU seconds (user + system) of gunicorn's workers so far (Linux /proc)."""
    total = 0.0
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def hammer(port: int, url: str, cookie: str, seconds: float, concurrency: int) -> tuple[int, int]:
    """Requests from `concurrency` threads for `seconds`: (answered 200, other answers)."""
    stop = time.perf_counter() + seconds
    counts = [[0, 0] for _ in range(concurrency)]

    def worker(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie, "Host": "127.0.0.1"}
        while time.perf_counter() < stop:
            conn.request("GET", url, headers=headers)
            response = conn.getresponse()
            response.read()
            counts[i][0 if response.status == 200 else 1] += 1
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1, help="the dataset of benchmarks/statistik.py (default 1)")
    parser.add_argument("--ar", type=int, default=2024)
    parser.add_argument("--seconds", type=float, default=5, help="per page and round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every page (default 3)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--port", type=int, default=8761)
    args = parser.parse_args()
    if not os.getenv("DATABASE_URL"):
        sys.exit("Sätt DATABASE_URL till en egen databas (skriptet skriver syntetiska data i den).")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver,localhost")
    os.environ.setdefault("CONN_MAX_AGE", "60")
    setup = prepare(args.scale, args.ar)
    server = start_gunicorn(args.port, args.workers)
    try:
        for name, url in setup["pages"]:  # warm up, and check that each page answers 200
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
            for _ in range(3):
                conn.request("GET", url, headers={"Cookie": setup["cookie"], "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
            if response.status != 200:
                sys.exit(f"{name} ({url}) svarade {response.status}")
        totals = {name: [0, 0, 0.0, 0.0] for name, _url in setup["pages"]}
        for _ in range(args.rounds):
            for name, url in setup["pages"]:
                t0, cpu0 = time.perf_counter(), workers_cpu(server.pid)
                ok, other = hammer(args.port, url, setup["cookie"], args.seconds, args.concurrency)
                totals[name][0] += ok
                totals[name][1] += other
                totals[name][2] += time.perf_counter() - t0
                totals[name][3] += workers_cpu(server.pid) - cpu0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    # On a busy machine the requests/s follow what other processes leave; the workers' CPU per request does not
    # (much), so the last two columns say what the ratio is when the workers have the cores to themselves.
    baseline = baseline_cpu = None
    print(f"{'page':<22} {'requests/s':>11} {'of baseline':>12} {'not 200':>8} {'CPU ms/req':>11} {'CPU ratio':>10}")
    for name, (ok, other, seconds, cpu) in totals.items():
        rate, cpu_ms = ok / seconds, cpu * 1000 / max(ok, 1)
        baseline, baseline_cpu = baseline or rate, baseline_cpu or cpu_ms
        print(
            f"{name:<22} {rate:>11.1f} {rate / baseline:>11.0%} {other:>8} {cpu_ms:>11.1f} "
            f"{baseline_cpu / cpu_ms:>9.0%}"
        )


if __name__ == "__main__":
    main()
