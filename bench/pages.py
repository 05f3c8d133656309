"""Time the public pages and the API over HTTP against the baseline app, in turns, in one run.

    make bench                               # export bench, load, then this at 20 000 claims
    make bench-pages BENCH_CLAIMS=1000000    # this alone, at 1M claims (issue 13's scale)

or directly, on a throwaway cluster:

    DEBUG=true scripts/with-postgres .venv/bin/python bench/pages.py --claims 100000

or make the data once in a lasting cluster and measure it again after each change (a migration
added since runs on it first):

    DEBUG=true scripts/with-postgres --data /tmp/bench-1m .venv/bin/python bench/pages.py \
        --claims 1000000 --data-only
    DEBUG=true scripts/with-postgres --data /tmp/bench-1m .venv/bin/python bench/pages.py --existing

It needs an empty PostgreSQL database in DATABASE_URL (scripts/with-postgres makes one). It
migrates, generates a batch of synthetic claims (``generate_synthetic_data``) and copies the
rows with SQL (``multiply`` from bench/export.py: actors, topics and sources are not copied, so
an actor's page and a topic's page grow with the copies), measuring on the way: at 10 000
claims, at 100 000 and at about ``--claims`` (the sizes below it; one size when it is 10 000 or
fewer). At each size it creates the baseline app's database in the same cluster with as many
claims (bench/baseline.py: ../shared/bench/baseline, a minimal Django page of 50 claims and a
naive DRF list), starts both under gunicorn with the same number of workers (``--workers``, 2),
ClaimTracker with production settings, and measures:

- latency: every public page type and API list, each baseline page and a static file, in
  interleaved rounds (``--repeat`` each, after one warm-up), so a slow moment of the machine
  falls on all alike; the median and the 95th percentile of each;
- after a write: each page again right after the record's revision changed (every kept page
  stale), ``BENCH_COLD_ROUNDS`` (5) times, once per worker: what the first readers wait (shown,
  not a goal);
- new searches: 20 words, each asked once of the search page and the API (shown);
- throughput: the home page against the baseline page, the API claim list against the naive DRF
  list, ``--clients`` concurrent clients for ``--seconds`` per turn, in turns A B A B;
- the peak resident memory of ClaimTracker's workers.

It prints the query plans of the home list and of the stamp query (and fails if the home list does
not use its index, ``claim_public_last_change``), then every query of every timed page and API
list with its plan, then every figure with its ratio to the baseline, then the goals of issue 13
one per line, and exits non-zero when one is missed. At each size: home throughput >= 1.0x the
baseline page, API list >= 2.0x the naive list, every page's and API list's p95 <= 3x the
baseline page's median, peak memory < 150 MB, and no page's query reading a large table
(``LARGE_TABLE_ROWS``, 10 000 rows) with a sequential scan. From the first size to the last:
each page's median grows at most 1.25x (``check_growth`` says how), and peak memory from 100 000
claims on stays within 10%.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import math
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command, get_commands  # noqa: E402
from django.db import connection, connections, reset_queries  # noqa: E402
from django.db.models import Count, QuerySet  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import baseline  # noqa: E402
from bench.export import multiply, server  # noqa: E402
from claimtracker.claims import planner  # noqa: E402
from claimtracker.claims.models import Actor, Claim, Topic, revision  # noqa: E402
from claimtracker.claims.selectors import claim_cards  # noqa: E402
from claimtracker.seeding.synthetic import generate_synthetic_data  # noqa: E402
from claimtracker.web.caching import stamp_query  # noqa: E402
from claimtracker.web.filters import ClaimListFilter  # noqa: E402

LIST_INDEX = "claim_public_last_change"
PAGE_SIZE = 20  # HomeView.paginate_by
API_CLAIMS = "/api/v1/claims/"
API_LISTS = ["claims", "statements", "actors", "evidence", "topics", "sources", "status-changes"]
# What each timed address is: a public page or an API list (held to the goals), the baseline
# app's, or another reference (a static file, robots.txt).
PAGE, API, BASELINE, OTHER = "page", "api", "baseline", "other"
# Writes (revision bumps) after which every page is timed again, rendered afresh.
COLD_ROUNDS = int(os.environ.get("BENCH_COLD_ROUNDS", "5"))
# Words searched once each, from the most common down (shown: what a query no one asked costs).
NEW_QUERIES = 20
BASELINE_PAGE = "baseline: minimal Django page (50 rows)"
# Issue 13's goals: the home page and the API claim list against the baseline's, in throughput;
# every page's p95 against the baseline page's median; the workers' peak memory.
THROUGHPUT_GOALS = [1.0, 2.0]
P95_GOAL = 3.0
MEMORY_GOAL_MB = 150
# From the smallest size measured to the largest (10 000 to 1 000 000 claims), a page's median
# may grow this much; memory, from FLAT_MEMORY_FROM claims on, within MEMORY_FLAT_TOLERANCE.
GROWTH_GOAL = 1.25
FLAT_MEMORY_FROM = 100_000
MEMORY_FLAT_TOLERANCE = 1.10
# A table this large read whole by a page's query fails the run (claims, statements, evidence,
# status changes, history events and their links once the data is generated).
LARGE_TABLE_ROWS = 10_000
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


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
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, each app")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients, throughput")
    parser.add_argument(
        "--seconds",
        type=float,
        default=float(os.environ.get("BENCH_THROUGHPUT_SECONDS", "10")),
        help="seconds per throughput turn (two turns each)",
    )
    parser.add_argument(
        "--data-only",
        action="store_true",
        help="stop once the data is made (to time its making; the cluster is thrown away)",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the claims already in the database (a lasting cluster filled by an "
        "earlier --data-only run), after migrating it",
    )
    options = parser.parse_args()

    if connection.vendor != "postgresql":
        sys.exit("bench/pages.py needs PostgreSQL: run it through scripts/with-postgres.")

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if options.existing:
        # A migration since the data was made may have added what the planner should know of.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        claims = Claim.objects.count()
        if not claims:
            sys.exit("--existing: the database holds no claims; fill it with --data-only first.")
        print(f"Data: {claims} claims already there, analysed in {time.monotonic() - started:.0f}s")
        sizes = [claims]
    else:
        if Claim.objects.exists():
            sys.exit("The database already holds claims: use an empty one, or pass --existing.")
        sizes = sizes_to_measure(options.claims)
    runs = []
    for size in sizes:
        if not options.existing:
            grow_data(size, options.batch)
        if options.data_only:
            continue
        runs.append(measure_at(Claim.objects.count(), options))
    if options.data_only:
        return
    missed = []
    for run in runs:
        print(f"\n=== {run.claims} claims")
        print_table(run.results)
        print_after_writes(run.after_writes, run.results)
        print_after_writes(run.new_queries, run.results, "search, each word asked once")
        print_rates(run.rates)
        print(f"\nPeak resident memory of a ClaimTracker worker: {run.memory:.0f} MB")
        missed += check_goals(run, largest=run is runs[-1])
    missed += check_growth(runs)
    if missed:
        sys.exit(f"\n{len(missed)} goal(s) of issue 13 missed.")


def sizes_to_measure(claims: int) -> list[int]:
    """Where to measure on the way to ``claims``: at 10 000 (the goals' small size), 100 000
    (where memory must already be flat) and ``claims``, growing the same data between them."""
    return sorted({size for size in (10_000, 100_000) if size < claims} | {claims})


@dataclass
class Run:
    """What was measured at one size of the data."""

    claims: int
    results: list[dict[str, Any]]
    after_writes: dict[str, list[float]]
    new_queries: dict[str, list[float]]
    rates: list[dict[str, Any]]
    memory: float
    scans: dict[str, list[str]]


def measure_at(claims: int, options: argparse.Namespace) -> Run:
    """The baseline app with as many claims, both servers started afresh, every measure."""
    prepared = time.monotonic()
    baseline_url = baseline.prepare(claims)
    print(
        f"The baseline app as many (prepared in {time.monotonic() - prepared:.0f}s)\n",
        flush=True,
    )
    print_plans()
    ours = production_server(options.workers)
    theirs = baseline.baseline_server(baseline_url, options.workers)
    with ours as port, theirs as baseline_port:
        named = targets(port, baseline_port)
        scans = print_page_plans(named)
        results = measure(named, options.repeat, options.workers)
        after_writes = measure_after_writes(named, options.workers, COLD_ROUNDS)
        new_queries = measure_new_queries(port, NEW_QUERIES)
        rates = [
            turns(name, port, path, baseline_port, base, options.clients, options.seconds)
            for name, path, base in [
                ("home", reverse("web:home"), "/claims"),
                ("API claim list", API_CLAIMS, "/api/claims/"),
            ]
        ]
        memory = ours.peak_memory_mb()
    return Run(claims, results, after_writes, new_queries, rates, memory, scans)


def grow_data(claims_wanted: int, batch_size: int) -> None:
    """Generate a batch (when there is no data yet) and copy what there is until there are
    about ``claims_wanted`` claims, then analyse."""
    started = time.monotonic()
    have = Claim.objects.count()
    if not have:
        have = min(batch_size, claims_wanted)
        generate_synthetic_data(claims=have, seed=1)
    generated = time.monotonic()
    multiply(max(1, math.ceil(claims_wanted / have)))
    if "rebuild_claim_counts" in get_commands():
        # The copies skip triggers (bench/export.py, multiply), the counters' among them.
        call_command("rebuild_claim_counts", verbosity=0)
    copied = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    claims = Claim.objects.count()
    analysed = time.monotonic()
    print(
        f"Data: {claims} claims, {Claim.objects.published().count()} published, in "
        f"{analysed - started:.0f}s: generated in {generated - started:.0f}s, copied "
        f"in {copied - generated:.0f}s, VACUUM ANALYZE {analysed - copied:.0f}s",
        flush=True,
    )


# What is timed


def targets(port: int, baseline_port: int) -> dict[str, dict[str, Any]]:
    """Name -> port, path, kind, expected status and extra headers; the baseline page first."""
    home_path = reverse("web:home")
    home = get(port, home_path)
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', home.body)
    if stylesheet is None:
        raise RuntimeError("the home page links no stylesheet to time as a static file")
    etag = home.headers.get("ETag")
    if not etag:
        raise RuntimeError("the home page sent no ETag")
    claim = Claim.objects.published().annotate(n=Count("statements")).order_by("-n", "pk").first()
    actor = Actor.objects.annotate(n=Count("statements")).order_by("-n", "pk").first()
    topic = Topic.objects.annotate(n=Count("claims")).order_by("-n", "pk").first()
    if claim is None or actor is None or topic is None:
        raise RuntimeError("no claim, actor or topic to time")
    words = word_counts()
    common = words.most_common(1)[0][0]
    # The claim's word found in the fewest claims of the sample: a search with few results.
    rare = min(re.findall(r"[A-Za-z]{5,}", claim.text), key=lambda word: words[word.lower()])
    search = reverse("web:search")

    def ours(path: str, kind: str = PAGE, **extra: Any) -> dict[str, Any]:
        return {"port": port, "path": path, "kind": kind, **extra}

    def base(path: str) -> dict[str, Any]:
        return {"port": baseline_port, "path": path, "kind": BASELINE}

    named = {
        BASELINE_PAGE: base("/claims"),
        "baseline: naive DRF list": base("/api/claims/"),
        "baseline: Django constant": base("/hello"),
        "static file": ours(stylesheet.group(1).decode(), kind=OTHER),
        "robots.txt": ours("/robots.txt", kind=OTHER),
        "home": ours(home_path),
        "home page 50": ours(f"{home_path}?page=50"),
        "home ?status=unconfirmed": ours(f"{home_path}?status=unconfirmed"),
        "home revalidated (304)": ours(home_path, status=304, headers={"If-None-Match": etag}),
        "claim": ours(claim.get_absolute_url()),
        "actor (most statements)": ours(actor.get_absolute_url()),
        "topic (most claims)": ours(topic.get_absolute_url()),
        f"search ?q={rare}": ours(f"{search}?q={rare}"),
        f"search ?q={common} (common)": ours(f"{search}?q={common}"),
        f"search ?q={common}, claims page 2": ours(f"{search}?q={common}&kind=claims&page=2"),
        "corrections": ours(reverse("web:corrections")),
        "status-change feed": ours(reverse("web:feed")),
        "sitemap": ours(reverse("site:sitemap")),
        f"API search ?q={rare}": ours(f"{API_CLAIMS}?q={rare}", kind=API),
    }
    for collection in API_LISTS:
        named[f"API {collection} list"] = ours(f"/api/v1/{collection}/", kind=API)
    return named


def word_counts() -> collections.Counter[str]:
    """In how many claim texts of a sample each word appears: the most common one is a search
    that matches nearly every row."""
    words: collections.Counter[str] = collections.Counter()
    # By key: the generated batch's own claims, each text once (the copies repeat them, and the
    # model's order puts hundreds of copies of one claim first).
    for text in Claim.objects.published().order_by("pk").values_list("text", flat=True)[:500]:
        words.update({word.lower() for word in re.findall(r"[A-Za-z]{4,}", text)})
    return words


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


def measure(named: dict[str, dict[str, Any]], repeat: int, workers: int) -> list[dict[str, Any]]:
    """Each target warmed up in every worker and its status checked, then ``repeat`` rounds,
    interleaved so that a slow moment of the machine falls on every target alike. (What the
    first reader in each worker waits is ``measure_after_writes``'s.)"""
    for target in named.values():
        warm_up(target, workers)
    times: dict[str, list[float]] = {name: [] for name in named}
    for _round in range(repeat):
        for name, target in named.items():
            started = time.perf_counter()
            response = get(target["port"], target["path"], target.get("headers"))
            times[name].append(time.perf_counter() - started)
            if response.status != target.get("status", 200):
                raise RuntimeError(f"{target['path']}: HTTP {response.status}")
    baseline_median = statistics.median(times[BASELINE_PAGE])
    return [
        {
            "name": name,
            "kind": target["kind"],
            "median": statistics.median(times[name]),
            "p95": percentile(times[name], 95),
            "ratio": percentile(times[name], 95) / baseline_median,
            "floor": baseline_median,
        }
        for name, target in named.items()
    ]


def warm_up(target: dict[str, Any], workers: int) -> None:
    """Ask for ``target`` ``workers`` times at once, twice: a sync worker busy with one request
    (a first one, rendered afresh, is slow) cannot take another, so each worker gets one."""

    def ask(answers: list[int]) -> None:
        answers.append(get(target["port"], target["path"], target.get("headers")).status)

    for _twice in range(2):
        answers: list[int] = []
        threads = [threading.Thread(target=ask, args=(answers,)) for _worker in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if any(status != target.get("status", 200) for status in answers):
            raise RuntimeError(f"{target['path']}: HTTP {answers}")


def measure_after_writes(
    named: dict[str, dict[str, Any]], workers: int, rounds: int
) -> dict[str, list[float]]:
    """What the first readers after a write wait: each round changes the record's revision (as
    any write does, so every kept page is stale), then asks each of our pages ``workers`` times
    (each worker keeps its own pages; which worker answers is the server's choice). Shown, not
    held to a goal: a page is rendered afresh once per worker after each write."""
    times: dict[str, list[float]] = {
        name: [] for name, target in named.items() if target["kind"] in (PAGE, API)
    }
    for _round in range(rounds):
        with connection.cursor() as cursor:
            # What a write's trigger does (claims/models/revision.py), without changing a record.
            cursor.execute(
                f"UPDATE {revision.TABLE} SET revision = revision + 1, "  # noqa: S608 - constants
                f"changed_at = now() WHERE id = {revision.ROW}"
            )
        for name in times:
            target = named[name]
            for _worker in range(workers):
                started = time.perf_counter()
                get(target["port"], target["path"], target.get("headers"))
                times[name].append(time.perf_counter() - started)
    return times


def measure_new_queries(port: int, count: int) -> dict[str, list[float]]:
    """Searches no one asked before: ``count`` words of the claims, each asked once of the
    search page and of the API, so no kept page answers them (shown, not a goal)."""
    # Not the most common word: the latency rounds asked that one already.
    words = [word for word, _claims in word_counts().most_common()][1 : count + 1]
    times: dict[str, list[float]] = {"search page, a new word": [], "API search, a new word": []}
    for word in words:
        for name, path in [
            ("search page, a new word", f"{reverse('web:search')}?q={word}"),
            ("API search, a new word", f"{API_CLAIMS}?q={word}"),
        ]:
            started = time.perf_counter()
            get(port, path)
            times[name].append(time.perf_counter() - started)
    return times


def print_after_writes(
    times: dict[str, list[float]],
    results: list[dict[str, Any]],
    title: str = "after a write (kept pages stale)",
) -> None:
    baseline = next(row["median"] for row in results if row["name"] == BASELINE_PAGE)
    print(f"\n{title:<40} {'median ms':>10} {'max ms':>10} {'max / baseline page median':>27}")
    for name, values in times.items():
        print(
            f"{name:<40} {statistics.median(values) * 1000:>10.1f} {max(values) * 1000:>10.1f} "
            f"{max(values) / baseline:>27.2f}"
        )


def percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(len(ordered) * percent / 100) - 1)]


def throughput(port: int, path: str, clients: int, seconds: float) -> tuple[int, float]:
    """Requests answered 200 by ``clients`` looping clients in ``seconds``, and the time taken."""
    deadline = time.monotonic() + seconds
    counts = [0] * clients

    def client(index: int) -> None:
        while time.monotonic() < deadline:
            if get(port, path).status == 200:
                counts[index] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), time.monotonic() - started


