"""Bulk export: /api/v1/export/<collection>.ndjson and .csv.

The files must hold exactly the published rows the database holds, every field of them, in one
snapshot, streamed.
"""

import contextlib
import csv
import datetime
import io
import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from claimtracker.api.export import streaming
from claimtracker.api.export.collections import COLLECTIONS, utc_timestamp
from claimtracker.api.export.streaming import (
    APPLICATION_NAME,
    Snapshot,
    export_stream,
)
from claimtracker.archive.selectors import source_archive_state
from claimtracker.claims import services
from claimtracker.claims.chain import seal_correction, seal_status_change
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorKind,
    ActorName,
    ActorRole,
    Claim,
    ClaimEvidence,
    ClaimTranslation,
    ContradictionLink,
    Correction,
    CorrectionTranslation,
    Evidence,
    EvidenceTranslation,
    NameKind,
    QuoteMode,
    Script,
    Source,
    Statement,
    StatusChange,
    StatusChangeEvidence,
    StatusChangeTranslation,
    Topic,
    TopicName,
    TopicTranslation,
    TranslationOrigin,
)
from claimtracker.i18n.transliteration import to_kazakh_latin
from claimtracker.seeding.reference import load_reference_case
from claimtracker.seeding.synthetic import generate_synthetic_data
from tests.factories import ClaimFactory, EvidenceFactory, StatementFactory, UserFactory

# Commit each test's rows, for the export's own connection to see them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The API's throttles count requests in the default cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


EXPECTED = Path(__file__).parent / "export_expected"
# Everything a text can hold that an encoder might get wrong.
TRICKY = 'He said "no", \\ a backslash\nnew line\ttab\r\nCRLF; Ж Қ 😀 \x1f\u2028 \\.'


def export(client, name):
    """GET one export file; return the response and its whole body."""
    response = client.get(f"/api/v1/export/{name}")
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content)


def ndjson_records(body):
    lines = body.decode().split("\n")
    assert lines[-1] == "", "the file ends with a line break"
    return [json.loads(line) for line in lines[:-1]]


def csv_rows(body):
    return list(csv.reader(io.StringIO(body.decode(), newline="")))


def as_csv_text(value):
    """What a CSV cell holds for a value of an NDJSON record (the reader cannot tell "" from
    null; the committed expected files check which is which)."""
    if value is None:
        return ""
    return (
        value
        if isinstance(value, str)
        else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    )


def utc(value):
    return None if value is None else value.astimezone(datetime.UTC).isoformat()[:26] + "Z"


def iso(value):
    return None if value is None else value.isoformat()


def at(minute, microsecond=0):
    return datetime.datetime(2024, 1, 11, 9, minute, 0, microsecond, tzinfo=datetime.UTC)


# What each collection must hold, read from the database independently of the export's own
# definitions.


def expected_actors():
    return [
        {
            "id": actor.pk,
            "slug": actor.slug,
            "kind": actor.kind,
            "name": next((n.value for n in actor.names.all() if n.kind == "primary"), None),
            "description": actor.description,
            "names": [
                {
                    "value": n.value,
                    "language": n.language,
                    "script": n.script,
                    "kind": n.kind,
                    "source_id": n.source_id,
                }
                for n in actor.names.order_by("pk")
            ],
            "roles": [
                {
                    "id": r.pk,
                    "title": r.title,
                    "organisation_id": r.organisation_id,
                    "start": iso(r.start),
                    "end": iso(r.end),
                    "note": r.note,
                    "source_id": r.source_id,
                }
                for r in actor.roles.order_by("pk")
            ],
        }
        for actor in Actor.objects.filter(published_at__isnull=False).order_by("pk")
    ]


def expected_sources():
    return [
        {
            "id": s.pk,
            "title": s.title,
            "publisher": s.publisher,
            "author": s.author,
            "published_on": iso(s.published_on),
            "language": s.language,
            "url": s.url,
            "archive_url": s.archive_url,
            "accessed_on": iso(s.accessed_on),
            **expected_archive(s),
        }
        for s in Source.objects.filter(published_at__isnull=False).order_by("pk")
    ]


def expected_archive(source):
    """The archive columns, from the rule pages and the API use (archive.selectors)."""
    state = source_archive_state(source)
    latest = state.latest
    return {
        "archive_state": state.state,
        "archive_since": timestamp(state.since),
        "archive_cited_sha256": state.cited.content_sha256 if state.cited else None,
        "archive_latest_at": timestamp(latest.captured_at) if latest else None,
        "archive_latest_outcome": latest.outcome if latest else None,
        "archive_latest_sha256": {
            kind: getattr(latest, f"{kind}_sha256") or None
            for kind in ("content", "text", "warc", "screenshot", "pdf", "manifest")
        }
        if latest
        else None,
    }


def timestamp(value):
    return None if value is None else utc_timestamp(value)


