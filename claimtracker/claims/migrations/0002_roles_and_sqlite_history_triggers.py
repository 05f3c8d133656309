from typing import Any

from django.db import migrations

from claimtracker.claims import roles


def create_role_groups(apps: Any, schema_editor: Any) -> None:
    roles.sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
    ]
