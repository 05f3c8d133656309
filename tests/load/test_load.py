"""Readers and fact-checkers at once, against gunicorn with production settings (issue #6).

For 20 seconds, locust's anonymous readers read pages, search, feeds and the API (sometimes
conditionally) while fact-checkers post status changes to the same few claims with the status
they last saw. Afterwards: no answer was a server error; every write answered 201 is in the
history exactly once, as sent; every other write was refused as stale (409), throttled (429) or
for a documented reason (400); and every claim's history is one unbroken chain ending at its
current status. `make bench` runs the same for longer (bench/load.py).

gunicorn reads the test database over the network, so the data is committed
(``transactional_db``); Django's test runner empties it again afterwards.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from claimtracker.seeding.reference import load_reference_case
from tests.load import harness

USERS = 20
SECONDS = 20


def test_readers_and_fact_checkers_at_once_get_no_server_error_and_lose_no_write(
    transactional_db: None,
    role_groups: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_reference_case()
    call_command(
        "generate_synthetic_data", claims=50, seed=1, allow_without_debug=True, stdout=StringIO()
    )
    plan = harness.prepare(fact_checkers=6, write_claims=3)

    with harness.Server(tmp_path) as server:
        run = harness.run_locust(
            host=server.host,
            plan=plan.write(tmp_path / "plan.json"),
            workdir=tmp_path,
            users=USERS,
            spawn_rate=10,
            seconds=SECONDS,
        )
        log = server.log_tail()
    with capsys.disabled():  # for CI logs, pass or fail
        print("\n" + harness.summary(run, plan))

    found = harness.problems(run, plan)
    assert not found, "\n".join([*found, "gunicorn's log ends:", log])
    accepted = [write for write in run.writes if write["code"] == 201]
    # The run did what it is for: pages were read and writes went through alongside them.
    assert run.requests > 100
    assert len(accepted) > 10
