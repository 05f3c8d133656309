"""Machines see what readers see: withdrawals, corrections and the history's hashes are in the API
and the export files, for every kind of record a correction may be of."""

import json

import pytest
from django.core.cache import cache

from claimtracker.claims import services
from claimtracker.claims.models import ClaimStatus, Correction, Stance
from tests.factories import (
    ActorFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    StatementFactory,
    TopicFactory,
)

# The export reads through a connection of its own: rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Corrected after the publisher's own correction."


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The API's throttles count requests in the default cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def corrected(editor):
    """A published, refuted claim; one of its statements and its evidence withdrawn; and one
    correction of each kind of record: statement, evidence, claim, source, actor, topic."""
    speaker = ActorFactory(slug="corrected-speaker", primary_name__value="Nurlan Example")
    kept = StatementFactory(speaker=speaker, quote="Order was restored.")
    withdrawn = StatementFactory(quote="Nobody was hurt.")
    claim = ClaimFactory(slug="corrected-claim", statements=[kept, withdrawn])
    claim.topics.add(TopicFactory(slug="corrected-topic"))
    ruling = ClaimEvidenceFactory(
        claim=claim, evidence=EvidenceFactory(title="Ruling"), stance=Stance.CONTRADICTS
    ).evidence
    retracted = ClaimEvidenceFactory(
        claim=claim, evidence=EvidenceFactory(title="Retracted report"), stance=Stance.CONTEXT
    ).evidence
    for record in (ruling, retracted, claim):
        services.record_publish(by=editor, record=record)
    claim.refresh_from_db()
    services.claim_change_status(
        by=editor,
        claim=claim,
        new_status=ClaimStatus.REFUTED,
        expected_status="",
        reason="The court found live fire was used, and named those who fired.",
        evidence=[ruling],
    )
    services.record_withdraw(by=editor, record=withdrawn, note="The interview was staged.")
    services.record_withdraw(by=editor, record=retracted, note="Retracted by its publisher.")
    services.record_correct(by=editor, record=kept, changes={"place": "Almaty"}, note=NOTE)
    services.record_correct(by=editor, record=ruling, changes={"title": "The ruling"}, note=NOTE)
    services.claim_update(
        by=editor,
        claim=claim,
        changes={"text": "Order was restored by force."},
        correction_note=NOTE,
    )
    services.source_update(
        by=editor, source=kept.source, changes={"publisher": "Vlast.kz"}, correction_note=NOTE
    )
    services.actor_update(
        by=editor, actor=speaker, changes={"description": "A minister."}, correction_note=NOTE
    )
    services.topic_update(
        by=editor,
        topic=claim.topics.get(),
        changes={"description": "The January events."},
        correction_note=NOTE,
    )
    return {
        "claim": claim,
        "kept": kept,
        "withdrawn": withdrawn,
        "ruling": ruling,
        "retracted": retracted,
        "speaker": speaker,
    }


def get(client, path):
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 200, response.content
    return response.json()


def export(client, name):
    response = client.get(f"/api/v1/export/{name}.ndjson")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.split("\n")[:-1]]


def test_a_withdrawn_statement_and_evidence_are_flagged_wherever_the_api_shows_them(
    client, corrected
):
    withdrawn, retracted = corrected["withdrawn"], corrected["retracted"]

    statement = get(client, f"statements/{withdrawn.pk}/")
    assert statement["withdrawn_at"] is not None
    [withdrawal] = statement["corrections"]
    assert (withdrawal["kind"], withdrawal["note"]) == ("withdrawal", "The interview was staged.")
    assert get(client, f"evidence/{retracted.pk}/")["withdrawn_at"] is not None

    claim = get(client, "claims/corrected-claim/")
    flags = {item["id"]: item["withdrawn_at"] for item in claim["statements"]}
    assert flags[withdrawn.pk] is not None
    assert flags[corrected["kept"].pk] is None
    evidence = {
        link["evidence"]["id"]: link["evidence"]["withdrawn_at"] for link in claim["evidence"]
    }
    assert evidence[retracted.pk] is not None
    assert evidence[corrected["ruling"].pk] is None


def test_every_kind_of_record_lists_its_corrections_with_their_hashes(client, corrected):
    kept, speaker = corrected["kept"], corrected["speaker"]
    details = {
        "statement": f"statements/{kept.pk}/",
        "evidence": f"evidence/{corrected['ruling'].pk}/",
        "claim": "claims/corrected-claim/",
        "source": f"sources/{kept.source_id}/",
        "actor": f"actors/{speaker.slug}/",
        "topic": "topics/corrected-topic/",
    }

    for kind, path in details.items():
        corrections = get(client, path)["corrections"]
        assert [c["note"] for c in corrections] == [NOTE], kind
        [correction] = corrections
        assert correction["kind"] == "correction"
        assert correction["changes"], kind
        stored = Correction.objects.get(pk=correction["id"])
        assert (correction["previous_hash"], correction["hash"]) == (
            stored.previous_hash,
            stored.hash,
        )
        assert len(correction["hash"]) == 64


def test_a_status_change_carries_its_hash_in_the_api(client, corrected):
    [change] = get(client, "claims/corrected-claim/")["status_changes"]
    stored = corrected["claim"].status_changes.get()

    assert change["previous_hash"] == ""
    assert change["hash"] == stored.hash != ""
    assert get(client, f"status-changes/{stored.pk}/")["hash"] == stored.hash


def test_the_export_flags_withdrawals_and_lists_the_corrections_of_all_six_kinds(client, corrected):
    statements = {row["id"]: row for row in export(client, "statements")}
    evidence = {row["id"]: row for row in export(client, "evidence")}
    corrections = export(client, "corrections")

    assert statements[corrected["withdrawn"].pk]["withdrawn_at"].endswith("Z")
    assert statements[corrected["kept"].pk]["withdrawn_at"] is None
    assert evidence[corrected["retracted"].pk]["withdrawn_at"] is not None
    assert {row["record_type"] for row in corrections} == {
        "statement",
        "evidence",
        "claim",
        "source",
        "actor",
        "topic",
    }
    withdrawals = {
        (row["record_type"], row["record_id"]) for row in corrections if row["kind"] == "withdrawal"
    }
    assert withdrawals == {
        ("statement", corrected["withdrawn"].pk),
        ("evidence", corrected["retracted"].pk),
    }
    assert all(len(row["hash"]) == 64 for row in corrections)
    [change] = export(client, "status-changes")
    assert change["hash"] == corrected["claim"].status_changes.get().hash


def test_the_export_lists_only_published_sources_actors_and_topics(client, corrected):
    draft_actor = ActorFactory(slug="unpublished-actor")
    draft_topic = TopicFactory(slug="unpublished-topic")
    draft = StatementFactory(speaker=draft_actor)

    actors = {row["slug"] for row in export(client, "actors")}
    topics = {row["slug"] for row in export(client, "topics")}
    sources = {row["id"] for row in export(client, "sources")}

    assert "corrected-speaker" in actors
    assert draft_actor.slug not in actors
    assert "corrected-topic" in topics
    assert draft_topic.slug not in topics
    assert corrected["kept"].source_id in sources
    assert draft.source_id not in sources