def turns(
    name: str,
    port: int,
    path: str,
    baseline_port: int,
    baseline_path: str,
    clients: int,
    seconds: float,
) -> dict[str, Any]:
    """Throughput of ours and the baseline's, measured in turns A B A B."""
    totals = {"ours": [0, 0.0], "baseline": [0, 0.0]}
    for _turn in range(2):
        for side, (side_port, side_path) in {
            "ours": (port, path),
            "baseline": (baseline_port, baseline_path),
        }.items():
            done, took = throughput(side_port, side_path, clients, seconds)
            totals[side][0] += done
            totals[side][1] += took
    ours = totals["ours"][0] / totals["ours"][1]
    theirs = totals["baseline"][0] / totals["baseline"][1]
    return {"name": name, "ours": ours, "baseline": theirs, "ratio": ours / theirs}


def print_table(results: list[dict[str, Any]]) -> None:
    print(f"\n{'latency':<40} {'median ms':>10} {'p95 ms':>10} {'p95 / baseline page median':>27}")
    for row in results:
        print(
            f"{row['name']:<40} {row['median'] * 1000:>10.1f} {row['p95'] * 1000:>10.1f} "
            f"{row['ratio']:>27.2f}"
        )


def print_rates(rates: list[dict[str, Any]]) -> None:
    print(f"\n{'throughput':<40} {'ours req/s':>10} {'baseline':>10} {'ratio':>27}")
    for rate in rates:
        print(
            f"{rate['name']:<40} {rate['ours']:>10.1f} {rate['baseline']:>10.1f} "
            f"{rate['ratio']:>27.2f}"
        )


