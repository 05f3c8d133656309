"""Time the public pages over HTTP against a static file served by the same server, in one run.

    make bench                               # export bench, then this at 20 000 claims
    make bench-pages BENCH_CLAIMS=100000     # this alone, at 100k claims (a few minutes)

or directly, on a throwaway cluster:

    DEBUG=true scripts/with-postgres .venv/bin/python bench/pages.py --claims 100000

It needs an empty PostgreSQL database in DATABASE_URL (scripts/with-postgres makes one). It
migrates, generates a batch of synthetic claims (``generate_synthetic_data``) and copies the
batch's rows with SQL until there are about ``--claims`` claims (``multiply`` from
bench/export.py: actors, topics and sources are not copied, so an actor's page and a topic's
page grow with the copies). Then it collects the static files and starts gunicorn with
production settings (``DEBUG=false``, the manifest static storage; one sync worker) and times,
interleaved, ``--repeat`` times each after one warm-up:

- the baseline: a static file (WhiteNoise, no database), the floor of a request to this server;
- /robots.txt: the smallest public page, so nearly all of its cost over the baseline is the
  record stamp (claimtracker/web/caching.py) and the database connection;
- the home page (page 1, page 50, filtered by status), a claim, the actor and the topic with the
  most statements, a search, the API's claim list, and the home page revalidated (304).

It prints each median and its ratio to the baseline (the ratios are what to compare between
machines), then the plans (EXPLAIN ANALYZE) of the home list's queries and of the stamp query,
and fails if the home list does not use its index (``claim_public_last_change``).
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, QuerySet  # noqa: E402

from bench.export import multiply, server  # noqa: E402
from claimtracker.claims.models import Actor, Claim, Topic  # noqa: E402
from claimtracker.claims.selectors import claim_cards  # noqa: E402
from claimtracker.seeding.synthetic import generate_synthetic_data  # noqa: E402
from claimtracker.web.caching import stamp_query  # noqa: E402
from claimtracker.web.filters import ClaimListFilter  # noqa: E402

LIST_INDEX = "claim_public_last_change"
PAGE_SIZE = 20  # HomeView.paginate_by


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims",
        type=int,
        default=int(os.environ.get("BENCH_CLAIMS", "20000")),
        help="about how many claims (default 20000, or $BENCH_CLAIMS)",
    )
    parser.add_argument(
        "--batch", type=int, default=2000, help="claims in the generated batch (default 2000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=int(os.environ.get("BENCH_PAGES_REPEAT", "20"))
    )
    options = parser.parse_args()

    if connection.vendor != "postgresql":
        sys.exit("bench/pages.py needs PostgreSQL: run it through scripts/with-postgres.")

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if Claim.objects.exists():
        sys.exit("The database already holds claims: run the benchmark on an empty one.")
    batch = min(options.batch, options.claims)
    generate_synthetic_data(claims=batch, seed=1)
    multiply(max(1, math.ceil(options.claims / batch)))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"Data: {Claim.objects.count()} claims, {Claim.objects.published().count()} published "
        f"(prepared in {time.monotonic() - started:.0f}s)\n",
        flush=True,
    )

    print_plans()
    with production_server() as port:
        results = measure(targets(port), port, options.repeat)
    print_table(results)


# What is timed


def targets(port: int) -> dict[str, dict[str, Any]]:
    """Name -> path, expected status and extra headers, the baseline first."""
    home = get(port, "/")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', home.body)
    if stylesheet is None:
        raise RuntimeError("the home page links no stylesheet to use as the baseline")
    etag = home.headers.get("ETag")
    if not etag:
        raise RuntimeError("the home page sent no ETag")
    claim = Claim.objects.published().annotate(n=Count("statements")).order_by("-n", "pk").first()
    actor = Actor.objects.annotate(n=Count("statements")).order_by("-n", "pk").first()
    topic = Topic.objects.annotate(n=Count("claims")).order_by("-n", "pk").first()
    if claim is None or actor is None or topic is None:
        raise RuntimeError("no claim, actor or topic to time")
    word = next(w for w in re.findall(r"[A-Za-z]{5,}", claim.text))
    return {
        "static file (baseline)": {"path": stylesheet.group(1).decode()},
        "robots.txt": {"path": "/robots.txt"},
        "home": {"path": "/"},
        "home page 50": {"path": "/?page=50"},
        "home ?status=unconfirmed": {"path": "/?status=unconfirmed"},
        "home revalidated (304)": {"path": "/", "status": 304, "headers": {"If-None-Match": etag}},
        "claim": {"path": claim.get_absolute_url()},
        "actor (most statements)": {"path": actor.get_absolute_url()},
        "topic (most claims)": {"path": topic.get_absolute_url()},
        f"search ?q={word}": {"path": f"/search/?q={word}"},
        "API claim list": {"path": "/api/v1/claims/"},
    }


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body


def get(port: int, path: str, headers: dict[str, str] | None = None) -> Response:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        client.request("GET", path, headers=headers or {})
        response = client.getresponse()
        return Response(response.status, dict(response.getheaders()), response.read())
    finally:
        client.close()


def measure(named: dict[str, dict[str, Any]], port: int, repeat: int) -> list[dict[str, Any]]:
    """Each target once to warm up and check its status, then ``repeat`` rounds, interleaved so
    that a slow moment of the machine falls on every target alike."""
    times: dict[str, list[float]] = {name: [] for name in named}
    for round_number in range(repeat + 1):
        for name, target in named.items():
            started = time.perf_counter()
            response = get(port, target["path"], target.get("headers"))
            elapsed = time.perf_counter() - started
            if response.status != target.get("status", 200):
                raise RuntimeError(f"{target['path']}: HTTP {response.status}")
            if round_number:
                times[name].append(elapsed)
    baseline = statistics.median(times[next(iter(named))])
    return [
        {
            "name": name,
            "path": target["path"],
            "median": statistics.median(times[name]),
            "ratio": statistics.median(times[name]) / baseline,
        }
        for name, target in named.items()
    ]


def print_table(results: list[dict[str, Any]]) -> None:
    print(f"\n{'page':<34} {'median (ms)':>11} {'x baseline':>10}")
    for row in results:
        print(f"{row['name']:<34} {row['median'] * 1000:>11.1f} {row['ratio']:>10.1f}")


# Query plans


def explain(sql_or_queryset: str | QuerySet[Any]) -> str:
    if isinstance(sql_or_queryset, str):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql_or_queryset}")
            return "\n".join(row[0] for row in cursor.fetchall())
    return str(sql_or_queryset.explain(analyze=True, buffers=True))


def print_plans() -> None:
    """The home list's queries as the home page runs them (IdsFirstPaginator: the page's ids,
    then the cards of those ids), and the stamp query; fail unless the list uses its index."""
    cards = claim_cards()
    unconfirmed = ClaimListFilter({"status": "unconfirmed"}, queryset=claim_cards()).qs
    plans = {
        "home page 1: the page's ids": cards.values("pk")[:PAGE_SIZE],
        "home page 50: the page's ids": cards.values("pk")[49 * PAGE_SIZE : 50 * PAGE_SIZE],
        "home page 1: the cards": cards.filter(pk__in=cards.values("pk")[:PAGE_SIZE]),
        "home ?status=unconfirmed: the page's ids": unconfirmed.values("pk")[:PAGE_SIZE],
        "the record stamp": stamp_query(),
    }
    for title, query in plans.items():
        plan = explain(query)
        print(f"EXPLAIN ANALYZE, {title}:\n{plan}\n", flush=True)
        if title.startswith("home page") and LIST_INDEX not in plan:
            raise SystemExit(f"The home list does not use {LIST_INDEX}: {title}")


# The server


def production_server() -> server:
    """gunicorn with production settings (no TLS proxy in front, so no HTTPS redirect)."""
    environment = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        # Production refuses to serve without it; only feed and sitemap addresses read it.
        "SITE_URL": "http://127.0.0.1",
    }
    # The manifest storage of production needs the collected files.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **environment},
        check=True,
    )
    return server(environment, ready_path="/robots.txt")


if __name__ == "__main__":
    main()
