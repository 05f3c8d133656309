"""The baseline app of ../shared/bench/baseline beside ClaimTracker, on the same PostgreSQL.

A minimal Django page of the 50 newest claims with their actor (``/claims``) and a naive DRF list
with a COUNT (``/api/claims/``), over as many claims as ClaimTracker's bench holds: what a good
enough Django page costs on this machine, so bench/pages.py states ClaimTracker's figures as
ratios to it, measured in turns in the same run (docs/development.md, Performance).
"""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
from django.db import connection

from bench.export import ROOT, server

BASELINE = ROOT.parent / "shared" / "bench" / "baseline"
DATABASE = "claimtracker_bench_baseline"


def database_url() -> str:
    """The baseline's own database in ClaimTracker's cluster, as a URL."""
    settings = connection.settings_dict
    host = settings["HOST"] or "localhost"
    if host.startswith("/"):  # a socket folder
        return f"postgresql://{settings['USER']}@/{DATABASE}?host={host}&port={settings['PORT']}"
    return f"postgresql://{settings['USER']}:{settings['PASSWORD']}@{host}:{settings['PORT']}/{DATABASE}"


def prepare(claims: int) -> str:
    """Create the baseline's database afresh, migrate it and fill it with ``claims`` claims by
    1000 actors (its fill.sql); return its URL."""
    if not (BASELINE / "manage.py").exists():
        sys.exit(f"The baseline app is missing: expected it in {BASELINE}")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    url = database_url()
    environment = {**os.environ, **baseline_environment(url)}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASELINE,
        env=environment,
        check=True,
    )
    # fill.sql is written for psql (its :n variable); VACUUM needs autocommit.
    lines = (BASELINE / "fill.sql").read_text().splitlines()
    script = "\n".join(line for line in lines if not line.startswith("--"))
    statements = [part for part in script.replace(":n", str(claims)).split(";") if part.strip()]
    with psycopg.connect(url, autocommit=True) as baseline:
        for statement in statements:
            baseline.execute(statement)  # type: ignore[arg-type]  # the baseline's own SQL
    return url


def baseline_environment(url: str) -> dict[str, str]:
    # This process names ClaimTracker's settings; the baseline's processes must not inherit them.
    return {"BASELINE_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}


def baseline_server(url: str, workers: int) -> server:
    return server(
        baseline_environment(url),
        ready_path="/hello",
        app="bench.wsgi",
        cwd=BASELINE,
        workers=workers,
    )
