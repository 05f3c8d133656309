"""Nobody can forge a log line: text a client sends (a username, a path) is written with its
control characters escaped, so each record stays on one line (claimtracker/logs.py)."""

import io
import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORGED = "x\nlocked out: username=admin"


@pytest.fixture
def log_output():
    """What the deployed console handler (settings.LOGGING) writes, as text."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    output = io.StringIO()
    previous = handler.setStream(output)
    yield output
    handler.setStream(previous)


def test_a_username_with_a_newline_is_logged_on_one_line_escaped(client, log_output, caplog):
    with caplog.at_level(logging.INFO, logger="claimtracker.security"):
        client.post(reverse("admin:login"), {"username": FORGED, "password": "wrong"})

    lines = log_output.getvalue().splitlines()
    failures = [line for line in lines if "failed login" in line]
    assert failures == [
        "failed login: username=x\\nlocked out: username=admin ip=127.0.0.1 path=/admin/login/"
    ]
    assert not any(line.startswith("locked out") for line in lines)
    # Every handler of the security logger gets the escaped text, not only the console.
    messages = [r.getMessage() for r in caplog.records if r.name == "claimtracker.security"]
    assert all("\n" not in message for message in messages)


def test_carriage_returns_escapes_and_line_separators_are_escaped(client, log_output):
    username = "a\rb\x1b[2Kc\u2028d\u202ee"

    client.post(reverse("admin:login"), {"username": username, "password": "wrong"})

    assert "username=a\\rb\\x1b[2Kc\\u2028d\\u202ee ip=" in log_output.getvalue()
