"""Records that fill every nested list an API object has, drafts included where they can be.

Each ``rich_*`` builder makes one published record whose nested lists are all filled, so a test
can check that a list runs a fixed number of queries. Where a published record may still point
at drafts (a statement asserting a draft claim, evidence bearing on one, a draft actor's tie to
a published actor), it does, so a test can check that an anonymous reader sees none of them.
A published claim cannot: publishing it publishes every statement and piece of evidence it
cites (``rich_claim``); ``rich_draft_claim`` is the claim with drafts inside.
"""

from dataclasses import dataclass

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    ActorKind,
    Claim,
    ClaimStatus,
    Evidence,
    NameKind,
    RelationKind,
    Script,
    Stance,
    Statement,
    StatusChange,
    TopicName,
)
from claimtracker.claims.models.actors import ActorRelation
from claimtracker.claims.models.base import Publishable
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    ActorRoleFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    status_basis,
)


def publish[R: Publishable](record: R, by) -> R:
    return services.record_publish(by=by, record=record)


def set_status(claim, by, new_status, *, evidence=None, reason=None):
    """A well-founded change (tests/claims/test_status_rules.py): given no evidence, it cites
    evidence linked to the claim that the status may rest on, linking some to a draft claim."""
    if evidence is None:
        evidence = (
            [] if new_status == ClaimStatus.UNCONFIRMED else [status_basis(claim, new_status)]
        )
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=claim.status,
        reason=reason or "Two courts found otherwise, in rulings published in full.",
        as_of=PartialDate(2024, 1, 11),
        evidence=evidence,
    )


def published_source(by, **fields):
    return publish(SourceFactory(**fields), by)


def rich_actor(by):
    """A published person with a name in two scripts, a post in an institution and a family tie
    each way (publishing it published the institution, the relative and the sources), and a
    tie towards it from a draft actor, which only curators see."""
    actor = ActorFactory()
    ActorNameFactory(actor=actor, value="Актёр", language="ru", script=Script.CYRILLIC)
    institution = ActorFactory(kind=ActorKind.INSTITUTION)
    ActorRoleFactory(actor=actor, organisation=institution, start=PartialDate(2019, 3))
    ActorRelation.objects.create(
        subject=actor, kind=RelationKind.SIBLING_OF, other=ActorFactory(), source=SourceFactory()
    )
    publish(actor, by)
    parent_of = ActorFactory()
    ActorRelation.objects.create(
        subject=parent_of, kind=RelationKind.CHILD_OF, other=actor, source=SourceFactory()
    )
    publish(parent_of, by)
    ActorRelation.objects.create(
        subject=ActorFactory(), kind=RelationKind.CHILD_OF, other=actor, source=SourceFactory()
    )
    return actor


def rich_topic(by):
    """A published topic with a name in Kazakh (publishing it published the name's source)."""
    topic = TopicFactory()
    TopicName.objects.create(
        topic=topic, value="Қаңтар", language="kk", script=Script.CYRILLIC, source=SourceFactory()
    )
    return publish(topic, by)


def rich_statement(by):
    """A published statement by an actor in a post, asserting a published and a draft claim."""
    speaker = ActorFactory()
    role = ActorRoleFactory(actor=speaker, organisation=ActorFactory(kind=ActorKind.INSTITUTION))
    statement = publish(
        StatementFactory(
            speaker=speaker,
            speaker_role=role,
            stated_on=PartialDate(2022, 1),
            first_appearance=SourceFactory(),
        ),
        by,
    )
    publish(ClaimFactory(statements=[statement]), by)
    ClaimFactory(statements=[statement])
    return statement


def rich_evidence(by):
    """Published evidence bearing on a published and a draft claim."""
    evidence = publish(EvidenceFactory(occurred_on=PartialDate(2022)), by)
    # Linked before the claim is published: a published claim's links change only by correction.
    published = ClaimFactory()
    ClaimEvidenceFactory(evidence=evidence, claim=published)
    publish(published, by)
    ClaimEvidenceFactory(evidence=evidence, claim=ClaimFactory(), stance=Stance.CONTEXT)
    return evidence


