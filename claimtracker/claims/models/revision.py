"""The record's revision: one row the database bumps on every write to a table of the record.

Public pages are validated by it (``claimtracker/web/caching.py``): reading one row is cheap
however large the record grows, where counting every table was not (42 ms a request at 20 000
claims). The bump is a trigger, not application code, so no write path can forget it: the ORM,
bulk ``update()`` and ``delete()``, raw SQL, the admin, a database shell.

One trigger per table, ``BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE``, once per statement (a
bulk update of 10 000 rows bumps once). BEFORE, so a statement takes the revision's row lock
before any row lock of its own: two writers then queue on the revision row instead of each
holding a row the other needs.

The bump is part of the writing transaction: a write that rolls back rolls its bump back too
(a sequence would not), and the new revision is visible exactly when the write is. The cost:
concurrent writing transactions serialize on this one row from their first write until they
commit. Curators' edits are few and short, so that is acceptable here; a bulk import holds it
for its whole transaction.

Which tables: every table of the ``claims`` app, many-to-many tables included, found from the
models at each ``migrate`` (``post_migrate`` below), so a table added later gets its trigger
without anyone remembering to add it. Left out: this table itself, and pghistory's event tables
(their rows are only written inside a write to a tracked table, which bumps already).
tests/claims/test_record_revision.py checks every other table has the trigger.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.signals import post_migrate

TABLE = "claims_recordrevision"
ROW = 1
# Marks the trigger on every table, and the function they run.
TRIGGER = "record_revision"
FUNCTION = "claims_bump_record_revision"
# A field only pghistory's event models have.
EVENT_FIELD = "pgh_created_at"


class RecordRevision(models.Model):
    """The one row (``id`` 1): how many writing statements the record has seen, and when the
    latest ran. Written only by triggers; read by ``caching.record_stamp``."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW)
    revision = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        default_permissions = ()
        constraints = [models.CheckConstraint(condition=models.Q(id=ROW), name="one_revision")]

    def __str__(self) -> str:
        return f"revision {self.revision} at {self.changed_at:%Y-%m-%d %H:%M:%S}"


def revised_tables(registry: Apps | None = None) -> list[str]:
    """The tables whose writes bump the revision (see the module docstring for the exceptions)."""
    tables = set()
    for model in (registry or apps).get_app_config("claims").get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table == TABLE:
            continue
        if any(field.name == EVENT_FIELD for field in meta.concrete_fields):
            continue
        tables.add(meta.db_table)
    return sorted(tables)


def trigger_statements(tables: list[str]) -> list[str]:
    # The upsert recreates the row if it is gone (a test database's flush truncates it);
    # GREATEST keeps ``changed_at`` from going back when a transaction that started earlier
    # commits later. Identifiers here come from model metadata, never from a request.
    statements = [
        f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {TABLE} (id, revision, changed_at) VALUES ({ROW}, 1, clock_timestamp())
            ON CONFLICT (id) DO UPDATE SET
                revision = {TABLE}.revision + 1,
                changed_at = GREATEST({TABLE}.changed_at, clock_timestamp());
            RETURN NULL;
        END $$"""  # noqa: S608
    ]
    statements += [
        f"CREATE OR REPLACE TRIGGER {TRIGGER} "
        f"BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        for table in tables
    ]
    return statements


def install(registry: Apps, schema_editor: Any) -> None:
    """Put the revision trigger on every revised table (idempotent); a migration operation."""
    install_on(schema_editor.connection, revised_tables(registry))


def install_on(connection: Any, tables: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in trigger_statements(tables):
            cursor.execute(statement)


def install_after_migrate(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    # After every migrate: tables added since the last one get their trigger.
    if sender.label != "claims":
        return
    registry: Apps = kwargs.get("apps") or apps
    try:
        registry.get_model("claims", "RecordRevision")
    except LookupError:  # migrated back to before the revision existed
        return
    install_on(connections[using], revised_tables(registry))


post_migrate.connect(install_after_migrate, dispatch_uid="claims_record_revision_triggers")
