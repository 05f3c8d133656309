"""History anyone can verify: every status change and correction is hashed into its record's chain,
and ``manage.py verify_history`` names the first entry changed behind the application's back."""

from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from claimtracker.claims import services
from claimtracker.claims.chain import verify_history
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus, Correction, Stance, StatusChange
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ClaimEvidenceFactory, ClaimFactory, EvidenceFactory, StatementFactory

pytestmark = pytest.mark.django_db

REASON = "The court ruled otherwise, after hearing every witness."


def forge(model, pk, **values):
    """Rewrite a history row as only the tables' owner (or a superuser) could: switch the
    append-only trigger off, UPDATE, switch it back on."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        # ALTER TABLE refuses while rows of this transaction still await their deferred checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
            "AND tgname LIKE 'pgtrigger\\_append\\_only\\_%%'",
            [table],
        )
        [(trigger,)] = cursor.fetchall()
        cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')
        model.objects.filter(pk=pk).update(**values)
        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')


def verify():
    """Run the command; return its exit status and what it printed."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_history", stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def assessed_twice(fact_checker):
    """A published claim, disputed then refuted, citing published evidence."""
    evidence = EvidenceFactory()
    claim = ClaimFactory(statements=[StatementFactory(stated_on=PartialDate(2022, 1))])
    ClaimEvidenceFactory(claim=claim, evidence=evidence, stance=Stance.CONTRADICTS)
    services.record_publish(by=fact_checker, record=evidence)
    services.record_publish(by=fact_checker, record=claim)
    for status in (ClaimStatus.DISPUTED, ClaimStatus.REFUTED):
        claim.refresh_from_db()
        services.claim_change_status(
            by=fact_checker,
            claim=claim,
            new_status=status,
            expected_status=claim.status,
            reason=REASON,
            as_of=PartialDate(2024, 1, 11),
            evidence=[evidence],
        )
    return claim


def test_verify_history_passes_on_the_reference_case(role_groups):
    load_reference_case()
    changes = StatusChange.objects.count()
    assert changes >= 2

    status, out, err = verify()

    assert (status, err) == (0, "")
    assert f"status changes checked: {changes}" in out
    assert f"corrections checked: {Correction.objects.count()}" in out
    assert "Every chain is intact." in out


def test_each_status_change_chains_onto_the_claims_previous_one(assessed_twice):
    first, second = assessed_twice.status_changes.order_by("pk")

    assert first.previous_hash == ""
    assert second.previous_hash == first.hash
    assert len(second.hash) == 64
    assert verify_history().ok


def test_a_reason_rewritten_behind_the_applications_back_is_named(role_groups):
    load_reference_case()
    forged = StatusChange.objects.order_by("pk")[0]
    forge(StatusChange, forged.pk, reason="Confirmed by everyone, always.")

    status, _out, err = verify()

    assert status == 1
    assert f"status change {forged.pk} of claim {forged.claim_id}" in err
    assert "does not match its content" in err
    assert "1 chain(s) broken" in err


def test_an_entry_taken_out_of_its_chain_breaks_the_next_ones_link(assessed_twice):
    first, second = assessed_twice.status_changes.order_by("pk")
    forge(StatusChange, first.pk, claim=ClaimFactory(statements=[]))

    breaks = {found.entry_id: str(found) for found in verify_history().breaks}

    assert set(breaks) == {first.pk, second.pk}
    assert "previous_hash is not the hash of the entry before it" in breaks[second.pk]


def test_a_correction_note_rewritten_is_named_with_its_record(fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory(quote="Two."))
    services.record_correct(
        by=fact_checker, record=statement, changes={"quote": "Twenty."}, note="Misquoted."
    )
    withdrawal = services.record_withdraw(
        by=fact_checker, record=statement, note="The interview was staged."
    )
    first = statement.corrections.order_by("pk")[0]
    assert withdrawal.previous_hash == first.hash
    assert verify()[0] == 0

    forge(Correction, withdrawal.pk, note="Nothing to see.")

    status, _out, err = verify()
    assert status == 1
    assert f"correction {withdrawal.pk} of statement {statement.pk}" in err


def test_the_migration_seals_history_written_before_hashes_existed(assessed_twice, fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory(quote="Two."))
    services.record_correct(
        by=fact_checker, record=statement, changes={"quote": "Twenty."}, note="Misquoted."
    )
    for change in StatusChange.objects.all():
        forge(StatusChange, change.pk, previous_hash="", hash="")
    for correction in Correction.objects.all():
        forge(Correction, correction.pk, previous_hash="", hash="")
    assert not verify_history().ok
    migration = import_module("claimtracker.claims.migrations.0010_history_hashes")

    with connection.schema_editor() as editor:
        migration.seal_existing_history(apps, editor)

    assert verify_history().ok
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgtrigger\\_append\\_only\\_%%' "
            "AND tgrelid IN ('claims_statuschange'::regclass, 'claims_correction'::regclass) "
            "AND tgenabled = 'D'"
        )
        assert cursor.fetchone() == (0,), "the append-only triggers are on again"
