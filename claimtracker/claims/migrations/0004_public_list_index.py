"""An index in the public claim list's order: newest change first, published claims only.

The expression is ``claims.models.claims.last_change()``, the one ``selectors.claim_cards``
orders by; written out here because a migration must not change when the model does. It is an
expression index with a condition.
"""

from django.db import migrations, models
from django.db.models.functions import Coalesce, Greatest


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                models.OrderBy(
                    Greatest(Coalesce("status_changed_at", "published_at"), "published_at"),
                    descending=True,
                ),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(published_at__isnull=False),
                name="claim_public_last_change",
            ),
        ),
    ]
