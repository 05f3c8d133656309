"""Role groups get the task queue's permissions (claims/roles.py QUEUE_PERMISSIONS): fact-checkers
see the queue, editors also retry failed tasks."""

from typing import Any

from django.db import migrations

from claimtracker.claims import roles


def grant_queue(apps: Any, schema_editor: Any) -> None:
    roles.sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_public_archive_submission"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant_queue, migrations.RunPython.noop)]
