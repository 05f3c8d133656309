"""The load test's machinery, shared by tests/load/test_load.py (CI) and bench/load.py (longer).

``prepare`` creates fact-checker accounts with knox tokens and picks what the locust users read
and write; ``Server`` runs gunicorn with production settings on a free loopback port against the
database Django is connected to; ``run_locust`` runs tests/load/locustfile.py headless against
it; ``problems`` checks the run and the database afterwards; ``summary`` says what happened.

Both gunicorn and locust run in their own process group, and every way out of ``Server`` and
``run_locust`` (a failure or an interrupt included) ends the whole group.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from django.contrib.auth.models import Group, User
from django.db import connection
from knox.models import AuthToken

from claimtracker.claims.models import Actor, Claim, StatusChange, Topic
from claimtracker.claims.roles import GROUP_NAMES, Role, sync_role_groups

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
REFERENCE_CLAIM = "outside-terrorists-were-main-protagonists"
# The codes docs/api.md lists for a refused write that is the client's fault (400).
DOCUMENTED_400 = {"unknown_field", "required", "blank", "invalid", "does_not_exist", "parse_error"}
# As deployed, gunicorn sits behind a proxy that ends TLS and says so (SECURE_PROXY_SSL_HEADER):
# with it, plain HTTP on loopback is served as HTTPS, with every production redirect and refusal
# for plain HTTP left on. The locust users send it too.
BEHIND_TLS_PROXY = {"X-Forwarded-Proto": "https"}
SEARCH_TERMS = ["tokayev", "Тоқаев", "Токаев", "terrorists", "protest", "january", "synthetic"]


@dataclass
class Plan:
    """What the locust users read and write, and who writes."""

    claims: list[str]
    actors: list[str]
    topics: list[str]
    write_claims: list[str]
    tokens: list[str]
    user_ids: list[int]

    def write(self, path: Path) -> Path:
        data = {
            "claims": self.claims,
            "actors": self.actors,
            "topics": self.topics,
            "search_terms": SEARCH_TERMS,
            "write_claims": self.write_claims,
            "tokens": self.tokens,
        }
        path.write_text(json.dumps(data, ensure_ascii=False))
        return path


def prepare(*, fact_checkers: int, write_claims: int) -> Plan:
    """Fact-checker accounts with a token each, and the published records to read.

    The writers share a few claims (the reference claim first), so that they get in each
    other's way; readers read those among the rest, so caches see them change.
    """
    sync_role_groups()
    group = Group.objects.get(name=GROUP_NAMES[Role.FACT_CHECKER])
    tokens, user_ids = [], []
    for number in range(fact_checkers):
        user = User.objects.create_user(f"load-fact-checker-{number}", is_staff=True)
        user.groups.add(group)
        _instance, token = AuthToken.objects.create(user)
        tokens.append(token)
        user_ids.append(user.pk)
    published = Claim.objects.published()
    claims = list(published.order_by("pk").values_list("slug", flat=True)[:40])
    writes = [slug for slug in claims if slug == REFERENCE_CLAIM]
    writes += [slug for slug in claims if slug != REFERENCE_CLAIM][: write_claims - len(writes)]
    actors = Actor.objects.filter(statements__published_at__isnull=False).distinct()
    topics = Topic.objects.filter(claims__published_at__isnull=False).distinct()
    return Plan(
        claims=claims,
        actors=list(actors.order_by("pk").values_list("slug", flat=True)[:20]),
        topics=list(topics.order_by("pk").values_list("slug", flat=True)[:20]),
        write_claims=writes,
        tokens=tokens,
        user_ids=user_ids,
    )


def database_url() -> str:
    """The database this process uses (the test database under pytest), as a DATABASE_URL."""
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(settings['NAME'], safe='')}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def end_group(process: subprocess.Popen[Any], grace: float = 10) -> None:
    """Stop ``process`` and everything it started (its own process group)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


