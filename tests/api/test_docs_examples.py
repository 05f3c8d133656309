"""Every curl example in docs/api.md runs as written against the reference case, over HTTP,
and gets the answer the guide documents.

An example's status is the one its comment gives (``# HTTP/1.1 304 Not Modified``, ``# 204 No
Content``), else the one the "Writing" table gives for its method and address, else 200. The
examples run in the order the guide gives them, on one database loaded as `make run` loads it.
Only what the guide marks as a placeholder is filled in: the host, the token (``Token …``,
created here for an editor), and the ETag a previous example received (``W/"3f1c…"``).
"""

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from knox.models import AuthToken

from claimtracker.seeding.reference import load_reference_case
from tests.factories import UserFactory

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
EXAMPLE_HOST = "https://claims.example.org"
STATUS_COMMENT = re.compile(r"^#\s*(?:HTTP/[\d.]+\s+)?(\d{3}) [A-Z]")


@dataclass
class Example:
    command: str
    line: int
    status: int | None = None
    method: str = "GET"
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    user: tuple[str, str] | None = None
    data: str | None = None

    def __str__(self):
        return f"docs/api.md:{self.line}: {self.command}"


def unfinished(command):
    """Whether the shell reads on: a final backslash, or a quote still open (a JSON body)."""
    if command.endswith("\\"):
        return True
    try:
        shlex.split(command)
    except ValueError:
        return True
    return False


def shell_lines(text):
    """(line number, command) of each shell block, a command's continuation lines joined."""
    inside, pending, start = False, "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            inside = line.strip() == "```sh"
            continue
        if not inside:
            continue
        if not pending:
            start = number
        pending += line if not pending.endswith("\\") else line.lstrip()
        if line.startswith("#") or not unfinished(pending):
            yield start, pending.strip()
            pending = ""
        elif pending.endswith("\\"):
            pending = pending[:-1]
        else:
            pending += "\n"


def parse(command, line):
    # A pipe only filters what curl prints (`| grep -i etag`): the request is before it.
    words = shlex.split(command.split(" | ")[0], comments=True)
    assert words[0] == "curl", command
    example = Example(command, line)
    options = iter(words[1:])
    for word in options:
        if word in {"-s", "-i", "-si"}:
            continue
        elif word == "-X":
            example.method = next(options)
        elif word == "-H":
            name, value = next(options).split(": ", 1)
            example.headers[name] = value
        elif word == "-u":
            username, password = next(options).split(":", 1)
            example.user = (username, password)
        elif word == "-d":
            example.data = next(options)
            if example.method == "GET":
                example.method = "POST"
        elif word.startswith(EXAMPLE_HOST):
            example.url = word
        else:
            raise AssertionError(f"docs/api.md:{line}: the test does not know curl's {word}")
    return example


def examples(text):
    found = []
    for line, command in shell_lines(text):
        if command.startswith("curl "):
            found.append(parse(command, line))
        elif found and found[-1].status is None and (status := STATUS_COMMENT.match(command)):
            found[-1].status = int(status[1])
    return found


def documented_writes(text):
    """(method, address pattern, status) of each row of the "Writing" table."""
    rows = re.findall(r"^\| `(GET|POST|DELETE) (/api/v1/[^`]+)` \| [^|]+ \| `(\d{3})`", text, re.M)
    writes = []
    for method, address, status in rows:
        pattern = re.escape(address)
        pattern = re.sub(r"\\\{([^}]+)\\\}", lambda m: f"({m[1].replace(',', '|')})", pattern)
        pattern = re.sub(r"<[^>]+>", "[^/]+", pattern)
        writes.append((method, re.compile(pattern + "$"), int(status)))
    return writes


def expected_status(example, writes):
    if example.status is not None:
        return example.status
    path = example.url.removeprefix(EXAMPLE_HOST).split("?")[0]
    for method, pattern, status in writes:
        if method == example.method and pattern.match(path):
            return status
    return 200


GUIDE_TEXT = GUIDE.read_text()


def test_the_guide_has_examples_of_reading_and_writing():
    methods = {example.method for example in examples(GUIDE_TEXT)}

    assert methods >= {"GET", "POST"}
    assert len(documented_writes(GUIDE_TEXT)) >= 8


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_every_curl_example_in_the_api_guide_gets_its_documented_answer(
    live_server, role_groups, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    load_reference_case()
    UserFactory(username="jane", role="journalist", password="password")
    editor = UserFactory(username="erlan-editor", role="editor")
    writes = documented_writes(GUIDE_TEXT)
    etag = None
    wrong = []
    for example in examples(GUIDE_TEXT):
        headers = dict(example.headers)
        if headers.get("Authorization", "").startswith("Token "):
            headers["Authorization"] = f"Token {AuthToken.objects.create(editor)[1]}"
        if "…" in headers.get("If-None-Match", ""):
            headers["If-None-Match"] = etag
        response = requests.request(
            example.method,
            example.url.replace(EXAMPLE_HOST, live_server.url),
            headers=headers,
            auth=example.user,
            data=example.data.encode() if example.data else None,
            timeout=30,
        )
        etag = response.headers.get("ETag", etag)
        if response.status_code != expected_status(example, writes):
            wrong.append(f"{example}\n  -> {response.status_code} {response.text[:300]}")

    assert not wrong, "\n".join(wrong)
