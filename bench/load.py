"""The load test of tests/load, longer and with more users, with a baseline from the same run.

    make bench                                   # with the export benchmark
    DEBUG=true scripts/with-postgres .venv/bin/python bench/load.py --users 60 --run-time 60

It needs an empty PostgreSQL database in DATABASE_URL (scripts/with-postgres makes one). It
migrates, loads the reference case and a synthetic batch, creates fact-checker accounts with
tokens, and starts gunicorn with production settings (tests/load/harness.py). Then:

1. the baseline: locust users fetching /robots.txt as fast as they can (one query per request);
2. the load: readers and fact-checkers (tests/load/locustfile.py) for ``--run-time`` seconds.

It prints the same summary as the test, requests/s of the load relative to the baseline (what
to compare between machines: absolute rates are this machine's, on a noisy day), and the same
checks; any problem (a 5xx, a lost or duplicated write, a broken history) exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from claimtracker.claims.models import Claim  # noqa: E402
from claimtracker.seeding.reference import load_reference_case  # noqa: E402
from tests.load import harness  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--run-time",
        type=int,
        default=int(os.environ.get("BENCH_LOAD_SECONDS", "60")),
        help="seconds of load (default 60, or $BENCH_LOAD_SECONDS)",
    )
    parser.add_argument(
        "--users",
        type=int,
        default=int(os.environ.get("BENCH_LOAD_USERS", "60")),
        help="locust users, a quarter of them fact-checkers (default 60, or $BENCH_LOAD_USERS)",
    )
    parser.add_argument("--baseline-time", type=int, default=15, help="seconds (default 15)")
    parser.add_argument("--claims", type=int, default=200, help="synthetic claims (default 200)")
    options = parser.parse_args()

    if connection.vendor != "postgresql":
        sys.exit("bench/load.py needs PostgreSQL: run it through scripts/with-postgres.")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if Claim.objects.exists():
        sys.exit("The database already holds claims: run the benchmark on an empty one.")
    load_reference_case()
    call_command(
        "generate_synthetic_data",
        claims=options.claims,
        seed=1,
        allow_without_debug=True,
        stdout=StringIO(),
    )
    plan = harness.prepare(fact_checkers=10, write_claims=3)
    print(f"Data: reference case + {options.claims} synthetic claims", end=" ")
    print(f"(prepared in {time.monotonic() - started:.0f} s)", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-load-") as directory:
        workdir = Path(directory)
        plan_file = plan.write(workdir / "plan.json")
        with harness.Server(workdir) as server:
            baseline = harness.run_locust(
                host=server.host,
                plan=plan_file,
                workdir=workdir,
                users=10,
                spawn_rate=10,
                seconds=options.baseline_time,
                classes=("RobotsReader",),
                name="baseline",
            )
            run = harness.run_locust(
                host=server.host,
                plan=plan_file,
                workdir=workdir,
                users=options.users,
                spawn_rate=max(10, options.users // 3),
                seconds=options.run_time,
            )
            log = server.log_tail()

    print(
        f"\nBaseline: GET /robots.txt, {baseline.users} users without pauses for "
        f"{baseline.seconds} s: {baseline.requests_per_second:.1f} requests/s"
    )
    print(harness.summary(run, plan))
    print(harness.endpoint_table(run))
    ratio = run.requests_per_second / baseline.requests_per_second
    print(f"Load / baseline: {ratio:.2f} of the requests/s of /robots.txt alone")
    found = harness.problems(run, plan) + harness.answer_problems(baseline)
    if found:
        print("\nPROBLEMS:\n" + "\n".join(found) + "\n\ngunicorn's log ends:\n" + log)
        sys.exit(1)
    print("No server error, every accepted write in history once, every history consistent.")


if __name__ == "__main__":
    main()