def expected_topics():
    return [
        {
            "id": t.pk,
            "slug": t.slug,
            "name": t.name,
            "description": t.description,
            "names": [
                {
                    "value": n.value,
                    "language": n.language,
                    "script": n.script,
                    "source_id": n.source_id,
                }
                for n in t.names.order_by("pk")
            ],
        }
        for t in Topic.objects.filter(published_at__isnull=False).order_by("pk")
    ]


def expected_statements():
    return [
        {
            "id": s.pk,
            "speaker_id": s.speaker_id,
            "speaker_slug": s.speaker.slug,
            "speaker_role_id": s.speaker_role_id,
            "mode": s.mode,
            "quote": s.quote,
            "language": s.language,
            "translation": s.translation,
            "translation_language": s.translation_language,
            "context": s.context,
            "stated_on": iso(s.stated_on),
            "stated_on_wording": s.stated_on_wording,
            "stated_not_after": iso(s.stated_not_after),
            "place": s.place,
            "source_id": s.source_id,
            "first_appearance_id": s.first_appearance_id,
            "published_at": utc(s.published_at),
            "withdrawn_at": utc(s.withdrawn_at),
        }
        for s in Statement.objects.filter(published_at__isnull=False).order_by("pk")
    ]


def expected_claims():
    rows = []
    for claim in Claim.objects.filter(published_at__isnull=False).order_by("pk"):
        latest = claim.status_changes.order_by("recorded_at", "pk").last()
        rows.append(
            {
                "id": claim.pk,
                "slug": claim.slug,
                "text": claim.text,
                "status": claim.status or None,
                "status_as_of": iso(latest.as_of) if latest else None,
                "status_reason": latest.reason if latest else None,
                "status_changed_at": utc(claim.status_changed_at),
                "statement_ids": sorted(
                    s.pk for s in claim.statements.all() if s.published_at is not None
                ),
                "topic_slugs": [
                    t.slug for t in claim.topics.filter(published_at__isnull=False).order_by("pk")
                ],
                "published_at": utc(claim.published_at),
            }
        )
    return rows


def expected_claim_evidence():
    return [
        {
            "id": link.pk,
            "claim_id": link.claim_id,
            "claim_slug": link.claim.slug,
            "evidence_id": link.evidence_id,
            "stance": link.stance,
            "note": link.note,
        }
        for link in ClaimEvidence.objects.order_by("pk")
        if link.claim.published_at is not None and link.evidence.published_at is not None
    ]


def expected_evidence():
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "title": e.title,
            "summary": e.summary,
            "occurred_on": iso(e.occurred_on),
            "occurred_on_wording": e.occurred_on_wording,
            "occurred_not_after": iso(e.occurred_not_after),
            "source_id": e.source_id,
            "published_at": utc(e.published_at),
            "withdrawn_at": utc(e.withdrawn_at),
        }
        for e in Evidence.objects.filter(published_at__isnull=False).order_by("pk")
    ]


def expected_status_changes():
    return [
        {
            "id": change.pk,
            "claim_id": change.claim_id,
            "claim_slug": change.claim.slug,
            "old_status": change.old_status or None,
            "new_status": change.new_status,
            "as_of": iso(change.as_of),
            "reason": change.reason,
            "recorded_at": utc(change.recorded_at),
            "evidence_ids": sorted(
                e.pk for e in change.evidence.all() if e.published_at is not None
            ),
            "previous_hash": change.previous_hash,
            "hash": change.hash,
        }
        for change in StatusChange.objects.order_by("pk")
        if change.claim.published_at is not None
    ]


def expected_corrections():
    rows = []
    for correction in Correction.objects.order_by("pk"):
        record = correction.target
        if record.published_at is None:
            continue
        rows.append(
            {
                "id": correction.pk,
                "record_type": record._meta.model_name,
                "record_id": record.pk,
                "kind": correction.kind,
                "note": correction.note,
                "changes": correction.changes,
                "recorded_at": utc(correction.recorded_at),
                "previous_hash": correction.previous_hash,
                "hash": correction.hash,
            }
        )
    return rows


def expected_contradiction_links():
    return [
        {
            "id": link.pk,
            "a_type": link.end_a._meta.model_name,
            "a_id": link.end_a.pk,
            "b_type": link.end_b._meta.model_name,
            "b_id": link.end_b.pk,
            "explanation": link.explanation,
        }
        for link in ContradictionLink.objects.order_by("pk")
        if all(getattr(end, "published_at", None) is not None for end in (link.end_a, link.end_b))
    ]


