"""The record's revision: its one row, and the trigger that bumps it on every table of the record.

See claimtracker/claims/models/revision.py. The triggers are also (re)installed after every
``migrate``, so tables added by later migrations get theirs; installing them here makes this
migration complete on its own.
"""

from typing import Any

from django.db import migrations, models

from claimtracker.claims.models import revision


def create_row(apps: Any, schema_editor: Any) -> None:
    # The triggers would create it at the first write; the stamp reads it before any.
    schema_editor.execute(
        f"INSERT INTO {revision.TABLE} (id, revision, changed_at) "  # noqa: S608
        f"VALUES ({revision.ROW}, 0, clock_timestamp())"
    )


def uninstall(apps: Any, schema_editor: Any) -> None:
    for table in revision.revised_tables(apps):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {revision.TRIGGER} ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {revision.FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_public_list_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordRevision",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("revision", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "default_permissions": (),
                "constraints": [
                    models.CheckConstraint(condition=models.Q(id=1), name="one_revision")
                ],
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
        migrations.RunPython(revision.install, uninstall),
    ]
