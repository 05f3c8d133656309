"""Rebuilding the claim counters (``models.ClaimCount``) from the claims themselves.

Triggers keep the counters in every writing transaction; this is for after something they
cannot see (a restore of the table alone, a hand edit) and for checking them: it says how many
rows it changed. docs/development.md ("Counters").
"""

from __future__ import annotations

from django.db import connection, transaction

from claimtracker.claims.models import Claim, ClaimCount

# The same grouping as the filling query of migration 0011.
COUNTS = """
    SELECT NULL::bigint AS topic_id, status, count(*) AS claims FROM claims_claim
    WHERE published_at IS NOT NULL GROUP BY status
    UNION ALL
    SELECT link.topic_id, claim.status, count(*)
    FROM claims_claim AS claim JOIN claims_claim_topics AS link ON link.claim_id = claim.id
    WHERE claim.published_at IS NOT NULL GROUP BY link.topic_id, claim.status
"""


def claim_counts_rebuild() -> int:
    """Recompute every counter; returns how many (topic, status) counts were wrong or missing.

    Claims and their topic links are locked against writes (SHARE) meanwhile, so no write can
    fall between the count and its replacement; readers are not held up.
    """
    through = Claim.topics.through._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {Claim._meta.db_table}, {through} IN SHARE MODE")
        cursor.execute(COUNTS)
        right = {(topic, status): count for topic, status, count in cursor.fetchall()}
        stored = {(row.topic_id, row.status): row.claims for row in ClaimCount.objects.all()}
        wrong = {
            key for key in right.keys() | stored.keys() if right.get(key, 0) != stored.get(key, 0)
        }
        ClaimCount.objects.all().delete()
        ClaimCount.objects.bulk_create(
            ClaimCount(topic_id=topic, status=status, claims=count)
            for (topic, status), count in sorted(
                right.items(), key=lambda item: (item[0][0] or 0, item[0][1])
            )
        )
    return len(wrong)