def expected_translations():
    """Every translation of a public record: of a published claim, evidence or topic, of a
    status change of a published claim, of a correction of a published record."""
    kinds = [
        (ClaimTranslation, lambda claim: claim.published_at is not None, lambda r: r.slug),
        (EvidenceTranslation, lambda evidence: evidence.published_at is not None, None),
        (TopicTranslation, lambda topic: topic.published_at is not None, lambda r: r.slug),
        (StatusChangeTranslation, lambda change: change.claim.published_at is not None, None),
        (CorrectionTranslation, lambda co: co.target.published_at is not None, None),
    ]
    rows = []
    for model, public, slug in kinds:
        for translation in model._default_manager.order_by("pk"):
            record = translation.record
            if not public(record):
                continue
            rows.append(
                {
                    "record_type": model.RECORD,
                    "record_id": record.pk,
                    "record_slug": slug(record) if slug else None,
                    "field": translation.field,
                    "language": translation.language,
                    "script": translation.script,
                    "text": translation.text,
                    "origin": translation.origin,
                    "translated_by": translation.translated_by,
                    "reviewed": translation.reviewed_at is not None,
                    "reviewed_at": utc(translation.reviewed_at),
                }
            )
    return rows


EXPECTED_ROWS = {
    "actors": expected_actors,
    "sources": expected_sources,
    "topics": expected_topics,
    "statements": expected_statements,
    "claims": expected_claims,
    "claim-evidence": expected_claim_evidence,
    "evidence": expected_evidence,
    "status-changes": expected_status_changes,
    "corrections": expected_corrections,
    "contradiction-links": expected_contradiction_links,
    "translations": expected_translations,
}


@pytest.fixture
def realistic_data(editor):
    """The reference case and a synthetic batch (with drafts): every kind of row, many of each,
    with a correction and a withdrawal."""
    load_reference_case()
    generate_synthetic_data(claims=40, seed=3)
    statement, other = Statement.objects.published().order_by("pk")[:2]
    services.record_correct(
        by=editor, record=statement, changes={"place": "Almaty\nand beyond"}, note="Place."
    )
    services.record_withdraw(by=editor, record=other, note="Withdrawn, as the site shows.")
    # Drafts of each kind, which every file must leave out (a draft claim, with its statement).
    ClaimFactory(text="A draft claim")
    EvidenceFactory(title="Draft evidence")
    assert Statement.objects.filter(published_at__isnull=True).exists()
    assert Claim.objects.filter(published_at__isnull=True).exists()
    assert Evidence.objects.filter(published_at__isnull=True).exists()


def publish(model, *pks, when, by):
    """Publish drafts as the publishing service does, at a fixed time."""
    model.objects.filter(pk__in=pks).update(published_at=when, published_by=by)


def assess(claim, *, pk, old, new, as_of, reason, by, when, evidence=()):
    """A status change sealed into the claim's chain, and the claim's status, in one
    transaction (the database accepts a status only with its history)."""
    with transaction.atomic():
        change = StatusChange(
            pk=pk,
            claim=claim,
            old_status=old,
            new_status=new,
            as_of=as_of,
            reason=reason,
            recorded_by=by,
            recorded_at=when,
        )
        seal_status_change(change, [item.pk for item in evidence])
        change.save(force_insert=True)
        for item in evidence:
            StatusChangeEvidence.objects.create(status_change=change, evidence=item)
        Claim.objects.filter(pk=claim.pk).update(status=new, status_changed_at=when)


@contextlib.contextmanager
def correcting(record, *, pk, by, when, note, changes=(), kind="correction"):
    """A correction of ``record`` and the edit the block makes, in one transaction, sealed as
    the correction service seals it."""
    with transaction.atomic():
        correction = Correction.objects.create(
            pk=pk,
            kind=kind,
            note=note,
            recorded_by=by,
            recorded_at=when,
            **{record._meta.model_name: record},
        )
        yield correction
        correction.changes = list(changes)
        seal_correction(correction)
        correction.save(update_fields=["changes", "previous_hash", "hash"])


