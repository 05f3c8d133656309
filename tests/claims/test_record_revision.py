"""The record's revision moves with every write to the record, on every write path, and only then.

Public pages are validated by it (claimtracker/web/caching.py), so a table whose writes do not
bump it is a table whose changes a reader may not see: the first test names any such table.
"""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from claimtracker.claims import services
from claimtracker.claims.models import (
    ActorRelation,
    ClaimEvidence,
    ClaimStatus,
    RecordRevision,
    Topic,
    revision,
)
from tests.factories import ClaimEvidenceFactory, ClaimFactory, TopicFactory

pytestmark = pytest.mark.django_db

# Tables of the claims app whose writes need not bump the revision, and why.
NOT_REVISED = {
    # The revision itself.
    "claims_recordrevision": "the revision itself",
}


def exempt(model):
    # pghistory's event tables: rows are only written by pghistory's triggers, inside a write
    # to the tracked table, which bumps already (models/revision.py).
    return any(field.name == revision.EVENT_FIELD for field in model._meta.concrete_fields)


def current():
    return RecordRevision.objects.values_list("revision", flat=True).get()


def tables_with_the_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [revision.TRIGGER],
        )
        return {row[0] for row in cursor.fetchall()}


def test_every_table_of_the_record_has_the_revision_trigger():
    tables = {
        model._meta.db_table
        for model in apps.get_app_config("claims").get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and not exempt(model)
    }
    missing = tables - set(NOT_REVISED) - tables_with_the_trigger()

    assert not missing, (
        f"{sorted(missing)} lack the record revision trigger, so public pages would not see "
        "their changes: revision.install_after_migrate() adds it at every migrate unless "
        "revised_tables() leaves the table out (or add it to NOT_REVISED here, saying why)."
    )


def test_a_status_change_bumps_the_revision(fact_checker):
    claim = ClaimFactory()
    before = current()

    services.claim_change_status(
        by=fact_checker,
        claim=claim,
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason="Nothing confirms it: no investigation or court has found so.",
    )

    assert current() > before


def test_bulk_writes_and_many_to_many_rows_bump_the_revision():
    link = ClaimEvidenceFactory()
    topic = TopicFactory()

    before = current()
    ClaimEvidence.objects.filter(pk=link.pk).update(note="Read again.")
    after_update = current()
    link.claim.topics.add(topic)
    after_add = current()
    link.claim.topics.remove(topic)

    assert before < after_update < after_add < current()


def test_a_write_that_rolls_back_leaves_the_revision_as_it_was():
    topic = TopicFactory()
    before = RecordRevision.objects.get()

    with transaction.atomic():
        Topic.objects.filter(pk=topic.pk).update(description="Never committed.")
        assert current() > before.revision
        transaction.set_rollback(True)

    assert RecordRevision.objects.get().revision == before.revision
    assert RecordRevision.objects.get().changed_at == before.changed_at


def test_reading_the_record_does_not_bump_it(client):
    claim = ClaimFactory()
    before = current()

    client.get("/")
    client.get(claim.get_absolute_url())

    assert current() == before


def test_the_row_comes_back_if_it_was_deleted():
    # A test database's flush empties every table; the next write starts the count again.
    RecordRevision.objects.all().delete()

    TopicFactory()

    assert current() >= 1


def test_migrate_puts_back_a_trigger_that_went_missing():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {revision.TRIGGER} ON claims_topic")
    assert "claims_topic" not in tables_with_the_trigger()

    call_command("migrate", verbosity=0)

    assert "claims_topic" in tables_with_the_trigger()


def test_one_statement_bumps_once_however_many_rows_it_writes():
    for _ in range(3):
        ClaimEvidenceFactory()
    before = current()

    assert ClaimEvidence.objects.update(note="Read again.") == 3

    assert current() == before + 1


def test_truncate_bumps_the_revision():
    before = current()

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {ActorRelation._meta.db_table}")

    assert current() == before + 1