class Server:
    """gunicorn serving ClaimTracker with production settings, for the ``with`` block.

    Three sync workers, as docker-compose.yml deploys it, so that writes really run at the same
    time. Throttle rates are the defaults (600/min per user, 120/min anonymous, counted per
    worker as the cache is per process): the 429s they give are part of what is measured.
    """

    def __init__(self, workdir: Path, workers: int = 3, options: tuple[str, ...] = ()) -> None:
        self.workdir = workdir
        self.workers = workers
        self.options = options
        self.port = free_port()
        self.host = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "gunicorn.log"

    def environment(self) -> dict[str, str]:
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("API_THROTTLE_", "DJANGO_", "SECURE_", "LOAD_"))
            and name not in {"DEBUG", "ALLOWED_HOSTS", "SITE_URL", "CACHE_RELEASE"}
        }
        return {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "tests.load.settings",
            "DATABASE_URL": database_url(),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.host,
            "LOAD_STATIC_ROOT": str(self.workdir / "static"),
            "LOG_LEVEL": "WARNING",
        }

    def __enter__(self) -> Self:
        environment = self.environment()
        subprocess.run(  # noqa: S603
            [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
            cwd=ROOT,
            env=environment,
            check=True,
            timeout=120,
        )
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(BIN / "gunicorn"),
                    "claimtracker.wsgi",
                    f"--bind=127.0.0.1:{self.port}",
                    f"--workers={self.workers}",
                    "--log-level=warning",
                    # Its default path is shared by every gunicorn of this user (bench, CI).
                    "--no-control-socket",
                    *self.options,
                ],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self.wait_until_ready()
        except BaseException:
            end_group(self.process)
            raise
        return self

    def wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                probe = urllib.request.Request(  # noqa: S310 - our own http:// address
                    f"{self.host}/robots.txt", headers=BEHIND_TLS_PROXY
                )
                with urllib.request.urlopen(probe, timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {seconds} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def __exit__(self, *exc_info: object) -> None:
        end_group(self.process)


@dataclass
class Run:
    """One locust run: its stats and failures CSV rows, the writes and the status code tally."""

    users: int
    seconds: float
    stats: list[dict[str, str]]
    failures: list[dict[str, str]]
    writes: list[dict[str, Any]]
    codes: Counter[str]
    output: str
    returncode: int
    elapsed: float = 0.0
    user_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> dict[str, str]:
        return next(row for row in self.stats if row["Name"] == "Aggregated")

    @property
    def requests(self) -> int:
        return int(self.total["Request Count"])

    @property
    def requests_per_second(self) -> float:
        return float(self.total["Requests/s"])


def run_locust(
    *,
    host: str,
    plan: Path,
    workdir: Path,
    users: int,
    spawn_rate: int,
    seconds: int,
    classes: tuple[str, ...] = ("Reader", "FactChecker"),
    name: str = "load",
) -> Run:
    """Run the locustfile headless for ``seconds``; a hung run is killed after a minute more."""
    prefix = workdir / name
    writes, codes = workdir / f"{name}-writes.jsonl", workdir / f"{name}-codes.json"
    environment = {
        **os.environ,
        "LOAD_PLAN": str(plan),
        "LOAD_WRITES": str(writes),
        "LOAD_CODES": str(codes),
    }
    command = [
        str(BIN / "locust"),
        "--headless",
        "--locustfile",
        str(LOCUSTFILE),
        f"--users={users}",
        f"--spawn-rate={spawn_rate}",
        f"--run-time={seconds}s",
        # Users finish the request they are in, so every write's answer is logged.
        "--stop-timeout=10",
        f"--host={host}",
        "--only-summary",
        f"--csv={prefix}",
        "--loglevel=WARNING",
        *classes,
    ]
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=seconds + 60)
    finally:
        end_group(process)
    return Run(
        users=users,
        seconds=seconds,
        stats=read_csv(Path(f"{prefix}_stats.csv")),
        failures=read_csv(Path(f"{prefix}_failures.csv")),
        writes=[json.loads(line) for line in writes.read_text().splitlines()]
        if writes.exists()
        else [],
        codes=Counter(json.loads(codes.read_text())) if codes.exists() else Counter(),
        output=output,
        returncode=process.returncode,
        elapsed=time.monotonic() - started,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


# Checks


def problems(run: Run, plan: Plan) -> list[str]:
    """Everything wrong with the run: answers, refusals, and the status history afterwards."""
    return [*answer_problems(run), *write_problems(run, plan), *history_problems()]


def answer_problems(run: Run) -> list[str]:
    found = []
    if not run.stats:
        found.append(f"locust wrote no stats (exit {run.returncode}):\n{run.output[-3000:]}")
    for key, count in sorted(run.codes.items()):
        code = int(key.split()[-1])
        if code >= 500 or code == 0:
            found.append(f"{count} x {key}" + (" (no answer)" if code == 0 else ""))
    for row in run.failures:
        found.append(
            f"locust failure: {row['Method']} {row['Name']}: {row['Error']} "
            f"({row['Occurrences']} times)"
        )
    return found


def refusal_problem(write: dict[str, Any]) -> str | None:
    code, errors = write["code"], write.get("errors", [])
    if code == 201:
        return None if write.get("change_id") else "201 without a change id"
    if code == 409 and errors == ["stale_status"]:
        return None
    if code == 429 and errors == ["throttled"]:
        return None
    if code == 400 and errors and set(errors) <= DOCUMENTED_400:
        return None
    return f"refused with {code} {errors}"


def write_problems(run: Run, plan: Plan) -> list[str]:
    found = []
    for write in run.writes:
        if problem := refusal_problem(write):
            found.append(f"write {write}: {problem}")
    accepted = [write for write in run.writes if write["code"] == 201]
    ids = Counter(write.get("change_id") for write in accepted)
    found += [f"change id {id_} answered {n} times" for id_, n in ids.items() if n > 1]
    rows = {
        row.pk: row
        for row in StatusChange.objects.filter(recorded_by__in=plan.user_ids).select_related(
            "claim"
        )
    }
    if len(rows) != len(accepted):
        found.append(f"{len(accepted)} writes answered 201, {len(rows)} rows in history")
    for id_ in sorted(set(rows) - set(ids)):
        row = rows[id_]
        found.append(
            f"history row {id_} ({row.claim.slug}: {row.old_status!r} -> {row.new_status!r}) "
            "was never answered 201"
        )
    for write in accepted:
        recorded = rows.get(write["change_id"])
        if recorded is None:
            found.append(f"write {write} answered 201 but its row is not in history")
        elif (recorded.claim.slug, recorded.old_status, recorded.new_status) != (
            write["claim"],
            write["expected"],
            write["new"],
        ):
            found.append(
                f"write {write} recorded as {recorded.claim.slug}: "
                f"{recorded.old_status!r} -> {recorded.new_status!r}"
            )
    return found


def history_problems() -> list[str]:
    """Each claim's history is one chain, and its current status is where the chain ends."""
    found = []
    chains: dict[int, list[StatusChange]] = defaultdict(list)
    for change in StatusChange.objects.order_by("claim", "recorded_at", "pk"):
        chains[change.claim_id].append(change)
    for claim in Claim.objects.order_by("pk"):
        chain = chains.get(claim.pk, [])
        previous = ""
        for change in chain:
            if change.old_status != previous:
                found.append(
                    f"{claim.slug}: change {change.pk} goes from {change.old_status!r}, "
                    f"but the one before it ended at {previous!r}"
                )
            previous = change.new_status
        if claim.status != previous:
            found.append(f"{claim.slug}: status {claim.status!r}, history ends at {previous!r}")
        if [change.pk for change in chain] != sorted(change.pk for change in chain):
            found.append(f"{claim.slug}: history in time order is not in id order")
    return found


# Reporting


def summary(run: Run, plan: Plan) -> str:
    refusals = Counter(
        f"{write['code']} {','.join(write.get('errors', []))}"
        for write in run.writes
        if write["code"] != 201
    )
    accepted = sum(1 for write in run.writes if write["code"] == 201)
    total = run.total if run.stats else {}
    lines = [
        f"Load: {run.users} users for {run.seconds} s ({run.elapsed:.0f} s with start and stop), "
        f"{len(plan.tokens)} fact-checker accounts on {len(plan.write_claims)} claims",
        # Counted from the answers: locust's CSV is written before users in --stop-timeout finish.
        f"Requests: {sum(run.codes.values())} ({float(total.get('Requests/s', 0)):.1f}/s), "
        f"locust failures: {total.get('Failure Count', '?')}, "
        f"median {total.get('50%', '?')} ms, 95% {total.get('95%', '?')} ms, "
        f"max {float(total.get('Max Response Time', 0)):.0f} ms",
        "Answers: " + ", ".join(f"{key}: {n}" for key, n in sorted(run.codes.items())),
        f"Writes: {len(run.writes)} sent, {accepted} accepted (201), "
        f"{len(run.writes) - accepted} refused"
        + (
            " (" + ", ".join(f"{key}: {n}" for key, n in sorted(refusals.items())) + ")"
            if refusals
            else ""
        ),
    ]
    return "\n".join(lines)


def endpoint_table(run: Run) -> str:
    """Per address: requests, failures, median and 95th percentile response times."""
    lines = [f"{'address':<46} {'requests':>8} {'fail':>5} {'median':>7} {'95%':>7}  (ms)"]
    for row in run.stats:
        if row["Name"] != "Aggregated":
            name = f"{row['Type']} {row['Name']}"
            lines.append(
                f"{name:<46} {row['Request Count']:>8} {row['Failure Count']:>5} "
                f"{row['50%']:>7} {row['95%']:>7}"
            )
    return "\n".join(lines)
