"""The append-only and publication rules as SQLite triggers, for the embedded default.

PostgreSQL gets these rules from django-pgtrigger (see the models' ``Meta.triggers``), which does
nothing on SQLite; these statements give a local SQLite database the same refusals.

Caution: when a later migration makes Django rebuild one of these tables on SQLite, the rebuild
drops its triggers. tests/claims/test_history_protection.py checks that they all exist after
migrating, so such a migration must call ``install`` again.
"""

from typing import Any

APPEND_ONLY = ["claims_statuschange", "claims_statuschangeevidence"]
PUBLISHABLE = ["claims_statement", "claims_claim", "claims_evidence"]


def trigger_statements() -> dict[str, str]:
    statements = {}
    for table in APPEND_ONLY:
        for operation in ("UPDATE", "DELETE"):
            name = f"{table}_append_only_{operation.lower()}"
            statements[name] = (
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {operation} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'History is append-only: {table} rows are never "
                f"changed or deleted.'); END"
            )
    for table in PUBLISHABLE:
        name = f"{table}_published_never_deleted"
        statements[name] = (
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE DELETE ON {table} "
            "WHEN OLD.published_at IS NOT NULL "
            "BEGIN SELECT RAISE(ABORT, 'Published records are never deleted: withdraw or "
            "correct them instead.'); END"
        )
        name = f"{table}_published_never_unpublished"
        statements[name] = (
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE UPDATE ON {table} "
            "WHEN OLD.published_at IS NOT NULL AND NEW.published_at IS NULL "
            "BEGIN SELECT RAISE(ABORT, 'Published records are never unpublished.'); END"
        )
    return statements


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in trigger_statements().values():
        schema_editor.execute(statement)


def uninstall(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in trigger_statements():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


# The record's revision (claimtracker/claims/models/revision.py): SQLite has only row triggers,
# so every row written bumps it. ``changed_at`` in the text form Django stores datetimes in.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def revision_statements(tables: list[str], revision_table: str, row: int) -> list[str]:
    # Identifiers come from model metadata, never from a request.
    bump = (
        f"INSERT OR IGNORE INTO {revision_table} (id, revision, changed_at) "  # noqa: S608
        f"VALUES ({row}, 0, {SQLITE_NOW}); "
        f"UPDATE {revision_table} SET revision = revision + 1, "
        f"changed_at = MAX(changed_at, {SQLITE_NOW}) WHERE id = {row};"
    )
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_record_revision_{operation.lower()} "
        f"AFTER {operation} ON {table} BEGIN {bump} END"
        for table in tables
        for operation in ("INSERT", "UPDATE", "DELETE")
    ]