def check_goals(run: Run, largest: bool) -> list[str]:
    """Issue 13's goals at one size, each printed as met or missed; returns the missed ones.
    Throughput is held to its goals at the largest size only, as the issue sets them (at 1M
    claims); at smaller sizes it is shown."""
    goals = [
        (f"{name}: no sequential scan of a large table ({', '.join(tables) or 'none'})", not tables)
        for name, tables in run.scans.items()
    ]
    if largest:
        goals += [
            (f"{rate['name']} throughput >= {minimum}x the baseline's", rate["ratio"] >= minimum)
            for rate, minimum in zip(run.rates, THROUGHPUT_GOALS, strict=True)
        ]
    goals += [
        (f"{row['name']}: p95 <= {P95_GOAL}x the baseline page's median", row["ratio"] <= P95_GOAL)
        for row in run.results
        if row["kind"] in (PAGE, API)
    ]
    goals.append((f"peak worker memory < {MEMORY_GOAL_MB} MB", run.memory < MEMORY_GOAL_MB))
    return print_goals(f"Goals (issue 13) at {run.claims} claims", goals)


def check_growth(runs: list[Run]) -> list[str]:
    """From the smallest size to the largest: how much each page's median grew, and whether
    peak memory stays flat from ``FLAT_MEMORY_FROM`` claims on.

    Each median is taken as a multiple of the baseline page's median in its own run (so that a
    machine busier while one size was measured does not count), and a multiple under 1 counts
    as 1: a kept page answers in a millisecond or two at any size, where a tenth of a
    millisecond of noise would read as growth. Only what costs more than a minimal page can grow.
    """
    if len(runs) < 2:
        print("\nGrowth: one size measured (--existing, or a small --claims); nothing to compare.")
        return []
    first, last = runs[0], runs[-1]
    # The same targets in the same order at every size (a search's word may differ).
    before = dict(zip([row["name"] for row in last.results], first.results, strict=True))
    cold_before = dict(zip(last.after_writes, first.after_writes.values(), strict=True))
    print(
        f"\n{'growth of the median, ms':<40} {first.claims:>10} {last.claims:>10} "
        f"{'growth (x baseline page, >= 1)':>30}   after a write (shown): ms, ms, growth"
    )
    goals = []
    for row in last.results:
        if row["kind"] not in (PAGE, API):
            continue
        small, large = before[row["name"]], row
        growth = max(large["median"] / large["floor"], 1) / max(small["median"] / small["floor"], 1)
        cold_small = statistics.median(cold_before[row["name"]])
        cold_large = statistics.median(last.after_writes[row["name"]])
        print(
            f"{row['name']:<40} {small['median'] * 1000:>10.1f} {large['median'] * 1000:>10.1f} "
            f"{growth:>30.2f}   {cold_small * 1000:.1f}, {cold_large * 1000:.1f}, "
            f"{cold_large / cold_small:.2f}"
        )
        goals.append((f"{row['name']}: grows <= {GROWTH_GOAL}x", growth <= GROWTH_GOAL))
    flat = [run for run in runs if run.claims >= FLAT_MEMORY_FROM]
    memory = " -> ".join(f"{run.memory:.0f} MB at {run.claims}" for run in runs)
    print(f"\nPeak worker memory: {memory}")
    if len(flat) >= 2:
        limit = flat[0].memory * MEMORY_FLAT_TOLERANCE
        goals.append(
            (
                f"peak worker memory flat from {flat[0].claims} claims (<= {limit:.0f} MB)",
                all(run.memory <= limit for run in flat),
            )
        )
    return print_goals("Goals (issue 13), growth", goals)