@pytest.fixture
def fixed_records(db):
    """A small fixed set of rows with fixed ids and times, so that the files are the same bytes
    on any database: tricky texts, partial dates at each precision, nulls next to empty texts,
    corrections and a withdrawal, and a draft of everything that must stay out. Rows are
    written as drafts and published afterwards, as the services do: the database refuses to
    change a published record's parts without a correction."""
    curator = UserFactory(username="fixed-curator")
    article = Source.objects.create(
        pk=101,
        title='Report "quoted"',
        publisher="Vlast.kz",
        published_on=PartialDate(2024, 1, 11),
        language="en",
        url="https://example.org/report?page=1",
        accessed_on=datetime.date(2024, 2, 1),
    )
    interview = Source.objects.create(
        pk=102, title="Интервью", published_on=PartialDate(2023, 4), language="ru"
    )
    draft_source = Source.objects.create(pk=103, title="Draft source", language="en")
    office = Actor.objects.create(pk=202, slug="fixed-office", kind=ActorKind.INSTITUTION)
    ActorName.objects.create(
        pk=213,
        actor=office,
        value="Office \\ of 😀",
        language="en",
        kind=NameKind.PRIMARY,
        source=article,
    )
    person = Actor.objects.create(
        pk=201, slug="fixed-person", kind=ActorKind.PERSON, description=TRICKY
    )
    ActorName.objects.create(
        pk=211,
        actor=person,
        value="Nurlan Example",
        language="en",
        kind=NameKind.PRIMARY,
        source=article,
    )
    ActorName.objects.create(
        pk=212,
        actor=person,
        value="Нұрлан",
        language="kk",
        script=Script.CYRILLIC,
        source=interview,
    )
    role = ActorRole.objects.create(
        pk=221,
        actor=person,
        title="President",
        organisation=office,
        start=PartialDate(2019),
        end=PartialDate(2022, 1),
        note="at the time",
        source=article,
    )
    draft_actor = Actor.objects.create(pk=203, slug="fixed-nameless", kind=ActorKind.PERSON)
    topic = Topic.objects.create(pk=301, slug="fixed-topic", name="Events")
    TopicName.objects.create(
        pk=311, topic=topic, value="Оқиғалар", language="kk", script=Script.CYRILLIC, source=article
    )
    draft_topic = Topic.objects.create(pk=302, slug="fixed-draft-topic", name="Draft topic")
    # Translations are written while their records are drafts, as the services allow.
    TopicTranslation.objects.create(
        topic=topic,
        field="description",
        language="ru",
        text="События",
        translated_by="=Volunteer, a formula in a spreadsheet",
        reviewed_by=curator,
        reviewed_at=at(0, 7),
    )
    TopicTranslation.objects.create(
        topic=draft_topic, field="description", language="ru", text="Draft topic translation"
    )
    publish(Source, 101, 102, when=at(0), by=curator)
    publish(Actor, 201, 202, when=at(0), by=curator)
    publish(Topic, 301, when=at(0), by=curator)
    said = Statement.objects.create(
        pk=401,
        speaker=person,
        speaker_role=role,
        quote=TRICKY,
        language="en",
        stated_on=PartialDate(2021, 12),
        stated_on_wording="in December",
        place="Astana",
        source=article,
        first_appearance=interview,
    )
    reported = Statement.objects.create(
        pk=402,
        speaker=office,
        mode=QuoteMode.REPORTED,
        quote="Бюджет исполнен",
        language="ru",
        translation="The budget was spent",
        translation_language="en",
        stated_on_wording="recently",
        stated_not_after=datetime.date(2024, 1, 11),
        source=interview,
    )
    draft_statement = Statement.objects.create(
        pk=403, speaker=draft_actor, quote="draft: not public", language="en", source=draft_source
    )
    publish(Statement, 401, when=at(0), by=curator)
    publish(Statement, 402, when=at(1, 500), by=curator)
    ruling = Evidence.objects.create(
        pk=501,
        kind="court_ruling",
        title="Ruling",
        summary='Summary with "quotes"\r\nand CRLF',
        occurred_on=PartialDate(2023),
        source=article,
    )
    EvidenceTranslation.objects.create(
        evidence=ruling,
        field="title",
        language="kk",
        text="Сот шешімі",
        origin=TranslationOrigin.MACHINE,
        translated_by="A machine translation engine",
    )
    EvidenceTranslation.objects.create(
        evidence=ruling,
        field="title",
        language="kk",
        script=Script.LATIN,
        text="Sot şeşımı",  # noqa: RUF001 - Kazakh in Latin script
        origin=TranslationOrigin.TRANSLITERATION,
        translated_by="ClaimTracker: Kazakh Cyrillic to the 2021 Latin alphabet",
    )
    EvidenceTranslation.objects.create(
        evidence=ruling, field="summary", language="ru", text='Краткое "в кавычках"\r\nи CRLF'
    )
    publish(Evidence, 501, when=at(2), by=curator)
    draft_evidence = Evidence.objects.create(
        pk=502, kind="document", title="Draft evidence", summary="not public", source=article
    )
    EvidenceTranslation.objects.create(
        evidence=draft_evidence, field="title", language="ru", text="Draft evidence translation"
    )
    claim = Claim.objects.create(pk=601, slug="fixed-claim", text="A claim, with a comma")
    claim.statements.set([said, reported, draft_statement])
    claim.topics.set([topic])
    unassessed = Claim.objects.create(pk=602, slug="fixed-unassessed", text="Nobody assessed this")
    unassessed.statements.set([reported])
    draft_claim = Claim.objects.create(pk=603, slug="fixed-draft", text="A draft claim")
    ClaimEvidence.objects.create(pk=701, claim=claim, evidence=ruling, stance="contradicts")
    ClaimEvidence.objects.create(pk=702, claim=claim, evidence=draft_evidence, stance="supports")
    ClaimEvidence.objects.create(pk=703, claim=draft_claim, evidence=ruling, stance="context")
    ClaimTranslation.objects.create(
        claim=claim,
        language="ru",
        text="Утверждение, с запятой 😀",  # noqa: RUF001 - Russian
        translated_by='A. Translator "quoted"',
        reviewed_by=curator,
        reviewed_at=at(2, 999999),
    )
    ClaimTranslation.objects.create(
        claim=claim,
        language="kk",
        text="Үтірі бар тұжырым",  # noqa: RUF001 - Kazakh
        origin=TranslationOrigin.MACHINE,
    )
    ClaimTranslation.objects.create(
        claim=draft_claim, language="ru", text="Draft claim translation"
    )
    publish(Claim, 601, when=at(3), by=curator)
    publish(Claim, 602, when=at(4), by=curator)
    # Cites a draft (which the service now refuses on a published claim): the file leaves it
    # out. The claim's chain then covers an id the file does not hold, so this fixture's
    # history is not for verifying.
    assess(
        claim,
        pk=801,
        old="",
        new="disputed",
        as_of=PartialDate(2023, 5),
        reason="First reason",
        by=curator,
        when=at(5),
        evidence=[ruling, draft_evidence],
    )
    # A reason's translation is free only in the transaction that records the reason.
    with transaction.atomic():
        assess(
            claim,
            pk=802,
            old="disputed",
            new="refuted",
            as_of=PartialDate(2024, 1, 11),
            reason="Second reason,\non two lines",
            by=curator,
            when=at(6, 123456),
        )
        StatusChangeTranslation.objects.create(
            status_change_id=802,
            field="reason",
            language="ru",
            text="Вторая причина,\nв две строки",
        )
    with transaction.atomic():
        assess(
            draft_claim,
            pk=803,
            old="",
            new="confirmed",
            as_of=PartialDate(2024),
            reason="On a draft",
            by=curator,
            when=at(7),
        )
        StatusChangeTranslation.objects.create(
            status_change_id=803, field="reason", language="ru", text="Draft reason translation"
        )
    for pk, (end_a, end_b) in [(901, (said, ruling)), (902, (said, draft_claim))]:
        link = ContradictionLink.between(end_a, end_b, "They contradict each other")
        link.pk = pk
        link.save()
    title = {"field": "title", "label": "title", "before": 'Report "quoted"'}
    with correcting(
        article,
        pk=1001,
        by=curator,
        when=at(8),
        note="The title, as published,\nhas a comma.",
        changes=[{**title, "after": 'Report "quoted", with a comma'}],
    ) as correction:
        Source.objects.filter(pk=101).update(title='Report "quoted", with a comma')
        CorrectionTranslation.objects.create(
            correction=correction, field="note", language="ru", text="-Название исправлено."
        )
    with correcting(
        reported, pk=1002, by=curator, when=at(9, 42), note="Never said.", kind="withdrawal"
    ):
        Statement.objects.filter(pk=402).update(withdrawn_at=at(9, 42))
    # A correction of a record nobody published (no service writes one): it stays out.
    with correcting(
        draft_actor, pk=1003, by=curator, when=at(10), note="Draft correction"
    ) as correction:
        CorrectionTranslation.objects.create(
            correction=correction, field="note", language="ru", text="Draft note translation"
        )


