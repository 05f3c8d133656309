"""make backup / make restore: a dump of a populated database comes back row for row.

These run the real scripts (scripts/backup and scripts/restore, as `make` does) against the test
database, so the data must be committed: every test here is transactional. The copy is
restored into a second database created on the same throwaway cluster and compared below the ORM,
table by table, so that ids, timestamps and the history tables count too.
"""

import os
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection
from psycopg import sql

from claimtracker.claims import services
from claimtracker.claims.models import Claim, ClaimStatus, StatusChange, StatusChangeEvidence
from claimtracker.seeding.reference import load_reference_case

SCRIPTS = settings.BASE_DIR / "scripts"
# Every table of the claims app, auth and the history must be among those compared, with rows.
MUST_HOLD_ROWS = {
    "claims_claim",
    "claims_statement",
    "claims_evidence",
    "claims_statuschange",
    "claims_statuschangeevidence",
    "auth_user",
    "auth_group",
}

Snapshot = dict[str, list[tuple[Any, ...]]]


def run(script: str, *args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/<script> as `make` would, against the given database."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    return subprocess.run(  # noqa: S603
        [str(SCRIPTS / script), *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def database_url(name: str) -> str:
    """A postgres:// URL for a database on the test database's server."""
    params = connection.settings_dict
    credentials = urllib.parse.quote(params["USER"] or "", safe="")
    if params["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(params["PASSWORD"], safe="")
    host = params["HOST"] or "localhost"
    port = f":{params['PORT']}" if params["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{urllib.parse.quote(name, safe='')}"


def snapshot(url: str) -> Snapshot:
    """Every row of every table in the public schema, plus each sequence's position."""
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        rows: Snapshot = {}
        for table in tables:
            # Rows come in no fixed order; sorting their text makes two copies comparable.
            result = db.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
            rows[table] = sorted(result.fetchall(), key=repr)
        rows["(sequences)"] = db.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        rows["(triggers)"] = db.execute(
            "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE NOT tgisinternal ORDER BY 1, 2"
        ).fetchall()
    return rows


def change_status(by: User, claim: Claim, new_status: str, reason: str) -> StatusChange:
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=claim.status,
        reason=reason,
        evidence=[link.evidence for link in claim.evidence_links.all()],
    )


@pytest.fixture
def populated(transactional_db: None, fact_checker: User) -> User:
    """The reference case plus a few status changes, committed; returns the fact-checker."""
    load_reference_case()
    unconfirmed = "Test data: nothing confirms this claim so far."
    for claim in Claim.objects.filter(status="").order_by("slug")[:2]:
        change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED, unconfirmed)
    disputed = Claim.objects.get(status=ClaimStatus.DISPUTED)
    refuted = "Test data: the evidence linked to it refutes it."
    change_status(fact_checker, disputed, ClaimStatus.REFUTED, refuted)
    return fact_checker


@pytest.fixture
def second_database(transactional_db: None) -> Iterator[str]:
    """An empty database on the same cluster, as a fresh CREATE DATABASE makes it; its URL."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def source_url(transactional_db: None) -> str:
    return database_url(connection.settings_dict["NAME"])


def test_a_restored_backup_holds_every_row_identical_and_history_still_refuses_edits(
    populated: User, source_url: str, second_database: str, tmp_path: Path
) -> None:
    backup = tmp_path / "claimtracker.dump"

    backed_up = run("backup", str(backup), database_url=source_url)
    assert backed_up.returncode == 0, backed_up.stderr
    restored = run("restore", str(backup), database_url=second_database)
    assert restored.returncode == 0, restored.stderr
    assert "the schema is current" in restored.stdout

    original, copy = snapshot(source_url), snapshot(second_database)
    assert {table for table, rows in original.items() if rows} >= MUST_HOLD_ROWS
    assert StatusChange.objects.count() >= 4
    assert StatusChangeEvidence.objects.exists()
    assert User.objects.exists()
    assert Group.objects.exists()
    assert copy.keys() == original.keys()
    for table in original:
        assert copy[table] == original[table], f"{table} differs after the restore"

    with psycopg.connect(second_database.replace("postgres://", "postgresql://", 1)) as db:
        for statement in (
            "UPDATE claims_statuschange SET reason = 'Rewritten.'",
            "DELETE FROM claims_statuschangeevidence",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="pgtrigger"), db.transaction():
                db.execute(statement)


def test_a_restore_refuses_a_database_that_is_not_empty_unless_forced(
    populated: User, source_url: str, second_database: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.dump", tmp_path / "second.dump"
    assert run("backup", str(first), database_url=source_url).returncode == 0
    assert run("restore", str(first), database_url=second_database).returncode == 0
    # A later change, then a later backup, which a second restore should bring over the first.
    claim = Claim.objects.get(slug="outside-terrorists-were-main-protagonists")
    change_status(
        populated, claim, ClaimStatus.PARTLY_CONFIRMED, "Test data: one part of it holds, one not."
    )
    assert run("backup", str(second), database_url=source_url).returncode == 0
    before = snapshot(second_database)

    refused = run("restore", str(second), database_url=second_database)

    assert refused.returncode == 1
    assert "is not empty" in refused.stderr
    assert "FORCE=1" in refused.stderr
    assert snapshot(second_database) == before

    # Forced, --clean drops each table (history and its triggers included) and restores it.
    forced = run("restore", str(second), "--force", database_url=second_database)

    assert forced.returncode == 0, forced.stderr
    assert snapshot(second_database) == snapshot(source_url) != before


def test_a_restore_refuses_a_file_that_is_not_a_postgresql_dump(
    transactional_db: None, second_database: str, tmp_path: Path
) -> None:
    not_a_dump = tmp_path / "notes.txt"
    not_a_dump.write_text("not a dump")

    refused = run("restore", str(not_a_dump), database_url=second_database)

    assert refused.returncode == 1
    assert "is not a PostgreSQL custom-format dump" in refused.stderr


def test_a_backup_refuses_a_database_it_cannot_dump_with_a_clear_message(tmp_path: Path) -> None:
    refused = run("backup", str(tmp_path / "x"), database_url="mysql://user@localhost/claims")

    assert refused.returncode == 1
    assert "PostgreSQL is ClaimTracker's only engine" in refused.stderr
    assert not (tmp_path / "x").exists()