@dataclass
class RichClaim:
    """A claim with its parts. The ``drafted_*`` items were drafts when the claim was built:
    publishing the claim published them with it (``rich_claim``), and they stay drafts while
    the claim does (``rich_draft_claim``)."""

    claim: Claim
    statement: Statement
    drafted_statement: Statement
    evidence: Evidence
    drafted_evidence: Evidence
    changes: list[StatusChange]


def rich_draft_claim(by):
    """A draft claim under a published topic, asserted by a published and a draft statement,
    with published (contradicting) and draft (supporting) evidence, and two status changes:
    the first cites the draft evidence, the second both (a draft claim may rest on its drafts)."""
    statement = publish(StatementFactory(), by)
    drafted_statement = StatementFactory()
    claim = ClaimFactory(statements=[statement, drafted_statement])
    claim.topics.add(rich_topic(by))
    evidence = publish(EvidenceFactory(), by)
    drafted_evidence = EvidenceFactory()
    ClaimEvidenceFactory(claim=claim, evidence=evidence, stance=Stance.CONTRADICTS)
    ClaimEvidenceFactory(claim=claim, evidence=drafted_evidence, stance=Stance.SUPPORTS)
    changes = [
        set_status(claim, by, ClaimStatus.UNCONFIRMED, evidence=[drafted_evidence]),
        set_status(claim, by, ClaimStatus.REFUTED, evidence=[evidence, drafted_evidence]),
    ]
    return RichClaim(claim, statement, drafted_statement, evidence, drafted_evidence, changes)


def rich_claim(by):
    """``rich_draft_claim``, published: every part it cites is public with it, so every
    reader sees both statements, both pieces of evidence and the whole history."""
    rich = rich_draft_claim(by)
    publish(rich.claim, by)
    return rich


def published_claim(by, *, basis_for=None, **fields):
    """A published claim. Given ``basis_for`` (a status), it was published with evidence that
    status may rest on, so ``set_status`` can cite it: a published claim's evidence links
    change only through a public correction."""
    claim = ClaimFactory(**fields)
    if basis_for is not None:
        status_basis(claim, basis_for)
    return publish(claim, by)


def rich_status_change(by):
    """The latest change of ``rich_claim``, citing two pieces of evidence, both public once the
    claim is (a published claim's history never cites a draft)."""
    return rich_claim(by).changes[-1]


def rich_correction(by):
    """A public correction of a published statement, its note translated into Russian (a
    correction's note is translated by a further correction of the same record)."""
    return correct_with_translated_note(
        by,
        rich_statement(by),
        {"place": "Astana"},
        note="The place was added.",
        russian="Добавлено место.",
    )


def correct_with_translated_note(by, record, changes, *, note, russian):
    """A public correction of a published ``record`` whose note has a Russian translation."""
    correction = services.record_correct(by=by, record=record, changes=changes, note=note)
    services.translation_save(
        by=by,
        record=correction,
        field="note",
        language="ru",
        script=Script.CYRILLIC,
        text=russian,
        correction_note="The note's Russian translation was added.",
    )
    return correction


def rich_link(by):
    """A link between a published statement and published evidence."""
    return services.contradiction_link_create(
        by=by,
        first=publish(StatementFactory(), by),
        second=publish(EvidenceFactory(), by),
        explanation="The ruling says the opposite.",
    )


def draft_link(by):
    """A link with a draft at one end: a draft to every reader who may not see drafts."""
    return services.contradiction_link_create(
        by=by,
        first=publish(ClaimFactory(), by),
        second=StatementFactory(),
        explanation="The draft says otherwise.",
    )


def primary_name(actor):
    return actor.names.get(kind=NameKind.PRIMARY).value
