"""Captures and quote checks bump the record's revision, like every table of the claims app.

Public pages show a source's archive state and are validated by the revision
(claimtracker/claims/models/revision.py): without the bump, a new capture would leave those
pages answering 304 with the old state.
"""

from typing import Any

from django.apps.registry import Apps
from django.db import migrations

from claimtracker.claims.models.revision import install_on

TABLES = ["archive_capture", "archive_quotecheck"]


def install(apps: Apps, schema_editor: Any) -> None:
    install_on(schema_editor.connection, TABLES)


def remove(apps: Apps, schema_editor: Any) -> None:
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS record_revision ON {table}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