# The files hold the database's rows.


def test_every_file_holds_every_published_row_with_every_field_as_the_database_has_it(
    client, realistic_data
):
    for name, expected_rows in EXPECTED_ROWS.items():
        expected = expected_rows()
        assert expected, f"the test data has no {name}"
        _response, body = export(client, f"{name}.ndjson")
        assert ndjson_records(body) == expected, name

        _response, body = export(client, f"{name}.csv")
        header, *rows = csv_rows(body)
        assert header == list(expected[0]), name
        lists = [i for i, value in enumerate(expected[0].values()) if isinstance(value, list)]
        # List columns are JSON text: compared as JSON (a correction's changes keep the
        # spacing PostgreSQL's jsonb writes).
        assert [
            [json.loads(cell) if i in lists else cell for i, cell in enumerate(row)] for row in rows
        ] == [
            [value if i in lists else as_csv_text(value) for i, value in enumerate(row.values())]
            for row in expected
        ], name


def test_drafts_and_rows_that_point_at_drafts_stay_out_of_every_file(client, fixed_records):
    everything = b"".join(export(client, f"{name}.ndjson")[1] for name in COLLECTIONS)

    for draft in [b"draft: not public", b"Draft evidence", b"fixed-draft", b"On a draft"]:
        assert draft not in everything
    _response, body = export(client, "status-changes.ndjson")
    assert [record["evidence_ids"] for record in ndjson_records(body)] == [[501], []]
    _response, body = export(client, "claim-evidence.ndjson")
    assert [record["id"] for record in ndjson_records(body)] == [701]
    _response, body = export(client, "contradiction-links.ndjson")
    assert [record["id"] for record in ndjson_records(body)] == [901]


def test_every_ndjson_line_is_one_record_and_every_csv_has_one_header(client, fixed_records):
    for name, collection in COLLECTIONS.items():
        _response, body = export(client, f"{name}.ndjson")
        lines = body.split(b"\n")[:-1]
        assert all(isinstance(json.loads(line), dict) for line in lines)

        _response, body = export(client, f"{name}.csv")
        rows = csv_rows(body)
        assert rows[0] == collection.column_names
        assert rows.count(collection.column_names) == 1
        assert len(rows) == len(lines) + 1


