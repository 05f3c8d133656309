"""Published means frozen: a published record changes only through a public correction, and
publishing a record publishes the drafts it cites with it (issue 11 §1 and §3)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import (
    Actor,
    ActorName,
    Claim,
    ClaimEvidence,
    Correction,
    Evidence,
    Source,
    Statement,
    Topic,
)
from tests.factories import (
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(write):
    with pytest.raises(IntegrityError, match="public correction"), transaction.atomic():
        write()


def published_claim(by, **kwargs):
    claim = ClaimFactory(**kwargs)
    return services.record_publish(by=by, record=claim)


# Publishing is coherent


def test_publishing_a_claim_publishes_every_draft_it_cites_together(fact_checker):
    topic = TopicFactory()
    statement = StatementFactory()
    claim = ClaimFactory(statements=[statement])
    claim.topics.add(topic)
    link = ClaimEvidenceFactory(claim=claim)

    drafts = services.drafts_published_with(claim)
    assert {type(draft) for draft in drafts} >= {Claim, Statement, Actor, Source, Topic}

    services.record_publish(by=fact_checker, record=claim)

    for record in [claim, statement, statement.speaker, statement.source, topic, link.evidence]:
        record.refresh_from_db()
        assert record.published_at is not None, record
        assert record.published_by == fact_checker
    # The actor's name cites a source: that source is public with the actor.
    name_source = ActorName.objects.get(actor=statement.speaker).source
    assert Source.objects.published().filter(pk=name_source.pk).exists()


def test_a_claim_without_a_statement_is_never_published(fact_checker):
    claim = ClaimFactory(statements=[])

    with pytest.raises(ValidationError) as refusal:
        services.record_publish(by=fact_checker, record=claim)

    assert refusal.value.code == "no_statement"
    claim.refresh_from_db()
    assert claim.published_at is None


def test_a_journalists_new_actor_stays_a_draft_until_something_citing_it_is_published(
    journalist, fact_checker
):
    statement = StatementFactory()
    assert not Actor.objects.published().filter(pk=statement.speaker_id).exists()

    services.record_publish(by=fact_checker, record=statement)

    assert Actor.objects.published().filter(pk=statement.speaker_id).exists()
    with pytest.raises(PermissionDenied):
        services.record_publish(by=journalist, record=StatementFactory())


# Published records change only through a correction


def test_a_published_claims_text_changes_only_with_a_public_note(editor):
    claim = published_claim(editor, text="Outside terrorists led the events.")

    with pytest.raises(ValidationError) as refusal:
        services.claim_update(by=editor, claim=claim, changes={"text": "Something else."})
    assert "correction_note" in refusal.value.message_dict
    claim.refresh_from_db()
    assert claim.text == "Outside terrorists led the events."

    services.claim_update(
        by=editor,
        claim=claim,
        changes={"text": "Outside terrorists were the main protagonists."},
        correction_note="The claim quoted the speech loosely.",
    )

    correction = Correction.objects.get(claim=claim)
    assert correction.note == "The claim quoted the speech loosely."
    assert correction.changes == [
        {
            "field": "text",
            "label": "text",
            "before": "Outside terrorists led the events.",
            "after": "Outside terrorists were the main protagonists.",
        }
    ]
    assert len(correction.hash) == 64


def test_unlinking_a_statement_from_a_published_claim_is_a_correction(editor):
    first, second = StatementFactory(quote="First."), StatementFactory(quote="Second.")
    claim = published_claim(editor, statements=[first, second])

    services.claim_update(
        by=editor,
        claim=claim,
        changes={"statements": [first]},
        correction_note="The second statement does not assert this claim.",
    )

    (change,) = Correction.objects.get(claim=claim).changes
    assert change["field"] == "statements"
    assert "Second." in change["before"]
    assert "Second." not in change["after"]


def test_a_journalist_cannot_correct_a_published_source(journalist, fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory())
    source = statement.source

    with pytest.raises(PermissionDenied):
        services.source_update(
            by=journalist, source=source, changes={"title": "New"}, correction_note="Typo."
        )

    services.source_update(
        by=fact_checker,
        source=source,
        changes={"title": "The corrected title"},
        correction_note="Typo in the title.",
    )
    correction = Correction.objects.get(source=source)
    assert correction.changes[0]["after"] == "The corrected title"


def test_a_name_added_to_a_published_actor_is_a_correction(fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory())
    actor = statement.speaker
    name = ActorName(value="Тоқаев", language="kk", script="Cyrl", source=SourceFactory())

    services.actor_update(
        by=fact_checker,
        actor=actor,
        changes={},
        names=services.RowEdits(added=[name]),
        correction_note="Added the Kazakh spelling.",
    )

    (change,) = Correction.objects.get(actor=actor).changes
    assert "Тоқаев" in change["after"]
    assert "Тоқаев" not in change["before"]
    # The new name's source is public with it.
    assert Source.objects.published().filter(pk=name.source_id).exists()


def test_a_correction_that_changes_nothing_is_refused(editor):
    topic = TopicFactory(name="Qandy Qantar")
    services.record_publish(by=editor, record=topic)

    with pytest.raises(ValidationError, match="Nothing to correct"):
        services.topic_update(
            by=editor, topic=topic, changes={"name": "Qandy Qantar"}, correction_note="No-op."
        )
    assert not Correction.objects.exists()


def test_evidence_a_status_change_cites_stays_linked(fact_checker):
    claim = ClaimFactory()
    link = ClaimEvidenceFactory(claim=claim, evidence=EvidenceFactory(), stance="contradicts")
    services.record_publish(by=fact_checker, record=claim)
    services.claim_change_status(
        by=fact_checker,
        claim=claim,
        new_status="disputed",
        expected_status="",
        reason="Observers and journalists who were there contest the claim in detail.",
        evidence=[Evidence.objects.get(pk=link.evidence_id)],
    )

    with pytest.raises(ValidationError, match="cites this evidence"):
        services.claim_evidence_delete(by=fact_checker, link=link, correction_note="Removing it.")
    with pytest.raises(IntegrityError, match="stays linked"), transaction.atomic():
        ClaimEvidence.objects.filter(pk=link.pk).delete()


# The database refuses what bypasses the services


def test_the_database_refuses_a_silent_edit_of_any_published_record(fact_checker):
    claim = published_claim(fact_checker)
    statement = claim.statements.get()
    topic = TopicFactory()
    services.record_publish(by=fact_checker, record=topic)

    refused_by_database(lambda: Claim.objects.filter(pk=claim.pk).update(text="Rewritten."))
    refused_by_database(lambda: Statement.objects.filter(pk=statement.pk).update(quote="No."))
    refused_by_database(
        lambda: Source.objects.filter(pk=statement.source_id).update(title="Rewritten")
    )
    refused_by_database(
        lambda: Actor.objects.filter(pk=statement.speaker_id).update(description="Rewritten")
    )
    refused_by_database(lambda: Topic.objects.filter(pk=topic.pk).update(name="Rewritten"))
    refused_by_database(
        lambda: ClaimEvidence.objects.create(
            claim=claim, evidence=EvidenceFactory(), stance="supports"
        )
    )
    refused_by_database(lambda: claim.statements.clear())
    refused_by_database(lambda: ActorName.objects.filter(actor=statement.speaker_id).delete())


def test_the_database_refuses_a_status_without_its_history(fact_checker):
    claim = published_claim(fact_checker)

    with pytest.raises(IntegrityError, match="recorded change"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(
            status="refuted", status_changed_at=claim.published_at
        )


def test_a_draft_is_edited_freely(journalist):
    claim = ClaimFactory()

    services.claim_update(by=journalist, claim=claim, changes={"text": "Rephrased draft."})

    claim.refresh_from_db()
    assert claim.text == "Rephrased draft."
    assert not Correction.objects.exists()


# In the admin


def test_the_admin_asks_for_the_note_and_publishes_the_correction(client, editor):
    claim = published_claim(editor, text="Before the correction.")
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])

    page = client.get(url)
    assert "Public correction note" in page.content.decode()

    form = {
        "slug": claim.slug,
        "text": "After the correction.",
        "statements": [str(pk) for pk in claim.statements.values_list("pk", flat=True)],
        "evidence_links-TOTAL_FORMS": "0",
        "evidence_links-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
        # The translations inline (issue 15), left empty.
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Write the public note" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.text == "Before the correction."

    saved = client.post(url, {**form, "correction_note": "The claim's wording was off."})
    assert saved.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "After the correction."
    assert Correction.objects.get(claim=claim).note == "The claim's wording was off."


def test_the_admin_publish_page_lists_the_drafts_and_publishes_them_together(client, editor):
    statement = StatementFactory(quote="Drafted words.")
    claim = ClaimFactory(statements=[statement], text="A drafted claim.")
    client.force_login(editor)
    url = reverse("admin:claims_claim_publish", args=[claim.pk])

    listing = client.get(url).content.decode()
    assert "A drafted claim." in listing
    assert "Drafted words." in listing
    assert str(statement.source) in listing

    assert client.post(url).status_code == 302
    statement.refresh_from_db()
    assert statement.published_at is not None


def test_a_journalist_sees_a_published_claim_read_only_in_the_admin(client, journalist, editor):
    claim = published_claim(editor)
    client.force_login(journalist)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))

    assert page.status_code == 200
    assert "Public correction note" not in page.content.decode()
    assert client.get(reverse("admin:claims_claim_publish", args=[claim.pk])).status_code == 403


# Through the API


def test_the_api_corrects_a_published_claim_and_refuses_a_silent_or_noteless_one(client, editor):
    from knox.models import AuthToken

    claim = published_claim(editor, text="The first wording.")
    _, token = AuthToken.objects.create(editor)
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    url = f"/api/v1/claims/{claim.slug}/corrections/"

    noteless = client.post(
        url, {"changes": {"text": "Quietly."}}, content_type="application/json", **auth
    )
    withdrawal = client.post(
        url, {"kind": "withdrawal", "note": "Withdrawn."}, content_type="application/json", **auth
    )
    corrected = client.post(
        url,
        {"changes": {"text": "The second wording."}, "note": "Reworded to match the speech."},
        content_type="application/json",
        **auth,
    )

    assert noteless.status_code == 400
    assert withdrawal.status_code == 400
    assert corrected.status_code == 201, corrected.content
    assert corrected.json()["note"] == "Reworded to match the speech."
    claim.refresh_from_db()
    assert claim.text == "The second wording."
    assert Correction.objects.filter(claim=claim).count() == 1
