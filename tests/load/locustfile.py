"""Locust users for the load test (tests/load/test_load.py, bench/load.py).

- ``Reader``: an anonymous visitor. Reads the home page, claim, actor and topic pages, search,
  the API's claim list and details and the feeds; about a third of the time it sends back the
  validators it was given for that address (``If-None-Match``/``If-Modified-Since``).
- ``FactChecker``: a fact-checker's script with a knox token. It posts status changes to the same
  few claims as its colleagues, with the status it last saw as ``expected_status``: often just
  read, sometimes remembered from earlier on purpose, so that some are stale (409).
- ``RobotsReader``: GET /robots.txt alone, the cheapest page; bench/load.py's baseline.

Name the classes to run on the command line (``Reader FactChecker``, or ``RobotsReader``).

Everything a run needs comes from a JSON file named by ``LOAD_PLAN`` (tests/load/harness.py
writes it): the slugs to read, the claims to write to and the tokens. Each write is appended as
one JSON line to ``LOAD_WRITES``: claim, expected, new status, response code, error codes and
(on 201) the id of the change. Every response's status code is tallied into ``LOAD_CODES`` when
the run ends. Locust runs its users as greenlets of one process, so plain appends do not mix.

Expected answers are successes for locust (200, 304, 429 and, for writes, 201, 409 and 400);
anything else is a failure named ``HTTP <code>`` in its failures CSV. Whether each refused write
was refused for a documented reason is the harness's check, not locust's.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from locust import HttpUser, between, events, task
from locust.clients import ResponseContextManager

STATUSES = ["confirmed", "partly_confirmed", "unconfirmed", "disputed", "refuted"]
READ_CODES = {200, 304, 429}
WRITE_CODES = {201, 400, 409, 429}
# Server errors and connection failures would show up as codes here (0: no answer at all).
CODES: Counter[str] = Counter()


def load_plan() -> dict[str, Any]:
    path = os.environ.get("LOAD_PLAN")
    if not path:
        raise SystemExit("Set LOAD_PLAN to the plan file tests/load/harness.py writes.")
    plan: dict[str, Any] = json.loads(Path(path).read_text())
    return plan


PLAN = load_plan()
WRITES = Path(os.environ.get("LOAD_WRITES", os.devnull))
TOKENS = itertools.cycle(PLAN["tokens"] or [""])


def tally(
    request_type: str, name: str, response: Any = None, exception: Any = None, **_: Any
) -> None:
    code = getattr(response, "status_code", 0) or 0
    CODES[f"{request_type} {code}"] += 1


def write_codes(**_: Any) -> None:
    if target := os.environ.get("LOAD_CODES"):
        Path(target).write_text(json.dumps(dict(CODES), indent=1, sort_keys=True))


events.request.add_listener(tally)
events.quitting.add_listener(write_codes)


def judge(response: ResponseContextManager, expected: set[int]) -> None:
    if response.status_code in expected:
        response.success()
    else:
        response.failure(f"HTTP {response.status_code}")


class SiteUser(HttpUser):
    abstract = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # As from the TLS proxy in front of gunicorn in production: see tests/load/harness.py.
        self.client.headers["X-Forwarded-Proto"] = "https"


class Reader(SiteUser):
    weight = 3
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        # Validators per address, as a browser or a CDN keeps them.
        self.validators: dict[str, dict[str, str]] = {}

    def read(self, path: str, name: str) -> None:
        headers = {}
        if path in self.validators and random.random() < 0.35:  # noqa: S311
            headers = self.validators[path]
        expected = READ_CODES if headers else READ_CODES - {304}
        with self.client.get(path, name=name, headers=headers, catch_response=True) as response:
            judge(response, expected)
            if response.status_code == 200:
                sent = {
                    "If-None-Match": response.headers.get("ETag"),
                    "If-Modified-Since": response.headers.get("Last-Modified"),
                }
                self.validators[path] = {key: value for key, value in sent.items() if value}

    @task(3)
    def home(self) -> None:
        self.read("/", "/")

    @task(6)
    def claim_page(self) -> None:
        self.read(f"/claims/{random.choice(PLAN['claims'])}/", "/claims/[slug]/")  # noqa: S311

    @task(2)
    def actor_page(self) -> None:
        self.read(f"/actors/{random.choice(PLAN['actors'])}/", "/actors/[slug]/")  # noqa: S311

    @task(2)
    def topic_page(self) -> None:
        self.read(f"/topics/{random.choice(PLAN['topics'])}/", "/topics/[slug]/")  # noqa: S311

    @task(2)
    def search(self) -> None:
        term = random.choice(PLAN["search_terms"])  # noqa: S311
        self.read(f"/search/?q={quote(term)}", "/search/?q=[term]")

    @task(2)
    def api_claim_list(self) -> None:
        status = random.choice(["", "?status=refuted", "?page_size=20"])  # noqa: S311
        self.read(f"/api/v1/claims/{status}", "/api/v1/claims/")

    @task(4)
    def api_claim_detail(self) -> None:
        slug = random.choice(PLAN["claims"])  # noqa: S311
        self.read(f"/api/v1/claims/{slug}/", "/api/v1/claims/[slug]/")

    @task(1)
    def feeds(self) -> None:
        self.read("/feeds/status-changes/", "/feeds/status-changes/")

    @task(1)
    def claim_feed(self) -> None:
        self.read(f"/claims/{random.choice(PLAN['claims'])}/feed/", "/claims/[slug]/feed/")  # noqa: S311


def code(value: Any) -> str:
    """An enum field of the API: its code, whether given alone or with its label."""
    return str(value["code"]) if isinstance(value, dict) else str(value)


class FactChecker(SiteUser):
    weight = 1
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Token {next(TOKENS)}"
        # The status this fact-checker last saw on each claim ("" for none), and the evidence
        # linked to it: (id, stance) pairs, which a verdict must cite.
        self.seen: dict[str, str] = {}
        self.linked: dict[str, list[tuple[int, str]]] = {}

    def look(self, slug: str) -> None:
        with self.client.get(
            f"/api/v1/claims/{slug}/", name="/api/v1/claims/[slug]/ (token)", catch_response=True
        ) as response:
            judge(response, {200, 429})
            if response.status_code == 200:
                claim = response.json()
                self.seen[slug] = claim["status"] or ""
                self.linked[slug] = [
                    (link["evidence"]["id"], code(link["stance"])) for link in claim["evidence"]
                ]

    def basis(self, slug: str, status: str) -> list[int] | None:
        """The evidence a change to ``status`` cites, as the rules ask; None if the claim has
        none that fits (Disputed needs contradicting evidence, other verdicts any)."""
        linked = self.linked.get(slug, [])
        if status == "unconfirmed":
            return []
        if status == "disputed":
            fitting = [pk for pk, stance in linked if stance == "contradicts"]
        else:
            fitting = [pk for pk, _stance in linked]
        return fitting[:1] or None

    def change(self, slug: str) -> None:
        expected = self.seen[slug]
        choices = [
            status
            for status in STATUSES
            if status != expected and self.basis(slug, status) is not None
        ]
        new = random.choice(choices)  # noqa: S311
        body = {
            "new_status": new,
            "expected_status": expected,
            "reason": "Load test: a fact-checker's reassessment of the linked evidence.",
            "evidence": self.basis(slug, new),
        }
        with self.client.post(
            f"/api/v1/claims/{slug}/status-changes/",
            json=body,
            name="/api/v1/claims/[slug]/status-changes/",
            catch_response=True,
        ) as response:
            judge(response, WRITE_CODES)
            record = {"claim": slug, "expected": expected, "new": new, "code": response.status_code}
            try:
                answer = response.json()
            except ValueError:
                answer = {}
            if response.status_code == 201:
                record["change_id"] = answer.get("id")
                self.seen[slug] = new
            elif isinstance(answer, dict) and "errors" in answer:
                record["errors"] = [error.get("code") for error in answer["errors"]]
            with WRITES.open("a") as log:
                log.write(json.dumps(record) + "\n")

    @task(3)
    def read_then_change(self) -> None:
        slug = random.choice(PLAN["write_claims"])  # noqa: S311
        self.look(slug)
        if slug in self.seen:
            self.change(slug)

    @task(2)
    def change_from_memory(self) -> None:
        # What this fact-checker saw a while ago: colleagues may have changed it since (409).
        slug = random.choice(PLAN["write_claims"])  # noqa: S311
        if slug not in self.seen:
            self.look(slug)
        if slug in self.seen:
            self.change(slug)


class RobotsReader(SiteUser):
    """The baseline: the cheapest page the site serves, for requests/s on this machine."""

    wait_time = between(0.0, 0.0)

    @task
    def robots(self) -> None:
        with self.client.get("/robots.txt", catch_response=True) as response:
            judge(response, {200})
