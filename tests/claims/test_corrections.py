"""Corrections, not deletions: a published statement or evidence item changes only in public."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import Correction, CorrectionKind, Evidence, Statement
from claimtracker.claims.selectors import claim_cards
from tests.factories import ClaimEvidenceFactory, ClaimFactory, EvidenceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def published(by, record):
    return services.record_publish(by=by, record=record)


def snapshot():
    return (
        list(Statement.objects.order_by("pk").values()),
        list(Evidence.objects.order_by("pk").values()),
        list(Correction.objects.order_by("pk").values()),
    )


def test_a_correction_edits_the_record_and_records_before_and_after(fact_checker):
    statement = published(fact_checker, StatementFactory(quote="Twenty thousand.", place=""))

    correction = services.record_correct(
        by=fact_checker,
        record=statement,
        changes={"quote": "Twenty thousand terrorists.", "place": ""},
        note="The quote was cut short.",
    )

    statement.refresh_from_db()
    assert statement.quote == "Twenty thousand terrorists."
    assert correction.kind == CorrectionKind.CORRECTION
    assert correction.statement == statement
    assert correction.recorded_by == fact_checker
    # The unchanged field is left out; the text before is the database's.
    assert correction.changes == [
        {
            "field": "quote",
            "label": "quote",
            "before": "Twenty thousand.",
            "after": "Twenty thousand terrorists.",
        }
    ]


def test_a_correction_names_related_records_and_choices_in_words(editor):
    evidence = published(editor, EvidenceFactory(kind="reporting"))

    correction = services.record_correct(
        by=editor, record=evidence, changes={"kind": "court_ruling"}, note="It was a ruling."
    )

    assert correction.changes[0]["before"] == "Reporting"
    assert correction.changes[0]["after"] == "Court ruling"


def test_a_withdrawal_marks_the_record_and_keeps_it(fact_checker):
    evidence = published(fact_checker, EvidenceFactory())

    correction = services.record_withdraw(
        by=fact_checker, record=evidence, note="The report was retracted by its publisher."
    )

    evidence.refresh_from_db()
    assert evidence.is_withdrawn
    assert evidence.is_published
    assert correction.kind == CorrectionKind.WITHDRAWAL
    assert correction.changes == []


def test_withdrawn_records_no_longer_count_on_claim_cards(fact_checker):
    statement = StatementFactory()
    claim = ClaimFactory(statements=[statement])
    link = ClaimEvidenceFactory(claim=claim, stance="supports", evidence=EvidenceFactory())
    published(fact_checker, claim)  # with its statement and evidence
    statement.refresh_from_db()
    link.evidence.refresh_from_db()
    card: Any = claim_cards().get(pk=claim.pk)
    assert (card.statement_count, card.supporting_count) == (1, 1)

    services.record_withdraw(by=fact_checker, record=statement, note="Misattributed.")
    services.record_withdraw(by=fact_checker, record=link.evidence, note="Retracted.")

    card = claim_cards().get(pk=claim.pk)
    assert (card.statement_count, card.supporting_count, card.asserting) == (0, 0, [])


@pytest.mark.parametrize(
    ("who", "error"), [("journalist", PermissionDenied), ("outsider", PermissionDenied)]
)
def test_only_fact_checkers_and_editors_correct_and_the_refusal_changes_nothing(
    request, fact_checker, who, error
):
    statement = published(fact_checker, StatementFactory())
    user = request.getfixturevalue(who)
    before = snapshot()

    with pytest.raises(error):
        services.record_correct(by=user, record=statement, changes={"place": "X"}, note="N.")
    with pytest.raises(error):
        services.record_withdraw(by=user, record=statement, note="N.")

    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "note", "field"),
    [
        ({"place": "Astana"}, "   ", "note"),
        ({"published_at": None}, "Unpublish.", "published_at"),
        ({"created_by": None}, "Who?", "created_by"),
        ({"quote": "   "}, "Blank.", "__all__"),
    ],
)
def test_a_refused_correction_changes_nothing(fact_checker, changes, note, field):
    statement = published(fact_checker, StatementFactory())
    before = snapshot()

    with pytest.raises(ValidationError) as refused:
        services.record_correct(by=fact_checker, record=statement, changes=changes, note=note)

    assert field in refused.value.message_dict
    assert snapshot() == before


def test_a_correction_that_changes_nothing_is_refused(fact_checker):
    statement = published(fact_checker, StatementFactory(place="Astana"))
    before = snapshot()

    with pytest.raises(ValidationError, match="Nothing to correct"):
        services.record_correct(
            by=fact_checker, record=statement, changes={"place": "Astana"}, note="Same."
        )

    assert snapshot() == before


def test_drafts_are_edited_not_corrected_and_withdrawn_records_stay_withdrawn(fact_checker):
    draft = StatementFactory()
    withdrawn = published(fact_checker, StatementFactory())
    services.record_withdraw(by=fact_checker, record=withdrawn, note="Misattributed.")
    before = snapshot()

    with pytest.raises(ValidationError, match="draft"):
        services.record_withdraw(by=fact_checker, record=draft, note="N.")
    with pytest.raises(ValidationError, match="withdrawn"):
        services.record_correct(
            by=fact_checker, record=withdrawn, changes={"place": "X"}, note="N."
        )
    with pytest.raises(ValidationError, match="withdrawn"):
        services.record_withdraw(by=fact_checker, record=withdrawn, note="Again.")

    assert snapshot() == before


@pytest.mark.parametrize(
    "sql", ["UPDATE claims_correction SET note = 'x'", "DELETE FROM claims_correction"]
)
def test_the_database_refuses_to_rewrite_a_correction(fact_checker, sql):
    statement = published(fact_checker, StatementFactory())
    services.record_withdraw(by=fact_checker, record=statement, note="Misattributed.")
    before = snapshot()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)

    assert snapshot() == before


def test_the_database_refuses_to_restore_a_withdrawn_record(fact_checker):
    statement = published(fact_checker, StatementFactory())
    services.record_withdraw(by=fact_checker, record=statement, note="Misattributed.")
    before = snapshot()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE claims_statement SET withdrawn_at = NULL")

    assert snapshot() == before


# Through the admin


def test_the_change_form_of_a_published_statement_is_read_only_and_offers_correct(
    client, editor, fact_checker
):
    statement = published(fact_checker, StatementFactory(quote="Twenty thousand."))
    client.force_login(editor)

    page = client.get(reverse("admin:claims_statement_change", args=[statement.pk]))

    assert "quote" not in page.context["adminform"].form.fields
    assert reverse("admin:claims_statement_correct", args=[statement.pk]) in page.content.decode()


def test_the_admin_correct_form_requires_the_public_note(client, fact_checker):
    statement = published(fact_checker, StatementFactory(quote="Twenty thousand."))
    client.force_login(fact_checker)
    url = reverse("admin:claims_statement_correct", args=[statement.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(quote="Twenty thousand terrorists.", note="")
    before = snapshot()

    refused = client.post(url, data)

    assert refused.status_code == 200
    assert "note" in refused.context["form"].errors
    assert snapshot() == before

    data["note"] = "The quote was cut short."
    accepted = client.post(url, data)

    assert accepted.status_code == 302
    statement.refresh_from_db()
    assert statement.quote == "Twenty thousand terrorists."
    assert statement.corrections.get().note == "The quote was cut short."


def test_the_admin_withdraw_form_needs_a_note_and_a_fact_checker(client, journalist, fact_checker):
    evidence = published(fact_checker, EvidenceFactory())
    url = reverse("admin:claims_evidence_withdraw", args=[evidence.pk])
    before = snapshot()

    client.force_login(journalist)
    assert client.post(url, {"note": "Retracted."}).status_code == 403
    client.force_login(fact_checker)
    assert client.post(url, {"note": ""}).status_code == 200
    assert snapshot() == before

    assert client.post(url, {"note": "Retracted."}).status_code == 302
    evidence.refresh_from_db()
    assert evidence.is_withdrawn
