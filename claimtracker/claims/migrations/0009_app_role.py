# The application's database role (issue 11 §5): a NOLOGIN group the web processes' logins are
# members of. Created here if missing; its grants are renewed after every migrate
# (claimtracker/claims/dbroles.py), so tables added later are covered.
from django.db import migrations

from claimtracker.claims import dbroles


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_published_is_frozen")]

    operations = [
        # Not dropped on the way back: a role belongs to the whole cluster, and other databases
        # (a restored copy, a staging one) may use it.
        migrations.RunSQL(sql=dbroles.create_app_role_sql(), reverse_sql=migrations.RunSQL.noop),
    ]