def test_an_empty_collection_is_an_empty_ndjson_file_and_a_csv_header(client, db):
    for name, collection in COLLECTIONS.items():
        assert export(client, f"{name}.ndjson")[1] == b""
        assert (
            export(client, f"{name}.csv")[1] == (",".join(collection.column_names) + "\n").encode()
        )


def test_texts_round_trip_exactly_backslashes_quotes_line_breaks_tabs_cyrillic_and_emoji(
    client, fixed_records
):
    _response, body = export(client, "statements.ndjson")
    assert ndjson_records(body)[0]["quote"] == TRICKY
    assert b"\\\\ a backslash\\nnew line\\ttab\\r\\nCRLF; \xd0\x96" in body
    assert "😀 \\u001f\u2028".encode() in body, "only control characters are escaped"

    _response, body = export(client, "statements.csv")
    assert csv_rows(body)[1][5] == TRICKY

    _response, body = export(client, "actors.ndjson")
    assert ndjson_records(body)[0]["description"] == TRICKY


@pytest.mark.parametrize("name", [f"{c}.{f}" for c in COLLECTIONS for f in ("ndjson", "csv")])
def test_each_file_is_the_committed_expected_file(client, fixed_records, name):
    _response, body = export(client, name)
    if os.environ.get("REWRITE_EXPORT_EXPECTED"):
        # After a deliberate change of columns: rewrite, then review the diff before committing.
        (EXPECTED / name).write_bytes(body)
    assert body == (EXPECTED / name).read_bytes()


# Content translations.

REFERENCE_TRANSLATIONS = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "qandy-qantar.translations.json").read_text(
        encoding="utf-8"
    )
)


def test_the_reference_cases_translations_are_in_the_translations_file_with_their_provenance(
    client, role_groups
):
    load_reference_case()
    claim = Claim.objects.get(slug="outside-terrorists-were-main-protagonists")
    [reason] = [
        item for item in REFERENCE_TRANSLATIONS["status_changes"] if item["claim"] == claim.slug
    ]
    change = claim.status_changes.get(new_status=reason["new_status"])

    _response, body = export(client, "translations.ndjson")

    records = ndjson_records(body)
    of_claim = {
        (r["language"], r["script"]): r
        for r in records
        if r["record_type"] == "claim" and r["record_id"] == claim.pk
    }
    [claim_text] = [
        item["text"] for item in REFERENCE_TRANSLATIONS["claims"] if item["slug"] == claim.slug
    ]
    russian = of_claim["ru", "Cyrl"]
    assert russian["text"] == claim_text["ru"]
    assert russian["record_slug"] == claim.slug
    assert russian["field"] == "text"
    assert russian["origin"] == REFERENCE_TRANSLATIONS["origin"] == "machine"
    assert russian["translated_by"] == REFERENCE_TRANSLATIONS["translated_by"]
    assert russian["reviewed"] is False
    assert russian["reviewed_at"] is None
    assert of_claim["kk", "Cyrl"]["text"] == claim_text["kk"]
    # Kazakh in Latin script is generated from the Cyrillic, and says so.
    latin = of_claim["kk", "Latn"]
    assert latin["text"] == to_kazakh_latin(claim_text["kk"])
    assert latin["origin"] == "transliteration"
    reasons = {
        (r["language"], r["script"]): r["text"]
        for r in records
        if r["record_type"] == "status_change" and r["record_id"] == change.pk
    }
    assert reasons["ru", "Cyrl"] == reason["reason"]["ru"]
    assert reasons["kk", "Cyrl"] == reason["reason"]["kk"]
    evidence_titles = {
        r["text"] for r in records if r["record_type"] == "evidence" and r["field"] == "title"
    }
    assert {item["title"]["ru"] for item in REFERENCE_TRANSLATIONS["evidence"]} <= evidence_titles


def test_translations_of_drafts_and_of_what_only_drafts_have_stay_out(client, fixed_records):
    _response, body = export(client, "translations.ndjson")

    assert b"Draft" not in body
    assert [
        (r["record_type"], r["record_id"], r["field"], r["language"], r["script"])
        for r in ndjson_records(body)
    ] == [
        ("claim", 601, "text", "ru", "Cyrl"),
        ("claim", 601, "text", "kk", "Cyrl"),
        ("evidence", 501, "title", "kk", "Cyrl"),
        ("evidence", 501, "title", "kk", "Latn"),
        ("evidence", 501, "summary", "ru", "Cyrl"),
        ("topic", 301, "description", "ru", "Cyrl"),
        ("status_change", 802, "reason", "ru", "Cyrl"),
        ("correction", 1001, "note", "ru", "Cyrl"),
    ]
    # Published later, the draft claim's translation is public with it.
    publish(Claim, 603, when=at(11), by=UserFactory())
    _response, body = export(client, "translations.ndjson")
    assert "Draft claim translation" in [r["text"] for r in ndjson_records(body)]


