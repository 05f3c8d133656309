"""History is never rewritten, and nothing published is deleted: the database refuses.

Checked on the triggers django-pgtrigger installs, below the ORM as well as through it, since a
superuser with a database shell is the threat.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from claimtracker.claims import services
from claimtracker.claims.models import Claim, ClaimStatus, StatusChange, StatusChangeEvidence
from tests.factories import ClaimEvidenceFactory, ClaimFactory

pytestmark = pytest.mark.django_db

APPEND_ONLY = ["claims_statuschange", "claims_statuschangeevidence"]
PUBLISHABLE = ["claims_statement", "claims_claim", "claims_evidence"]


@pytest.fixture
def history(fact_checker):
    link = ClaimEvidenceFactory()
    return services.claim_change_status(
        by=fact_checker,
        claim=link.claim,
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason="No investigation or court has confirmed it yet.",
        evidence=[link.evidence],
    )


def refused(sql, params=()):
    """True when the database refuses the statement, as it would at the statement's commit.

    Foreign keys are checked at commit, which a test inside a transaction never reaches: check
    them at once instead (SET CONSTRAINTS).
    """
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_the_orm_cannot_update_or_delete_a_history_row(history):
    with pytest.raises(DatabaseError), transaction.atomic():
        StatusChange.objects.filter(pk=history.pk).update(reason="Rewritten.")
    with pytest.raises(DatabaseError), transaction.atomic():
        StatusChange.objects.filter(pk=history.pk).delete()
    history.refresh_from_db()
    assert history.reason == "No investigation or court has confirmed it yet."


def test_raw_sql_cannot_update_or_delete_a_history_row(history):
    assert refused(
        "UPDATE claims_statuschange SET new_status = 'confirmed' WHERE id = %s", [history.pk]
    )
    assert refused("UPDATE claims_statuschange SET recorded_by_id = recorded_by_id")
    assert refused("DELETE FROM claims_statuschange WHERE id = %s", [history.pk])
    assert StatusChange.objects.get(pk=history.pk).new_status == ClaimStatus.UNCONFIRMED


def test_the_evidence_a_change_cited_cannot_be_swapped_or_removed(history):
    assert refused("UPDATE claims_statuschangeevidence SET evidence_id = evidence_id")
    assert refused("DELETE FROM claims_statuschangeevidence")
    assert StatusChangeEvidence.objects.filter(status_change=history).count() == 1


def test_a_claim_with_history_cannot_be_deleted(history):
    assert refused("DELETE FROM claims_claim WHERE id = %s", [history.claim_id])
    assert Claim.objects.filter(pk=history.claim_id).exists()


def test_a_published_claim_is_never_deleted_nor_returned_to_draft(fact_checker):
    claim = services.record_publish(by=fact_checker, record=ClaimFactory())
    assert refused("DELETE FROM claims_claim WHERE id = %s", [claim.pk])
    assert refused("UPDATE claims_claim SET published_at = NULL, published_by_id = NULL")
    assert Claim.objects.published().filter(pk=claim.pk).exists()


def test_a_draft_claim_can_still_be_deleted():
    claim = ClaimFactory()
    claim.delete()
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_every_protective_trigger_exists_after_migrating():
    """Each protected table has each of its rules."""
    append_only = {(table, "append_only") for table in APPEND_ONLY}
    publication = {
        (table, rule)
        for table in PUBLISHABLE
        for rule in ("published_never_deleted", "published_never_unpublished")
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
        )
        triggers = cursor.fetchall()

    # pgtrigger names them pgtrigger_<rule>_<hash>.
    installed = {
        (table, rule)
        for table, name in triggers
        for rule in ("append_only", "published_never_deleted", "published_never_unpublished")
        if rule in name
    }
    assert append_only | publication <= installed
