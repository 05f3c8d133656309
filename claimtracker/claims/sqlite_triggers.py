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