def test_a_translation_added_to_a_published_claim_is_in_the_file_with_its_public_correction(
    client, fixed_records, editor
):
    unassessed = Claim.objects.get(pk=602)

    services.translation_save(
        by=editor,
        record=unassessed,
        field="text",
        language="kk",
        script=Script.CYRILLIC,
        text="Мұны ешкім бағаламаған",
        reviewed=True,
        correction_note="Kazakh translation added.",
    )

    _response, body = export(client, "translations.ndjson")
    added = {
        r["script"]: r
        for r in ndjson_records(body)
        if r["record_type"] == "claim" and r["record_id"] == 602
    }
    assert added["Cyrl"]["text"] == "Мұны ешкім бағаламаған"
    assert added["Cyrl"]["record_slug"] == "fixed-unassessed"
    assert added["Cyrl"]["reviewed"] is True
    assert added["Cyrl"]["reviewed_at"] is not None
    # The Kazakh Latin beside it is generated, and says so.
    assert added["Latn"]["text"] == to_kazakh_latin("Мұны ешкім бағаламаған")
    assert added["Latn"]["origin"] == "transliteration"
    _response, body = export(client, "corrections.ndjson")
    assert [
        r["note"]
        for r in ndjson_records(body)
        if r["record_type"] == "claim" and r["record_id"] == 602
    ] == ["Kazakh translation added."]


def test_the_translations_csv_holds_the_ndjson_rows_with_spreadsheet_safe_texts(
    client, fixed_records
):
    _response, body = export(client, "translations.ndjson")
    records = ndjson_records(body)
    _response, body = export(client, "translations.csv")
    header, *rows = csv_rows(body)

    assert header == list(records[0])
    by_column = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(by_column) == len(records)
    for cells, record in zip(by_column, records, strict=True):
        for column, value in record.items():
            text = as_csv_text(value)
            if column in ("text", "translated_by", "record_slug") and text.startswith(("=", "-")):
                text = "'" + text
            assert cells[column] == text, column
    topic = next(r for r in by_column if r["record_type"] == "topic")
    assert topic["translated_by"] == "'=Volunteer, a formula in a spreadsheet"
    assert topic["reviewed"] == "true"
    assert topic["reviewed_at"] == "2024-01-11T09:00:00.000007Z"
    assert next(r for r in by_column if r["record_type"] == "correction")["text"] == (
        "'-Название исправлено."
    )
    assert next(r for r in records if r["record_type"] == "correction")["text"] == (
        "-Название исправлено."
    )


def test_the_translations_file_costs_one_query_on_djangos_connection_whatever_its_size(
    client, role_groups, django_assert_num_queries
):
    # Not on fixed_records: the reference case's fixture names its own primary keys.
    with django_assert_num_queries(1):
        _response, empty = export(client, "translations.csv")
    load_reference_case()

    with django_assert_num_queries(1):
        _response, full = export(client, "translations.csv")

    assert len(csv_rows(full)) > 5 * len(csv_rows(empty))


# HTTP.


def test_headers_give_the_snapshot_time_the_licence_and_a_dated_filename(client, db, settings):
    settings.DATA_LICENCE = "ODbL 1.0"
    settings.DATA_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    before = datetime.datetime.now(datetime.UTC)

    response, _body = export(client, "claims.csv")

    snapshot = datetime.datetime.fromisoformat(response["X-Snapshot-Time"])
    assert before <= snapshot <= datetime.datetime.now(datetime.UTC)
    assert response["X-Snapshot-Time"].endswith("Z")
    assert response["X-Data-Licence"] == "ODbL 1.0"
    assert response["Link"] == '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"'
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == (
        f'attachment; filename="claimtracker-claims-{snapshot.date().isoformat()}.csv"'
    )
    response, _body = export(client, "claims.ndjson")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"


