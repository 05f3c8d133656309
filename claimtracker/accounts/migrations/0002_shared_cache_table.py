"""The cache table settings.CACHES names (API throttle counts shared by workers).

``createcachetable`` is idempotent and does nothing when the cache is not a DatabaseCache (as in
tests, which keep it in process memory).
"""

from django.apps.registry import Apps
from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def create_cache_table(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_role_policy_and_sessions")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
