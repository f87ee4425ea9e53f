"""Print locust's CSV results (--csv PREFIX) as one table: requests, errors, p50/p95/max per page, and the errors.

python benchmarks/load/report.py PREFIX
"""

import csv
import os
import sys


def main(prefix: str) -> None:
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"{'page':<44} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:<44} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>7} {row['95%']:>7} "
            f"{float(row['Max Response Time']):>7.0f}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    antal = int(total["Request Count"])
    print(f"# {antal} requests, {total['Failure Count']} errors, {float(total['Requests/s']):.1f} req/s")
    if os.getenv("LOAD_CPU") and antal:
        # CPU seconds used during the run (from benchmarks/load/run): gunicorn's workers, PostgreSQL, locust.
        gunicorn, postgres, locust, hz = (int(v) for v in os.environ["LOAD_CPU"].split())
        delar = {"gunicorn": gunicorn, "PostgreSQL": postgres, "locust": locust}
        print(
            "# CPU used: "
            + ", ".join(
                f"{namn} {t / hz:.1f} s ({t / hz / antal * 1000:.1f} ms a request)" for namn, t in delar.items()
            )
        )
    with open(f"{prefix}_failures.csv", newline="") as f:
        failures = list(csv.DictReader(f))
    for row in failures:
        print(f"# error x{row['Occurrences']}: {row['Method']} {row['Name']}: {row['Error'][:300]}")


if __name__ == "__main__":
    main(sys.argv[1])
