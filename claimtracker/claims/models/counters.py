"""How many published claims hold each status, in all and under each topic: kept by triggers.

The home page's status tabs and page count, and a topic page's count, read these few rows
instead of counting a million claims per request. Triggers (migration 0011) keep them in the
claim's own transaction on every write path, the services, the admin, loaddata and the
benchmark's SQL copies alike; ``manage.py rebuild_claim_counts`` recomputes them from the
claims. docs/development.md ("Counters") explains the choice.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from claimtracker.claims.models.claims import NO_STATUS


class ClaimCountQuerySet(models.QuerySet[Any]):
    def by_status(self, topic: Any = None) -> dict[str, int]:
        """Published claims per status (``"none"`` for no status yet), all of them or those
        under ``topic``; statuses nobody holds are left out. One query of a few rows."""
        rows = self.filter(topic=topic) if topic is not None else self.filter(topic__isnull=True)
        return {
            status or NO_STATUS: count
            for status, count in rows.exclude(claims=0).values_list("status", "claims")
        }


class ClaimCount(models.Model):
    """Published claims with ``status`` ("" for none yet): all of them when ``topic`` is None,
    else those under ``topic``. Written only by triggers and ``rebuild_claim_counts``."""

    # No database constraint: the rows of a deleted (draft) topic are harmless, and one would
    # make the order in which Django deletes a topic's links and its counts matter.
    topic = models.ForeignKey(
        "claims.Topic",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    status = models.CharField(max_length=20, blank=True)
    claims = models.BigIntegerField(default=0)

    objects = ClaimCountQuerySet.as_manager()

    class Meta:
        default_permissions = ()
        ordering = ["topic", "status"]
        constraints = [
            # The triggers' upsert target; NULL (all claims) is one scope like any topic.
            models.UniqueConstraint(
                fields=["topic", "status"], name="claimcount_one_per_scope", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id or 'all'}/{self.status or 'none'}: {self.claims}"