def print_goals(title: str, goals: list[tuple[str, bool]]) -> list[str]:
    print(f"\n{title}:")
    for goal, met in goals:
        print(f"  {'met   ' if met else 'MISSED'} {goal}")
    return [goal for goal, met in goals if not met]


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


def large_tables() -> set[str]:
    """The tables the planner believes hold at least LARGE_TABLE_ROWS rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= %s",
            [LARGE_TABLE_ROWS],
        )
        return {row[0] for row in cursor.fetchall()}


def print_page_plans(named: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Every query of each of our pages and API lists, as the page runs it (in this process,
    through Django's test client), with its plan; returns, per page, the large tables some
    query of it reads with a sequential scan (issue 13: none may)."""
    large = large_tables()
    client = Client(HTTP_HOST="127.0.0.1")
    scans: dict[str, list[str]] = {}
    for name, target in named.items():
        if target["kind"] not in (PAGE, API) or target.get("status", 200) != 200:
            continue
        # The log keeps 9 000 queries at most, and making the data filled it: a full log has
        # nothing to capture.
        reset_queries()
        with contextlib.ExitStack() as stack:
            # Every connection: the router may send a page's reads to a replica's alias.
            captured = [
                stack.enter_context(CaptureQueriesContext(each)) for each in connections.all()
            ]
            response = client.get(target["path"])
        run = [query for queries in captured for query in queries.captured_queries]
        print(
            f"EXPLAIN, {name} ({target['path']}, HTTP {response.status_code}): {len(run)} queries",
            flush=True,
        )
        found: set[str] = set()
        for number, query in enumerate(run, start=1):
            sql = query["sql"]
            # A search query may come with its planner settings (``SET LOCAL …; SELECT …``).
            if not sql.lstrip().upper().startswith(("SELECT", "WITH", "SET LOCAL")):
                continue
            plan = explain_plain(sql)
            print(f"-- query {number}: {sql[:160]}{'...' if len(sql) > 160 else ''}\n{plan}")
            found |= {table for table in SEQ_SCAN.findall(plan) if table in large}
        print(flush=True)
        scans[name] = sorted(found)
    return scans


def explain_plain(sql: str) -> str:
    """The plan the planner chooses (no ANALYZE: at 1M rows a slow query would run again),
    under the planner settings the query was sent with, if any."""
    return "\n".join(row[0] for row in planner.explain(sql))


# The server


def production_server(workers: int) -> server:
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
    return server(environment, ready_path="/robots.txt", workers=workers)


if __name__ == "__main__":
    main()
