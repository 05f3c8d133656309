"""A covering index on the claim-statement link by statement, then claim.

The actor page's tallies join an actor's statements to the claims they assert
(``statement_id`` → ``claim_id``). With only the one-column index on ``statement_id``, PostgreSQL
reads the whole link table and hashes it (a sequential scan of 416 000 rows at 200 000 claims,
for the actor with most statements); with ``(statement_id, claim_id)`` it looks each statement
up in the index alone. The link table is Django's own for ``Claim.statements``, so the index is
SQL of its own, not a model ``Meta.indexes`` entry.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0013_search_documents")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX claim_statements_statement_claim "
            "ON claims_claim_statements (statement_id, claim_id)",
            reverse_sql="DROP INDEX claim_statements_statement_claim",
        )
    ]
