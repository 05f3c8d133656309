"""ClaimTracker through PgBouncer in transaction mode, as docker-compose.yml deploys it (issue 13).

PgBouncer (Debian's package, as compose/pgbouncer/Dockerfile installs it) is started by the
compose service's own entrypoint and configuration (compose/pgbouncer/), in front of the test
server. A command writes the reference case through it (the services' transactions, the
database's triggers, pghistory's transaction-local context), and gunicorn, with the app's only
database address pointing at it, serves pages, an API list, an export (its own REPEATABLE READ
transaction and COPY) and a feed.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from claimtracker.claims.models import Claim
from tests.load.harness import BEHIND_TLS_PROXY, BIN, ROOT, Server, end_group, free_port

ENTRYPOINT = ROOT / "compose" / "pgbouncer" / "entrypoint.sh"
SERVER_OWNER = os.environ.get("PG_SYSTEM_USER", "embedded_postgres")
PASSWORD = "pgbouncer-test-password"
SLUG = "outside-terrorists-were-main-protagonists"


def as_server_owner(command: list[str]) -> list[str]:
    # PgBouncer, like PostgreSQL, will not run as root.
    return ["runuser", "-u", SERVER_OWNER, "--", *command] if os.geteuid() == 0 else command


@pytest.fixture
def pgbouncer(transactional_db, role_groups) -> Iterator[str]:
    """PgBouncer in front of the test server; yields the test database's address through it."""
    if not shutil.which("pgbouncer"):
        pytest.fail("PgBouncer is missing: apt-get install pgbouncer (or run `make test`)")
    primary = connection.settings_dict
    folder = Path(tempfile.mkdtemp(prefix="claimtracker-pgbouncer-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_OWNER)
    port = free_port()
    environment = {
        "PATH": os.environ["PATH"],
        "DB_HOST": primary["HOST"],
        "DB_PORT": str(primary["PORT"]),
        "LISTEN_ADDR": "127.0.0.1",
        "LISTEN_PORT": str(port),
        "CONFIG_DIR": str(folder),
        "PGBOUNCER_USERS": f"{primary['USER']}:{PASSWORD}",
    }
    log = (folder / "pgbouncer.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - the compose service's own entrypoint
        as_server_owner([str(ENTRYPOINT)]),
        env=environment,
        cwd="/",
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process, folder / "pgbouncer.log")
        yield (
            f"postgres://{primary['USER']}:{PASSWORD}@127.0.0.1:{port}/"
            f"{urllib.parse.quote(primary['NAME'])}"
        )
    finally:
        end_group(process)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"PgBouncer exited:\n{log.read_text(errors='replace')}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"PgBouncer did not listen:\n{log.read_text(errors='replace')}")


class PooledServer(Server):
    """gunicorn whose only database address is PgBouncer's."""

    def __init__(self, workdir: Path, url: str) -> None:
        super().__init__(workdir, workers=2)
        self.url = url

    def environment(self) -> dict[str, str]:
        return {
            **super().environment(),
            "DATABASE_URL": self.url,
            "DATABASE_TRANSACTION_POOLING": "true",
            # Pooling is tested here, not throttling: counts another test's server left in the
            # shared cache table (its own run of many requests from 127.0.0.1) must not refuse
            # this test's export.
            "API_THROTTLE_ANON": "1000000/minute",
        }

    def get(self, path: str, data: bytes | None = None) -> tuple[int, str]:
        request = urllib.request.Request(  # noqa: S310 - our own http:// address
            f"{self.host}{path}", data=data, headers=BEHIND_TLS_PROXY
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def test_the_site_writes_serves_and_exports_through_pgbouncer_in_transaction_mode(
    pgbouncer, tmp_path
):
    environment = {
        **os.environ,
        "DATABASE_URL": pgbouncer,
        "DATABASE_TRANSACTION_POOLING": "true",
        "DEBUG": "true",
    }
    subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", "load_reference_case"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    published = Claim.objects.published().count()
    assert published == 7

    server = PooledServer(tmp_path, pgbouncer)
    with server:
        for _ in range(3):  # more requests than the two workers' first connections
            status, page = server.get(reverse("web:claim", args=[SLUG]))
            assert status == 200
            assert "outside terrorists" in page
        status, listing = server.get("/api/v1/claims/")
        assert status == 200
        assert len(json.loads(listing)["results"]) == published
        status, export = server.get("/api/v1/export/claims.csv")
        assert status == 200
        assert "outside-terrorists-were-main-protagonists" in export
        status, feed = server.get(reverse("web:feed"))
        assert status == 200
        assert "<feed" in feed
