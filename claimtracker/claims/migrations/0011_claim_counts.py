"""Counters of published claims per status, in all and per topic, kept by triggers (issue 13).

Statement-level triggers with transition tables: a statement that writes a million claims (the
benchmark's SQL copies, a bulk import) adds its counts in one grouped upsert, not a million.
An update counts only the claims whose status or publication changed (published claims are never
unpublished, nor deleted: the publication triggers refuse it); links to topics count on every
insert and delete. Rows are added in (topic, status) order, so two writing
transactions take the counter rows' locks in the same order and cannot deadlock on them.
The filling ``INSERT`` at the end is ``manage.py rebuild_claim_counts``'s query.
"""

from django.db import migrations, models

UPSERT = """
    INSERT INTO claims_claimcount AS counted (topic_id, status, claims)
    SELECT topic_id, status, sum(delta) FROM ({rows}) AS deltas
    GROUP BY topic_id, status HAVING sum(delta) <> 0
    ORDER BY topic_id NULLS FIRST, status
    ON CONFLICT (topic_id, status) DO UPDATE SET claims = counted.claims + EXCLUDED.claims
"""

# A claim's published status, +1 for its new row and -1 for its old one, in all and per topic.
CLAIM_DELTAS = """
    WITH delta AS (
        SELECT id, {table_status}status, {sign} AS delta FROM {table}
        WHERE {table_status}published_at IS NOT NULL
        {more}
    )
    SELECT NULL::bigint AS topic_id, status, delta FROM delta
    UNION ALL
    SELECT link.topic_id, delta.status, delta.delta
    FROM delta JOIN claims_claim_topics AS link ON link.claim_id = delta.id
"""

LINK_DELTAS = """
    SELECT link.topic_id, claim.status, {sign} AS delta
    FROM {table} AS link JOIN claims_claim AS claim ON claim.id = link.claim_id
    WHERE claim.published_at IS NOT NULL
"""


def function(name: str, rows: str) -> str:
    return f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {UPSERT.format(rows=rows)};
            RETURN NULL;
        END $$;
    """


# Only the rows whose status or publication changed: an edit of a claim's text counts nothing.
CLAIM_CHANGED = CLAIM_DELTAS.format(
    sign="1",
    table="new_claims AS after JOIN old_claims AS before USING (id)",
    table_status="after.",
    more="""AND (after.status <> before.status OR before.published_at IS NULL)
        UNION ALL
        SELECT id, before.status, -1 FROM old_claims AS before JOIN new_claims AS after USING (id)
        WHERE before.published_at IS NOT NULL AND after.status <> before.status""",
)

FORWARD = [
    function(
        "claimcount_claims_inserted",
        CLAIM_DELTAS.format(sign="1", table="new_claims", table_status="", more=""),
    ),
    function("claimcount_claims_changed", CLAIM_CHANGED),
    function(
        "claimcount_claims_deleted",
        CLAIM_DELTAS.format(sign="-1", table="old_claims", table_status="", more=""),
    ),
    function("claimcount_links_inserted", LINK_DELTAS.format(sign="1", table="new_links")),
    function("claimcount_links_deleted", LINK_DELTAS.format(sign="-1", table="old_links")),
    """CREATE TRIGGER claimcount_inserted AFTER INSERT ON claims_claim
       REFERENCING NEW TABLE AS new_claims
       FOR EACH STATEMENT EXECUTE FUNCTION claimcount_claims_inserted()""",
    # No "OF status, published_at": PostgreSQL refuses a column list with transition tables.
    """CREATE TRIGGER claimcount_changed AFTER UPDATE ON claims_claim
       REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims
       FOR EACH STATEMENT EXECUTE FUNCTION claimcount_claims_changed()""",
    """CREATE TRIGGER claimcount_deleted AFTER DELETE ON claims_claim
       REFERENCING OLD TABLE AS old_claims
       FOR EACH STATEMENT EXECUTE FUNCTION claimcount_claims_deleted()""",
    """CREATE TRIGGER claimcount_inserted AFTER INSERT ON claims_claim_topics
       REFERENCING NEW TABLE AS new_links
       FOR EACH STATEMENT EXECUTE FUNCTION claimcount_links_inserted()""",
    """CREATE TRIGGER claimcount_deleted AFTER DELETE ON claims_claim_topics
       REFERENCING OLD TABLE AS old_links
       FOR EACH STATEMENT EXECUTE FUNCTION claimcount_links_deleted()""",
    # A link's claim or topic is never changed in place (Django deletes and inserts links);
    # refuse it rather than miscount.
    """CREATE OR REPLACE FUNCTION claimcount_links_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
           RAISE EXCEPTION 'a claim''s link to a topic is deleted and added, never changed';
       END $$""",
    """CREATE TRIGGER claimcount_links_fixed BEFORE UPDATE ON claims_claim_topics
       FOR EACH STATEMENT EXECUTE FUNCTION claimcount_links_fixed()""",
    # Fill from the claims already there: rebuild_claim_counts's query.
    """INSERT INTO claims_claimcount (topic_id, status, claims)
       SELECT NULL, status, count(*) FROM claims_claim
       WHERE published_at IS NOT NULL GROUP BY status
       UNION ALL
       SELECT link.topic_id, claim.status, count(*)
       FROM claims_claim AS claim JOIN claims_claim_topics AS link ON link.claim_id = claim.id
       WHERE claim.published_at IS NOT NULL GROUP BY link.topic_id, claim.status""",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS claimcount_inserted ON claims_claim",
    "DROP TRIGGER IF EXISTS claimcount_changed ON claims_claim",
    "DROP TRIGGER IF EXISTS claimcount_deleted ON claims_claim",
    "DROP TRIGGER IF EXISTS claimcount_inserted ON claims_claim_topics",
    "DROP TRIGGER IF EXISTS claimcount_deleted ON claims_claim_topics",
    "DROP TRIGGER IF EXISTS claimcount_links_fixed ON claims_claim_topics",
    "DROP FUNCTION IF EXISTS claimcount_claims_inserted()",
    "DROP FUNCTION IF EXISTS claimcount_claims_changed()",
    "DROP FUNCTION IF EXISTS claimcount_claims_deleted()",
    "DROP FUNCTION IF EXISTS claimcount_links_inserted()",
    "DROP FUNCTION IF EXISTS claimcount_links_deleted()",
    "DROP FUNCTION IF EXISTS claimcount_links_fixed()",
]


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0010_history_hashes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("status", models.CharField(blank=True, max_length=20)),
                ("claims", models.BigIntegerField(default=0)),
                (
                    "topic",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=models.DO_NOTHING,
                        related_name="+",
                        to="claims.topic",
                    ),
                ),
            ],
            options={
                "ordering": ["topic", "status"],
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("topic", "status"),
                        name="claimcount_one_per_scope",
                        nulls_distinct=False,
                    )
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