@pytest.mark.parametrize(
    "path",
    [
        "claim.csv",
        "claims.json",
        "claims.csv.gz",
        "claims",
        "drafts.ndjson",
        "claims.csv/extra",
        "../claims.csv",
    ],
)
def test_an_unknown_collection_or_format_is_a_404_in_the_api_error_shape(client, db, path):
    response = client.get(f"/api/v1/export/{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["code"] == "unknown_export"
    assert "claims" in error["message"]
    assert error["field"] is None


def test_accept_headers_and_format_parameters_do_not_change_the_file(client, fixed_records):
    _response, plain = export(client, "claims.csv")

    response = client.get("/api/v1/export/claims.csv?format=json", HTTP_ACCEPT="application/json")

    assert response["Content-Type"].startswith("text/csv")
    assert b"".join(response.streaming_content) == plain


def test_staff_download_the_same_public_files_as_anonymous_readers(client, fixed_records, editor):
    _response, anonymous = export(client, "statements.ndjson")
    client.force_login(editor)

    _response, staff = export(client, "statements.ndjson")

    assert staff == anonymous
    assert b"draft: not public" not in staff


def test_the_index_lists_every_collection_with_its_columns_and_file_addresses(client, db):
    response = client.get("/api/v1/export/")

    assert response.status_code == 200
    data = response.json()
    assert [c["name"] for c in data["collections"]] == list(COLLECTIONS)
    claims = data["collections"][list(COLLECTIONS).index("claims")]
    assert claims["columns"] == COLLECTIONS["claims"].column_names
    assert claims["csv"] == "http://testserver/api/v1/export/claims.csv"
    assert claims["ndjson"] == "http://testserver/api/v1/export/claims.ndjson"
    assert data["claimreview"] == "http://testserver/api/v1/export/claimreview.json"
    assert data["licence"]["name"] == response["X-Data-Licence"]


# One snapshot per file, on a connection of its own.


def test_the_export_runs_no_query_on_djangos_connection(
    client, fixed_records, django_assert_num_queries
):
    # Beyond the record's stamp, read first for conditional GET (web/caching.py).
    with django_assert_num_queries(1):
        export(client, "claims.ndjson")


def test_rows_committed_while_a_file_streams_are_not_in_it(client, monkeypatch, db):
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 256)
    early = StatementFactory.create_batch(20, published_at=at(0), published_by=UserFactory())

    response = client.get("/api/v1/export/statements.ndjson")
    # Committed after the snapshot was taken, before the first byte was read.
    before_reading = StatementFactory(published_at=at(1), published_by=UserFactory())
    chunks = iter(response.streaming_content)
    first = next(chunks)
    # Committed while the file is half read.
    while_reading = StatementFactory(published_at=at(2), published_by=UserFactory())
    body = first + b"".join(chunks)

    assert [record["id"] for record in ndjson_records(body)] == [s.pk for s in early]
    _response, later = export(client, "statements.ndjson")
    assert [record["id"] for record in ndjson_records(later)][-2:] == [
        before_reading.pk,
        while_reading.pk,
    ]


def export_connections():
    """How many export connections this test's database still has, waiting a moment for one to
    end. (Only this database's: a parallel run's other workers export to their own.)"""
    with connection.cursor() as cursor:
        for _attempt in range(50):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE application_name = %s AND datname = current_database()",
                [APPLICATION_NAME],
            )
            (count,) = cursor.fetchone()
            if count == 0:
                return 0
            time.sleep(0.1)
        return count


def test_the_snapshot_connection_closes_after_the_last_chunk(fixed_records):
    _taken_at, stream = export_stream(COLLECTIONS["statements"], "csv")
    assert export_connections() == 1

    b"".join(stream)

    assert export_connections() == 0


def test_the_snapshot_connection_closes_when_the_client_goes_away(client, monkeypatch, db):
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 256)
    StatementFactory.create_batch(20, published_at=at(0), published_by=UserFactory())
    response = client.get("/api/v1/export/statements.csv")
    next(iter(response.streaming_content))
    assert export_connections() == 1

    response.close()  # what a WSGI server does when the client disconnects

    assert export_connections() == 0


def test_a_head_request_gets_the_headers_and_closes_the_snapshot_without_copying(
    client, fixed_records, monkeypatch
):
    copies = []

    def chunks(snapshot, collection, file_format):
        copies.append(collection.name)
        return iter([])

    monkeypatch.setattr(Snapshot, "chunks", chunks)

    response = client.head("/api/v1/export/statements.csv")

    assert response.status_code == 200
    assert response["X-Snapshot-Time"]
    assert copies == []
    assert export_connections() == 0


def test_a_large_export_streams_in_small_chunks_without_holding_the_file(
    client, monkeypatch, role_groups
):
    generate_synthetic_data(claims=300, seed=5)
    monkeypatch.setattr(streaming, "CHUNK_SIZE", 8 * 1024)
    response = client.get("/api/v1/export/statements.ndjson")
    assert response.streaming

    tracemalloc.start()
    try:
        sizes = [len(chunk) for chunk in response.streaming_content]
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    total = sum(sizes)
    assert total > 300_000
    assert len(sizes) >= total // (9 * 1024)
    assert max(sizes) < 8 * 1024 + 2048, "a chunk is the buffer plus at most one line"
    assert peak < total / 5, f"{peak} bytes held while streaming {total}"


def test_the_documentation_for_data_users_describes_every_collection_and_column(settings):
    docs = (Path(settings.BASE_DIR) / "docs" / "export.md").read_text(encoding="utf-8")
    for name, collection in COLLECTIONS.items():
        assert f"\n### {name}\n" in docs, name
        section = docs.split(f"\n### {name}\n")[1].split("\n#")[0]
        for column in collection.column_names:
            assert f"`{column}`" in section, f"{name}.{column}"
