"""gunicorn, as deployed (from the project folder, so it reads gunicorn.conf.py), answers the
requests it refuses itself in the API's JSON error shape, readable cross-origin."""

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


@pytest.fixture
def gunicorn_socket(tmp_path):
    """A gunicorn serving ClaimTracker on a Unix socket; the requests here never reach Django."""
    path = tmp_path / "gunicorn.sock"
    environment = {**os.environ, "DEBUG": "true"}
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(GUNICORN),
            "claimtracker.wsgi",
            f"--bind=unix:{path}",
            "--workers=1",
            "--no-control-socket",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert path.exists(), "gunicorn did not start"
        yield path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def send(path: Path, request: bytes) -> tuple[str, dict[str, str], bytes]:
    with socket.socket(socket.AF_UNIX) as connection:
        connection.settimeout(30)
        connection.connect(str(path))
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)
    }
    return status, headers, body


def test_a_request_line_over_the_limit_is_a_json_414_readable_cross_origin(gunicorn_socket):
    address = "/api/v1/claims/?q=" + "a" * 5000

    status, headers, body = send(
        gunicorn_socket,
        f"GET {address} HTTP/1.1\r\nHost: localhost\r\nOrigin: https://newsroom.example\r\n\r\n".encode(),
    )

    assert status == "HTTP/1.1 414 URI Too Long"
    assert headers["content-type"] == "application/json"
    assert headers["access-control-allow-origin"] == "*"
    assert [error["code"] for error in json.loads(body)["errors"]] == ["uri_too_long"]
