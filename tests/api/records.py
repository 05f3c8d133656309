"""Records that fill every nested list an API object has, drafts included.

Each ``rich_*`` builder makes one published record whose nested lists each hold a published and
a draft item, so a test can check both that a list runs a fixed number of queries and that an
anonymous reader sees no draft inside a published record.
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
)


def publish[R: Publishable](record: R, by) -> R:
    return services.record_publish(by=by, record=record)


def set_status(claim, by, new_status, *, evidence=(), reason="Courts found otherwise."):
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=claim.status,
        reason=reason,
        as_of=PartialDate(2024, 1, 11),
        evidence=evidence,
    )


def rich_actor():
    """A person with a name in two scripts, a post in an institution and a family tie each way."""
    actor = ActorFactory()
    ActorNameFactory(actor=actor, value="Актёр", language="ru", script=Script.CYRILLIC)
    institution = ActorFactory(kind=ActorKind.INSTITUTION)
    ActorRoleFactory(actor=actor, organisation=institution, start=PartialDate(2019, 3))
    ActorRelation.objects.create(
        subject=actor, kind=RelationKind.SIBLING_OF, other=ActorFactory(), source=SourceFactory()
    )
    ActorRelation.objects.create(
        subject=ActorFactory(), kind=RelationKind.CHILD_OF, other=actor, source=SourceFactory()
    )
    return actor


def rich_topic():
    topic = TopicFactory()
    TopicName.objects.create(
        topic=topic, value="Қаңтар", language="kk", script=Script.CYRILLIC, source=SourceFactory()
    )
    return topic


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
    ClaimEvidenceFactory(evidence=evidence, claim=publish(ClaimFactory(), by))
    ClaimEvidenceFactory(evidence=evidence, claim=ClaimFactory(), stance=Stance.CONTEXT)
    return evidence


@dataclass
class RichClaim:
    claim: Claim
    statement: Statement
    draft_statement: Statement
    evidence: Evidence
    draft_evidence: Evidence
    changes: list[StatusChange]


def rich_claim(by):
    """A published claim under a topic, asserted by a published and a draft statement, with
    published and draft evidence, and two status changes that cite both."""
    statement = publish(StatementFactory(), by)
    draft_statement = StatementFactory()
    claim = ClaimFactory(statements=[statement, draft_statement])
    claim.topics.add(rich_topic())
    evidence = publish(EvidenceFactory(), by)
    draft_evidence = EvidenceFactory()
    ClaimEvidenceFactory(claim=claim, evidence=evidence, stance=Stance.CONTRADICTS)
    ClaimEvidenceFactory(claim=claim, evidence=draft_evidence, stance=Stance.SUPPORTS)
    changes = [
        set_status(claim, by, ClaimStatus.UNCONFIRMED, evidence=[draft_evidence]),
        set_status(claim, by, ClaimStatus.REFUTED, evidence=[evidence, draft_evidence]),
    ]
    publish(claim, by)
    return RichClaim(claim, statement, draft_statement, evidence, draft_evidence, changes)


def rich_status_change(by):
    """A change citing a published and a draft piece of evidence, on a published claim."""
    return rich_claim(by).changes[-1]


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
