"""Prepare a database for the load test: schema, reference data, a 1x national dataset and the load's users.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/load/setup.py --ar 2025 --out /tmp/users.json

The national dataset is the one benchmarks/statistik.py builds (its build(), reused as is: ~70 synthetic förbund
with insatser, yearly figures, medlemsbidrag and årsekonomi over ten years up to --ar). On top of it: a
förbundsadministratör for each förbund still active in --ar (several per förbund when --forbund-users asks for more)
and --nationella nationella handläggare, all with one password (hashed once: the production hasher takes ~0.5 s a
hash), and a logged-in session for each (as if they had logged in earlier in the day). Writes the users, their
förbund, sessions and the year as JSON for the locustfile.
"""

import argparse
import datetime
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")

PASSWORD_ENV = "LOAD_PASSWORD"


def _statistik_benchmark():
    """benchmarks/statistik.py as a module (benchmarks/ is no package): its build() makes the national dataset."""
    spec = importlib.util.spec_from_file_location("benchmark_statistik", ROOT / "benchmarks" / "statistik.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ar", type=int, required=True, help="the dataset's last year, the year the users work on")
    parser.add_argument("--forbund-users", type=int, default=200, help="förbundsadministratörer (default 200)")
    parser.add_argument("--nationella", type=int, default=100, help="nationella handläggare (default 100)")
    parser.add_argument("--out", required=True, help="JSON file for the locustfile")
    args = parser.parse_args()
    password = os.environ.get(PASSWORD_ENV)
    if not os.getenv("DATABASE_URL") or not password:
        sys.exit(f"Sätt DATABASE_URL (en egen databas) och {PASSWORD_ENV}.")

    benchmark = _statistik_benchmark()  # sets its env defaults; ours (from benchmarks/load/run) are already set
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils.module_loading import import_string

    from core.period import Period, active_during
    from forbund.models import Behorighet, Forbund, Roll

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    print(f"# schema and reference data: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    print(f"# national dataset: {benchmark.build(1, args.ar, reuse=True)} ({time.perf_counter() - t0:.1f} s)")

    aktiva = list(
        Forbund.objects.filter(slug__startswith="bench-")
        .filter(active_during(Period(datetime.date(args.ar, 1, 1), None), "bildat", "upphort"))
        .order_by("pk")
    )
    User = get_user_model()
    hashed = make_password(password)
    forbund_users, nationella = [], []
    with transaction.atomic():
        old = User.objects.filter(username__startswith="last-")
        Behorighet.objects.filter(user__in=old).delete()
        old.delete()
        users = User.objects.bulk_create(
            [User(username=f"last-forbund-{i:03d}", password=hashed) for i in range(args.forbund_users)]
            + [User(username=f"last-nationell-{i:03d}", password=hashed) for i in range(args.nationella)]
        )
        behorigheter = []
        for i, user in enumerate(users[: args.forbund_users]):
            forbund = aktiva[i % len(aktiva)]
            behorigheter.append(Behorighet(user=user, roll=Roll.FORBUNDSADMINISTRATOR, forbund=forbund))
            forbund_users.append({"username": user.username, "slug": forbund.slug})
        for user in users[args.forbund_users :]:
            behorigheter.append(Behorighet(user=user, roll=Roll.NATIONELL_HANDLAGGARE, forbund=None))
            nationella.append({"username": user.username})
        Behorighet.objects.bulk_create(behorigheter)
    # A session as django.contrib.auth.login() leaves it, for the users who start the run logged in.
    SessionStore = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    sessioner = {}
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessioner[user.username] = session.session_key
    for konto in forbund_users + nationella:
        konto["session"] = sessioner[konto["username"]]
    Path(args.out).write_text(
        json.dumps(
            {
                "ar": args.ar,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "forbund": forbund_users,
                "nationella": nationella,
                "antal_forbund": len(aktiva),
            }
        )
    )
    print(
        f"# users: {len(forbund_users)} förbundsadministratörer for {len(aktiva)} active förbund, "
        f"{len(nationella)} nationella handläggare"
    )


if __name__ == "__main__":
    main()
