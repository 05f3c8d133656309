"""Seal the history written before the hash chain existed (issue 11 §6, claims/chain.py).

Every status change and correction gets ``previous_hash`` and ``hash``, computed in chain order
(per claim, per corrected record, by id) with the same functions the services use, so that
``manage.py verify_history`` passes on existing databases.
"""

from collections import defaultdict
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from claimtracker.claims.chain import (
    correction_content,
    correction_target,
    entry_hash,
    status_change_content,
)


def _append_only_triggers(schema_editor: BaseDatabaseSchemaEditor, table: str) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
            "AND NOT tgisinternal AND tgname LIKE 'pgtrigger\\_append\\_only\\_%%'",
            [table],
        )
        return [name for (name,) in cursor.fetchall()]


def _set_triggers(
    schema_editor: BaseDatabaseSchemaEditor, table: str, names: list[str], action: str
) -> None:
    quote = schema_editor.quote_name
    for name in names:
        schema_editor.execute(f"ALTER TABLE {quote(table)} {action} TRIGGER {quote(name)}")


def seal_existing_history(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    StatusChange: Any = apps.get_model("claims", "StatusChange")
    StatusChangeEvidence: Any = apps.get_model("claims", "StatusChangeEvidence")
    Correction: Any = apps.get_model("claims", "Correction")
    tables = [StatusChange._meta.db_table, Correction._meta.db_table]
    # History is append-only, and its triggers refuse this one-off UPDATE of rows written
    # before hashes existed: they are switched off for it, which only the tables' owner may do
    # (migrations run as the owner; the application's role cannot). The migration is one
    # transaction: should it fail, the triggers are back on with everything else.
    triggers = {table: _append_only_triggers(schema_editor, table) for table in tables}
    for table in tables:
        _set_triggers(schema_editor, table, triggers[table], "DISABLE")

    cited: dict[int, list[int]] = defaultdict(list)
    for change_id, evidence_id in StatusChangeEvidence.objects.values_list(
        "status_change_id", "evidence_id"
    ):
        cited[change_id].append(evidence_id)
    previous_of: dict[Any, str] = {}
    for change in StatusChange.objects.order_by("claim_id", "pk").iterator(chunk_size=2000):
        previous = previous_of.get(change.claim_id, "")
        digest = entry_hash(previous, status_change_content(change, cited[change.pk]))
        StatusChange.objects.filter(pk=change.pk).update(previous_hash=previous, hash=digest)
        previous_of[change.claim_id] = digest

    previous_of = {}
    for correction in Correction.objects.order_by("pk").iterator(chunk_size=2000):
        record = correction_target(correction)
        previous = previous_of.get(record, "")
        digest = entry_hash(previous, correction_content(correction))
        Correction.objects.filter(pk=correction.pk).update(previous_hash=previous, hash=digest)
        previous_of[record] = digest

    for table in tables:
        _set_triggers(schema_editor, table, triggers[table], "ENABLE")


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_app_role")]

    operations = [migrations.RunPython(seal_existing_history, migrations.RunPython.noop)]
